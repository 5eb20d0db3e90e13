import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { NONCE_BYTES, claimsSchema, decodePayload, encodePayload, type RefClaims } from "./ref-payload.js";

export type { EntryPoint, RefClaims, RefKind } from "./ref-payload.js";

// Order refs may carry `claims.verifier` (see ref-payload.ts); verifyRef returns it as signed, the binder
// compares it with the order's confirmation number before anything is sent.

/**
 * Signed m.me refs: "v1.<kid>.<payload>.<sig>", all base64url plus ".", so every char is in Meta's ref
 * alphabet [A-Za-z0-9+/=\-.:_] and the whole ref stays <= 250 chars
 * (https://developers.facebook.com/docs/messenger-platform/discovery/m-me-links).
 * Meta passes `ref` through unauthenticated, so the HMAC is the only thing that makes it trustworthy.
 */

/** Ref signing keys, separate from every other secret; rotate by adding a kid and switching currentKid. */
export interface RefKeyring {
  currentKid: string;
  keys: Record<string, string | Buffer>;
}

export interface CreateRefInput {
  keyring: RefKeyring;
  claims: RefClaims;
  now: Date;
  ttlSeconds: number;
  /** 16 base64url chars (12 bytes); random when omitted. */
  nonce?: string;
}

export interface VerifyRefOptions {
  keyring: RefKeyring;
  now: Date;
  expectedShop?: string;
  expectedPageId?: string;
}

export type RefFailureReason =
  | "malformed"
  | "unknown_version"
  | "unknown_key"
  | "forged"
  | "expired"
  | "wrong_shop"
  | "wrong_page";

export type VerifyRefResult =
  | { ok: true; claims: RefClaims; nonce: string; expiresAt: Date; kid: string }
  | { ok: false; reason: RefFailureReason };

export const REF_VERSION = "v1";
export const MAX_REF_LENGTH = 250;
export const META_REF_PATTERN = /^[A-Za-z0-9+/=\-.:_]{1,250}$/;
// 144 bits: above the 128-bit floor for a truncated HMAC tag, and 24 base64url chars with no slack bits.
const SIG_BYTES = 18;
const SIG_CHARS = 24;
// Domain separation: a key accidentally shared with another use still yields unrelated tags.
const MAC_CONTEXT = "messenger-connect/signed-ref\n";
const MIN_KEY_BYTES = 32;
const MAX_TTL_SECONDS = 366 * 24 * 3600;

const kidSchema = z.string().regex(/^[A-Za-z0-9]{1,8}$/);
const nonceSchema = z.string().regex(/^[A-Za-z0-9_-]{16}$/);
const createSchema = z.object({
  claims: claimsSchema,
  ttlSeconds: z.number().int().positive().max(MAX_TTL_SECONDS),
  nonce: nonceSchema.optional(),
});

/**
 * Creates a signed ref. Throws on invalid claims, keyring or ttl: those come from our own code, so a
 * throw is a programming error, not bad user input.
 */
export function createRef(input: CreateRefInput): string {
  const { claims, ttlSeconds, nonce } = createSchema.parse({
    claims: input.claims,
    ttlSeconds: input.ttlSeconds,
    nonce: input.nonce,
  });
  const kid = kidSchema.parse(input.keyring.currentKid);
  const key = keyFor(input.keyring, kid);
  if (!key) throw new Error(`signed-ref: currentKid "${kid}" has no usable key (>= ${MIN_KEY_BYTES} bytes)`);
  const expiresAtSeconds = Math.floor(input.now.getTime() / 1000) + ttlSeconds;
  const nonceBytes = nonce ? Buffer.from(nonce, "base64url") : randomBytes(NONCE_BYTES);
  const payload = encodePayload(claims as RefClaims, expiresAtSeconds, nonceBytes).toString("base64url");
  const signed = `${REF_VERSION}.${kid}.${payload}`;
  const ref = `${signed}.${sign(key, signed)}`;
  if (ref.length > MAX_REF_LENGTH) throw new Error(`signed-ref: ref is ${ref.length} chars, over Meta's 250`);
  return ref;
}

/** Verifies a ref from an untrusted source. Never throws: every failure is a reason. */
export function verifyRef(ref: unknown, options: VerifyRefOptions): VerifyRefResult {
  if (typeof ref !== "string" || !META_REF_PATTERN.test(ref)) return fail("malformed");
  const parts = ref.split(".");
  if (parts.length !== 4) return fail("malformed");
  const [version, kid, payload, sig] = parts as [string, string, string, string];
  if (!/^v[0-9]{1,3}$/.test(version)) return fail("malformed");
  if (version !== REF_VERSION) return fail("unknown_version");
  if (!kidSchema.safeParse(kid).success) return fail("malformed");
  const key = keyFor(options.keyring, kid);
  if (!key) return fail("unknown_key");
  if (!/^[A-Za-z0-9_-]+$/.test(payload) || !/^[A-Za-z0-9_-]+$/.test(sig)) return fail("malformed");
  // Compare the encoded tags: base64url of 18 bytes has no padding bits, so one string = one tag.
  const expected = sign(key, `${version}.${kid}.${payload}`);
  if (sig.length !== SIG_CHARS || !timingSafeEqual(Buffer.from(sig), Buffer.from(expected))) return fail("forged");
  const decoded = decodePayload(Buffer.from(payload, "base64url"));
  if (!decoded) return fail("malformed");
  const expiresAt = new Date(decoded.expiresAtSeconds * 1000);
  if (options.now.getTime() >= expiresAt.getTime()) return fail("expired");
  if (options.expectedShop !== undefined && decoded.claims.shop !== options.expectedShop) return fail("wrong_shop");
  // A ref with no page binding is valid for any Page of the shop; a bound one only for its Page.
  const { pageId } = decoded.claims;
  if (options.expectedPageId !== undefined && pageId !== undefined && pageId !== options.expectedPageId) {
    return fail("wrong_page");
  }
  return { ok: true, claims: decoded.claims, nonce: decoded.nonce.toString("base64url"), expiresAt, kid };
}

function sign(key: Buffer, signed: string): string {
  return createHmac("sha256", key)
    .update(MAC_CONTEXT + signed, "ascii")
    .digest()
    .subarray(0, SIG_BYTES)
    .toString("base64url");
}

function keyFor(keyring: RefKeyring, kid: string): Buffer | undefined {
  if (!Object.prototype.hasOwnProperty.call(keyring.keys, kid)) return undefined;
  const raw = keyring.keys[kid];
  const key = typeof raw === "string" ? Buffer.from(raw, "utf8") : raw;
  return key && key.length >= MIN_KEY_BYTES ? key : undefined;
}

function fail(reason: RefFailureReason): VerifyRefResult {
  return { ok: false, reason };
}
