import type { Session } from "@shopify/shopify-api";
import type { z } from "zod";
import { shopifyErrors, withAdminApiBase } from "./admin-api-base.js";
import { AdminApiError } from "./admin-api-error.js";
import { createOfflineTokens, flagReauth, type OfflineTokenDeps, type OfflineTokens } from "./offline-token.js";
import { retryAfterMs, waitBeforeMs, type BucketReading, type ThrottleStatus } from "./throttle.js";

const { GraphqlQueryError, HttpInternalError, HttpRequestError, HttpResponseError, HttpThrottlingError } =
  shopifyErrors;

/**
 * The app's one way to call the GraphQL Admin API, for any feature:
 *
 *   const data = await deps.adminApi.request(shop, SHOP_QUERY);          // typed by the operation's zod schema
 *
 * It goes through @shopify/shopify-api's GraphQL client with the shop's expiring offline token (refreshed
 * before expiry, once across instances), waits when the shop's cost bucket is short (cost-based throttling),
 * retries THROTTLED answers and 429s after the time Shopify says (throttleStatus / Retry-After), refreshes once
 * on a 401, and fails with an AdminApiError whose `failure` tells a job what to do.
 */
export interface AdminOperation<T> {
  /** For logs; the GraphQL operation name. */
  name: string;
  query: string;
  /** The response's `data`, validated at the edge. */
  data: z.ZodType<T>;
  /** Expected cost in points (Shopify's calculated cost), used to wait before sending when the bucket is low. */
  cost: number;
}

export interface AdminApi {
  request<T>(shop: string, operation: AdminOperation<T>, variables?: Record<string, unknown>): Promise<T>;
}

export interface AdminApiOptions {
  /** Longest wait (throttling) done in-line; longer waits fail as `throttled` so the job can be rescheduled. */
  maxInlineWaitMs?: number;
  /** Tries per request (THROTTLED/429 retries and one refresh after a 401 count). */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

export function createAdminApi(
  deps: OfflineTokenDeps,
  options: AdminApiOptions = {},
): AdminApi & { tokens: OfflineTokens } {
  const tokens = createOfflineTokens(deps);
  const maxInlineWaitMs = options.maxInlineWaitMs ?? 10_000;
  const maxAttempts = options.maxAttempts ?? 4;
  const sleep = options.sleep ?? realSleep;
  /** Last throttleStatus per shop, as Shopify reported it. Per process: an estimate, Shopify stays the judge. */
  const buckets = new Map<string, BucketReading>();
  const base = deps.config.shopify.adminApiUrl;

  function remember(shop: string, status: ThrottleStatus | undefined) {
    if (status) buckets.set(shop, { ...status, at: deps.clock.now().getTime() });
  }

  async function pause(ms: number, shop: string, operation: string) {
    if (ms > maxInlineWaitMs) {
      throw new AdminApiError("throttled", `${operation} on ${shop}: rate limited for ${ms} ms`, ms);
    }
    if (ms > 0) {
      deps.logger.debug({ shop, operation, waitMs: ms }, "admin api: waiting for the cost bucket");
      await sleep(ms);
    }
  }

  async function send(session: Session, operation: AdminOperation<unknown>, variables?: Record<string, unknown>) {
    const client = new deps.shopify.api.clients.Graphql({ session });
    // retries: 0: the library would sleep Retry-After as milliseconds; throttling is handled here instead.
    return withAdminApiBase(base, () => client.request(operation.query, { variables: variables ?? {}, retries: 0 }));
  }

  return {
    tokens,
    async request<T>(shop: string, operation: AdminOperation<T>, variables?: Record<string, unknown>): Promise<T> {
      let refreshedAfter401 = false;
      for (let attempt = 1; ; attempt += 1) {
        const last = attempt >= maxAttempts;
        await pause(waitBeforeMs(buckets.get(shop), operation.cost, deps.clock.now().getTime()), shop, operation.name);
        let session = await tokens.current(shop);
        try {
          const response = await send(session, operation, variables);
          remember(shop, costOf(response.extensions));
          const parsed = operation.data.safeParse(response.data);
          if (!parsed.success) {
            throw new AdminApiError(
              "rejected",
              `${operation.name}: unexpected response shape (${parsed.error.issues[0]?.message})`,
            );
          }
          return parsed.data;
        } catch (error) {
          if (error instanceof AdminApiError) throw error;
          if (error instanceof GraphqlQueryError) {
            const body = error.body as
              | { errors?: { graphQLErrors?: { extensions?: { code?: string } }[] }; extensions?: unknown }
              | undefined;
            const cost = costOf(body?.extensions);
            remember(shop, cost);
            const throttled = body?.errors?.graphQLErrors?.some((e) => e.extensions?.code === "THROTTLED");
            if (!throttled) throw new AdminApiError("rejected", `${operation.name}: ${error.message}`);
            const wait = retryAfterMs({
              status: cost,
              requestedCost: requestedCostOf(body?.extensions) ?? operation.cost,
            });
            if (last) throw new AdminApiError("throttled", `${operation.name}: THROTTLED`, wait);
            await pause(wait, shop, operation.name);
            continue;
          }
          if (error instanceof HttpThrottlingError) {
            const wait = retryAfterMs({ retryAfterSeconds: error.response.retryAfter });
            if (last) throw new AdminApiError("throttled", `${operation.name}: HTTP 429`, wait);
            await pause(wait, shop, operation.name);
            continue;
          }
          if (error instanceof HttpInternalError || error instanceof HttpRequestError) {
            throw new AdminApiError("unavailable", `${operation.name}: ${error.message.split("\n")[0]}`);
          }
          if (error instanceof HttpResponseError && error.response.code === 401) {
            // The token was refused before its expiry (revoked, or a clock skew): refresh once, then give up.
            if (refreshedAfter401 || !session.accessToken) {
              await forgetAccessToken(deps, session);
              await flagReauth(deps, shop, "Shopify refused the refreshed access token");
              throw new AdminApiError("reauth_required", `${operation.name}: access token refused`);
            }
            refreshedAfter401 = true;
            session = await tokens.replace(shop, session.accessToken);
            continue;
          }
          if (error instanceof HttpResponseError) {
            throw new AdminApiError("rejected", `${operation.name}: HTTP ${error.response.code}`);
          }
          // fetch failed (connection refused, DNS), or the timeout fired.
          throw new AdminApiError("unavailable", `${operation.name}: ${(error as Error).message}`);
        }
      }
    },
  };
}

/** A refused token is dropped, so the merchant's next visit runs token exchange instead of reusing it. */
async function forgetAccessToken(deps: OfflineTokenDeps, session: Session) {
  session.accessToken = undefined;
  await deps.sessionStorage.storeSession(session);
}

function costOf(extensions: unknown): ThrottleStatus | undefined {
  const status = (extensions as { cost?: { throttleStatus?: ThrottleStatus } } | undefined)?.cost?.throttleStatus;
  return status && typeof status.currentlyAvailable === "number" && typeof status.restoreRate === "number"
    ? status
    : undefined;
}

function requestedCostOf(extensions: unknown): number | undefined {
  const cost = (extensions as { cost?: { requestedQueryCost?: unknown } } | undefined)?.cost?.requestedQueryCost;
  return typeof cost === "number" ? cost : undefined;
}
