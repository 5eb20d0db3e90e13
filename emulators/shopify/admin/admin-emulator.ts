import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { systemClock, type Clock } from "../../../web/server/lib/clock.js";
import { parseBody, readBody, sendJson } from "../../meta/http-util.js";
import { parseOperation, runOperation } from "./admin-schema.js";
import { createAdminState, type EmulatedShop } from "./admin-state.js";
import { answerTokenRequest } from "./oauth-token.js";

export interface ShopifyAdminEmulatorOptions {
  apiKey: string;
  apiSecret: string;
  clock?: Clock;
}

export interface AdminRequest {
  path: string;
  /** The X-Shopify-Access-Token sent, or null. */
  accessToken: string | null;
  body: unknown;
  status: number;
}

/** API versions the emulator serves (Shopify keeps each stable version for 12 months). */
const SUPPORTED_VERSIONS = new Set(["2026-01", "2026-04", "2026-07", "2026-10", "2027-01"]);
/** Shopify's 401 body for a missing or wrong access token. */
const INVALID_TOKEN = { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" };

/**
 * A stand-in for a shop's Admin API origin (what SHOPIFY_ADMIN_API_URL points at): Admin GraphQL with the cost
 * model and leaky bucket, and the OAuth token endpoint. It refuses what Shopify refuses: no or a wrong
 * X-Shopify-Access-Token (401), fields outside the schema slice the app uses (GraphQL errors), over-budget
 * queries (THROTTLED). The shop is known from the credential, as every path here is shop-relative.
 */
export function createShopifyAdminEmulator(options: ShopifyAdminEmulatorOptions) {
  const clock = options.clock ?? systemClock;
  const state = createAdminState(clock);
  const requests: AdminRequest[] = [];
  /** Answers the next N GraphQL requests with this status instead (e.g. 429 with Retry-After, 503). */
  const queuedFailures: { status: number; headers: Record<string, string> }[] = [];
  let server: Server | null = null;
  let url = "";

  function refill(shop: EmulatedShop): void {
    const b = shop.bucket;
    const now = state.now();
    b.available = Math.min(b.maximumAvailable, b.available + ((now - b.at) / 1000) * b.restoreRate);
    b.at = now;
  }

  function throttleStatus(shop: EmulatedShop) {
    const b = shop.bucket;
    return {
      maximumAvailable: b.maximumAvailable,
      currentlyAvailable: Math.floor(b.available),
      restoreRate: b.restoreRate,
    };
  }

  async function graphql(
    req: IncomingMessage,
    raw: Buffer,
  ): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const failure = queuedFailures.shift();
    if (failure)
      return {
        status: failure.status,
        body: { errors: "Exceeded 2 calls per second for api client." },
        headers: failure.headers,
      };
    const token = req.headers["x-shopify-access-token"];
    const shop = typeof token === "string" ? state.shopForAccessToken(token) : null;
    if (!shop) return { status: 401, body: INVALID_TOKEN };
    const parsed = parseBody(req, raw);
    if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null) {
      return { status: 400, body: { errors: { query: "Required parameter missing or invalid" } } };
    }
    const { query, variables, operationName } = parsed.value as Record<string, unknown>;
    const name = typeof operationName === "string" ? operationName : undefined;
    const checked = parseOperation(query, name);
    if (!checked.ok) return { status: 200, body: { errors: checked.errors } };
    refill(shop);
    const cost = checked.operation.requestedCost;
    if (cost > shop.bucket.available) {
      return {
        status: 200,
        body: {
          errors: [
            {
              message: "Throttled",
              extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
            },
          ],
          extensions: {
            cost: { requestedQueryCost: cost, actualQueryCost: null, throttleStatus: throttleStatus(shop) },
          },
        },
      };
    }
    shop.bucket.available -= cost;
    const result = await runOperation(checked.operation, variables, name, { state, shop });
    return {
      status: 200,
      body: {
        ...result,
        extensions: { cost: { requestedQueryCost: cost, actualQueryCost: cost, throttleStatus: throttleStatus(shop) } },
      },
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://emulator").pathname;
    const raw = await readBody(req);
    const record = (status: number, body: unknown) => {
      const token = req.headers["x-shopify-access-token"];
      const parsed = parseBody(req, raw);
      requests.push({
        path,
        accessToken: typeof token === "string" ? token : null,
        body: parsed.ok ? parsed.value : raw.toString("utf8"),
        status,
      });
      return body;
    };
    if (req.method === "POST" && path === "/admin/oauth/access_token") {
      const parsed = parseBody(req, raw);
      const params =
        parsed.ok && typeof parsed.value === "object" && parsed.value ? (parsed.value as Record<string, unknown>) : {};
      const answer = answerTokenRequest(state, options, params);
      return sendJson(res, answer.status, record(answer.status, answer.body));
    }
    const api = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(path);
    if (req.method === "POST" && api && SUPPORTED_VERSIONS.has(api[1] ?? "")) {
      const answer = await graphql(req, raw);
      return sendJson(res, answer.status, record(answer.status, answer.body), answer.headers);
    }
    sendJson(res, 404, record(404, { errors: "Not Found" }));
  }

  return {
    get url() {
      return url;
    },
    state,
    requests,
    /** Adds a shop that has the app installed (its app installation exists); names default from the domain. */
    addShop: (input: Parameters<typeof state.addShop>[0]) => state.addShop(input),
    /** An expiring offline token pair for the shop, as token exchange would return it. */
    issueOfflineToken: (domain: string, expiresInSeconds?: number) =>
      state.issuePair(state.shop(domain), expiresInSeconds),
    /** A legacy non-expiring offline token for the shop (installed before expiring tokens). */
    issueNonExpiringToken: (domain: string) => state.issueNonExpiring(state.shop(domain)),
    /** Non-expiring tokens of the shop exchanged for expiring ones so far. */
    migrationCount: (domain: string) => state.migrations.get(domain) ?? 0,
    revokeRefreshTokens: (domain: string) => state.revokeRefreshTokens(domain),
    expireAccessTokens: (domain: string) => state.expireAccessTokens(domain),
    /** Successful refresh_token grants for the shop so far. */
    refreshCount: (domain: string) => state.refreshes.get(domain) ?? 0,
    /** The app-data metafields of the shop's app installation, as Liquid's `app.metafields` sees them. */
    appMetafields(domain: string): Record<string, Record<string, { value: string; type: string }>> {
      const out: Record<string, Record<string, { value: string; type: string }>> = {};
      for (const m of state.shop(domain).metafields.values()) {
        (out[m.namespace] ??= {})[m.key] = { value: m.value, type: m.type };
      }
      return out;
    },
    /** Sets the shop's leaky bucket (size and restore rate per second) and empties or fills it. */
    setBucket(domain: string, bucket: { maximumAvailable: number; restoreRate: number; available?: number }) {
      const shop = state.shop(domain);
      shop.bucket = { ...bucket, available: bucket.available ?? bucket.maximumAvailable, at: state.now() };
    },
    /** The next GraphQL request gets this HTTP status (429 carries Retry-After in seconds). */
    failNext(status: number, retryAfterSeconds?: number) {
      queuedFailures.push({
        status,
        headers: retryAfterSeconds !== undefined ? { "retry-after": String(retryAfterSeconds) } : {},
      });
    },
    async start(port = 0, host = "127.0.0.1"): Promise<string> {
      server = createServer((req, res) => {
        handle(req, res).catch((error: unknown) => {
          if (!res.headersSent) sendJson(res, 500, { errors: `Emulator error: ${(error as Error).message}` });
        });
      });
      // Node closes idle keep-alive sockets after 5 s; a client reusing one as it closes sees "fetch failed".
      // Keep them longer than any test's pause so a slow machine does not turn into failed token calls.
      server.keepAliveTimeout = 60_000;
      await new Promise<void>((done, fail) => {
        server?.once("error", fail);
        server?.listen(port, host, done);
      });
      url = `http://${host}:${(server.address() as AddressInfo).port}`;
      return url;
    },
    async close(): Promise<void> {
      if (!server) return;
      const s = server;
      server = null;
      s.closeAllConnections();
      await new Promise<void>((done) => s.close(() => done()));
    },
  };
}

export type ShopifyAdminEmulator = ReturnType<typeof createShopifyAdminEmulator>;
