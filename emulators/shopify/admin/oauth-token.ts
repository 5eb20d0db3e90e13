import { createHmac } from "node:crypto";
import { timingSafeEqualString } from "../../../web/server/lib/hmac.js";
import type { AdminState, TokenPair } from "./admin-state.js";

/**
 * POST /admin/oauth/access_token: the grants an embedded app uses. Token exchange (session token → offline
 * token, expiring only: public apps get no other kind from 2027-01-01; or a non-expiring offline token →
 * expiring pair, the migration) and refresh_token.
 * https://shopify.dev/docs/apps/build/authentication-authorization/get-access-tokens/exchange-tokens
 * https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/offline-access-tokens
 */
export type TokenAnswer = { status: number; body: TokenPair | { error: string; error_description: string } };

const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
const OFFLINE = "urn:shopify:params:oauth:token-type:offline-access-token";

const refuse = (status: number, error: string, error_description: string): TokenAnswer => ({
  status,
  body: { error, error_description },
});

export function answerTokenRequest(
  state: AdminState,
  app: { apiKey: string; apiSecret: string },
  params: Record<string, unknown>,
): TokenAnswer {
  const field = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : undefined);
  const clientId = field("client_id");
  const secret = field("client_secret");
  if (clientId !== app.apiKey || !secret || !timingSafeEqualString(secret, app.apiSecret)) {
    return refuse(401, "invalid_client", "Client authentication failed");
  }
  const grant = field("grant_type");
  if (grant === "refresh_token") {
    const token = field("refresh_token");
    const pair = token ? state.refresh(token) : null;
    return pair ? { status: 200, body: pair } : refuse(400, "invalid_grant", "Token has been expired or revoked.");
  }
  if (grant === TOKEN_EXCHANGE) {
    if (field("requested_token_type") !== OFFLINE) {
      return refuse(400, "invalid_request", "only offline access tokens are issued by this emulator");
    }
    if (field("expiring") !== "1") {
      return refuse(400, "invalid_request", "public apps must request expiring offline access tokens (expiring=1)");
    }
    // App Bridge mints session tokens on the real clock and the app's library checks them on it, so this does too.
    // Migration: a non-expiring offline token in exchange for an expiring pair.
    if (field("subject_token_type") === OFFLINE) {
      const pair = state.migrate(field("subject_token") ?? "");
      return pair
        ? { status: 200, body: pair }
        : refuse(400, "invalid_subject_token", "not a non-expiring offline token");
    }
    if (field("subject_token_type") !== ID_TOKEN) return refuse(400, "invalid_request", "subject_token_type");
    const shop = verifySessionToken(field("subject_token") ?? "", app, Date.now());
    if (!shop || !state.shops.has(shop)) return refuse(400, "invalid_subject_token", "the session token is invalid");
    return { status: 200, body: state.issuePair(state.shop(shop)) };
  }
  return refuse(400, "unsupported_grant_type", `grant_type ${grant ?? "(none)"} is not supported`);
}

/** HS256 with the app secret, aud = client id, within exp/nbf (10 s leeway): returns the shop domain. */
function verifySessionToken(token: string, app: { apiKey: string; apiSecret: string }, nowMs: number): string | null {
  const [head, body, signature] = token.split(".");
  if (!head || !body || !signature) return null;
  const expected = createHmac("sha256", app.apiSecret).update(`${head}.${body}`).digest("base64url");
  if (!timingSafeEqualString(signature, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
    const now = nowMs / 1000;
    if (claims.aud !== app.apiKey || typeof claims.dest !== "string") return null;
    if (typeof claims.exp !== "number" || claims.exp + 10 < now) return null;
    if (typeof claims.nbf === "number" && claims.nbf - 10 > now) return null;
    return new URL(claims.dest).hostname;
  } catch {
    return null;
  }
}
