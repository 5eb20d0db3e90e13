import { createHmac } from "node:crypto";
import { z } from "zod";
import { timingSafeEqualString } from "../lib/hmac.js";

/**
 * Verifies the session token of a checkout or customer-account UI extension
 * (https://shopify.dev/docs/api/checkout-ui-extensions/latest/target-apis/platform-apis/session-token-api).
 * Same rules as `shopify.session.decodeSessionToken` (HS256 with the app secret, aud = API key, exp/nbf),
 * but stricter: the alg header must be HS256, exp and nbf must be present, `dest` must name a
 * *.myshopify.com shop, and `sub`, when present, must be a Customer GID. Extension tokens differ from admin
 * ones: `dest` is the bare shop domain, there is no iss/sid, and `sub` exists only for a logged-in buyer
 * when the app may read customers. Requiring a Customer GID in `sub` also refuses admin tokens (numeric sub).
 */

export interface ExtensionTokenOptions {
  apiKey: string;
  secret: string;
  now: Date;
  /** Seconds of clock skew accepted on exp/nbf; Shopify's own decoder allows 10. */
  toleranceSeconds?: number;
}

export interface ExtensionSession {
  /** Permanent shop domain, e.g. "my-store.myshopify.com". */
  shop: string;
  /** Numeric Shopify customer id when the buyer is logged in. */
  customerId?: string;
  expiresAt: Date;
}

export type ExtensionTokenFailure =
  | "malformed"
  | "bad_algorithm"
  | "bad_signature"
  | "expired"
  | "not_yet_valid"
  | "wrong_audience"
  | "bad_claims";

export type ExtensionTokenResult =
  | { ok: true; session: ExtensionSession }
  | { ok: false; reason: ExtensionTokenFailure };

const DEFAULT_TOLERANCE_SECONDS = 10;
const SHOP_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}\.myshopify\.com$/;
const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/([1-9][0-9]{0,19})$/;
const SEGMENT = /^[A-Za-z0-9_-]+$/;

const headerSchema = z.object({ alg: z.literal("HS256"), typ: z.string().optional() }).passthrough();
const payloadSchema = z
  .object({
    dest: z.string().min(1).max(300),
    aud: z.union([z.string(), z.array(z.string())]),
    exp: z.number().int(),
    nbf: z.number().int(),
    iat: z.number().int().optional(),
    sub: z.string().max(100).optional(),
  })
  .passthrough();

export function verifyExtensionToken(token: unknown, options: ExtensionTokenOptions): ExtensionTokenResult {
  if (typeof token !== "string" || token.length > 4096) return fail("malformed");
  const parts = token.split(".");
  if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p))) return fail("malformed");
  const [head, body, signature] = parts as [string, string, string];
  const header = parseJson(head);
  if (header === undefined) return fail("malformed");
  // Only HS256: "none" or an asymmetric alg must never reach the HMAC check (alg-confusion attacks).
  if (!headerSchema.safeParse(header).success) return fail("bad_algorithm");
  const expected = createHmac("sha256", options.secret).update(`${head}.${body}`, "ascii").digest("base64url");
  if (!timingSafeEqualString(signature, expected)) return fail("bad_signature");
  const claims = payloadSchema.safeParse(parseJson(body));
  if (!claims.success) return fail("bad_claims");
  const { dest, aud, exp, nbf, sub } = claims.data;
  const nowSeconds = options.now.getTime() / 1000;
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (nowSeconds >= exp + tolerance) return fail("expired");
  if (nowSeconds < nbf - tolerance) return fail("not_yet_valid");
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(options.apiKey)) return fail("wrong_audience");
  const shop = shopFromDest(dest);
  if (!shop) return fail("bad_claims");
  let customerId: string | undefined;
  if (sub !== undefined) {
    const match = CUSTOMER_GID.exec(sub);
    if (!match) return fail("bad_claims");
    customerId = match[1];
  }
  return { ok: true, session: { shop, ...(customerId ? { customerId } : {}), expiresAt: new Date(exp * 1000) } };
}

/** Extension tokens carry the bare domain; admin-style "https://shop" is accepted and reduced to the host. */
function shopFromDest(dest: string): string | undefined {
  let host = dest.toLowerCase();
  if (host.startsWith("https://")) {
    try {
      const url = new URL(host);
      if (url.pathname !== "/" || url.search || url.port) return undefined;
      host = url.hostname;
    } catch {
      return undefined;
    }
  }
  return SHOP_PATTERN.test(host) ? host : undefined;
}

function parseJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

function fail(reason: ExtensionTokenFailure): ExtensionTokenResult {
  return { ok: false, reason };
}
