import { z } from "zod";
import { hmacSha256Hex, timingSafeEqualString } from "../lib/hmac.js";

/**
 * Shopify app proxy signature check, on the raw query string as Shopify forwarded it.
 * Algorithm: drop `signature`, render every other param as "key=value" (repeated values joined with ","),
 * sort those strings, concatenate with no separator, hex HMAC-SHA256 with the app secret
 * (https://shopify.dev/docs/apps/build/online-store/app-proxies/authenticate-app-proxies).
 */

export type ProxyFailureReason =
  | "malformed"
  | "missing_signature"
  | "duplicate_param"
  | "invalid_timestamp"
  | "timestamp_out_of_range"
  | "bad_signature"
  | "invalid_shop"
  | "invalid_customer_id";

export type ProxyVerification =
  | {
      ok: true;
      /** Every signed param except `signature`; repeated values joined with ",". */
      params: Record<string, string>;
      shop: string;
      /** Absent when nobody is logged in (Shopify sends the param blank). */
      loggedInCustomerId?: string;
      pathPrefix?: string;
    }
  | { ok: false; reason: ProxyFailureReason };

// Same tolerance as @shopify/shopify-api 15 (lib/utils/hmac-validator.ts): bounds replay of a captured URL.
export const PROXY_TIMESTAMP_TOLERANCE_SECONDS = 90;
// Params Shopify adds itself; a second copy can only come from the shopper's own query string, so it is an
// attempt to smuggle a value past the comma-joining (shopify-api 15 rejects duplicated security params too).
const SINGLE_VALUE_PARAMS = new Set(["signature", "timestamp", "shop", "logged_in_customer_id", "path_prefix", "hmac"]);
const MAX_QUERY_LENGTH = 8192;
const shopSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}\.myshopify\.com$/);
const customerIdSchema = z.string().regex(/^[1-9][0-9]{0,19}$/);

export function verifyAppProxySignature(rawQueryString: string, secret: string, now: Date): ProxyVerification {
  if (typeof rawQueryString !== "string" || rawQueryString.length > MAX_QUERY_LENGTH) return fail("malformed");
  const parsed = parseQuery(rawQueryString);
  if (parsed === "malformed" || parsed === "duplicate_param") return fail(parsed);
  const signature = parsed.get("signature")?.[0];
  if (signature === undefined || signature === "") return fail("missing_signature");
  if (!/^[0-9a-f]{64}$/.test(signature)) return fail("bad_signature");
  const timestamp = parsed.get("timestamp")?.[0];
  if (timestamp === undefined || !/^[0-9]{1,12}$/.test(timestamp)) return fail("invalid_timestamp");
  if (Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp)) > PROXY_TIMESTAMP_TOLERANCE_SECONDS) {
    return fail("timestamp_out_of_range");
  }
  const params: Record<string, string> = {};
  for (const [key, values] of parsed) if (key !== "signature") params[key] = values.join(",");
  const expected = computeAppProxySignature(params, secret);
  if (!timingSafeEqualString(signature, expected)) return fail("bad_signature");
  // Only trusted after the signature: the shop and customer id are what the endpoint acts on.
  const shop = shopSchema.safeParse(params.shop);
  if (!shop.success) return fail("invalid_shop");
  const customer = params.logged_in_customer_id;
  if (customer !== undefined && customer !== "" && !customerIdSchema.safeParse(customer).success) {
    return fail("invalid_customer_id");
  }
  return {
    ok: true,
    params,
    shop: shop.data,
    ...(customer ? { loggedInCustomerId: customer } : {}),
    ...(params.path_prefix !== undefined ? { pathPrefix: params.path_prefix } : {}),
  };
}

/** Hex signature over already-decoded params (arrays are joined with ",", `signature` is ignored). */
export function computeAppProxySignature(params: Record<string, string | string[]>, secret: string): string {
  const message = Object.entries(params)
    .filter(([key]) => key !== "signature")
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(",") : value}`)
    .sort(compareCodeUnits)
    .join("");
  return hmacSha256Hex(secret, message);
}

/**
 * Signs params as Shopify's proxy would and returns the forwarded query string (without "?").
 * For tests and the sandbox's local stand-in for Shopify's proxy.
 */
export function signAppProxyQuery(params: Record<string, string | string[]>, secret: string): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (key === "signature") continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, v);
  }
  search.append("signature", computeAppProxySignature(params, secret));
  return search.toString();
}

function parseQuery(raw: string): Map<string, string[]> | "malformed" | "duplicate_param" {
  const query = raw.startsWith("?") ? raw.slice(1) : raw;
  const out = new Map<string, string[]>();
  for (const pair of query.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const key = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = decode(eq === -1 ? "" : pair.slice(eq + 1));
    if (key === undefined || value === undefined || key === "") return "malformed";
    const existing = out.get(key);
    if (existing && SINGLE_VALUE_PARAMS.has(key)) return "duplicate_param";
    if (existing) existing.push(value);
    else out.set(key, [value]);
  }
  return out;
}

/** Form decoding ("+" is a space); undefined for broken percent-escapes instead of a URIError. */
function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

// Ruby's String#sort in Shopify's example compares bytes; code-unit order matches it for ASCII keys.
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function fail(reason: ProxyFailureReason): ProxyVerification {
  return { ok: false, reason };
}
