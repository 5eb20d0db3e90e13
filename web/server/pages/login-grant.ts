import { hkdfSync, randomBytes } from "node:crypto";
import { z } from "zod";
import { hmacSha256, timingSafeEqualString } from "../lib/hmac.js";
import type { TokenCipher } from "../lib/token-cipher.js";

/** The OAuth state lives 10 minutes: long enough to log in, short enough that a leaked URL goes stale. */
export const STATE_TTL_MS = 10 * 60_000;
/** A grant (sealed tokens handed to the admin between "list" and "connect") lives 15 minutes. */
export const GRANT_TTL_MS = 15 * 60_000;

export class LoginGrantError extends Error {
  constructor(readonly reason: "state_invalid" | "state_expired" | "grant_invalid" | "grant_expired") {
    super(reason);
    this.name = "LoginGrantError";
  }
}

/** A dedicated key for OAuth state, derived so it never equals the encryption key or the ref keys. */
export function deriveStateKey(encryptionKey: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", encryptionKey, Buffer.alloc(0), "flfb-oauth-state-v1", 32));
}

const statePayload = z.object({ shop: z.string(), redirectUri: z.string(), exp: z.number(), n: z.string() });

/**
 * OAuth state = base64url(json).base64url(HMAC): stateless CSRF protection bound to the shop of the session
 * that asked for it. https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow#logindialog
 */
export function signState(key: Buffer, shop: string, redirectUri: string, now: Date): string {
  const body = Buffer.from(
    JSON.stringify({ shop, redirectUri, exp: now.getTime() + STATE_TTL_MS, n: randomBytes(9).toString("base64url") }),
  ).toString("base64url");
  return `${body}.${hmacSha256(key, body).toString("base64url")}`;
}

export function verifyState(key: Buffer, state: string, shop: string, redirectUri: string, now: Date): void {
  const [body, mac, extra] = state.split(".");
  if (!body || !mac || extra !== undefined) throw new LoginGrantError("state_invalid");
  if (!timingSafeEqualString(mac, hmacSha256(key, body).toString("base64url")))
    throw new LoginGrantError("state_invalid");
  const parsed = statePayload.safeParse(safeJson(Buffer.from(body, "base64url").toString("utf8")));
  if (!parsed.success || parsed.data.shop !== shop || parsed.data.redirectUri !== redirectUri) {
    throw new LoginGrantError("state_invalid");
  }
  if (parsed.data.exp <= now.getTime()) throw new LoginGrantError("state_expired");
}

const grantSchema = z.object({
  v: z.literal("flfb-grant-1"),
  shop: z.string(),
  exp: z.number(),
  userId: z.string(),
  userToken: z.string(),
  pages: z.array(z.object({ id: z.string(), name: z.string(), username: z.string().optional(), token: z.string() })),
});
export type Grant = z.infer<typeof grantSchema>;

/** Seals the user and Page tokens with AES-GCM (authenticated: any change fails to open), shop bound inside. */
export function sealGrant(
  cipher: TokenCipher,
  grant: Omit<Grant, "v" | "exp">,
  now: Date,
): { grant: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + GRANT_TTL_MS);
  const sealed = cipher.encrypt(JSON.stringify({ v: "flfb-grant-1", exp: expiresAt.getTime(), ...grant }));
  return { grant: sealed, expiresAt };
}

export function openGrant(cipher: TokenCipher, sealed: string, shop: string, now: Date): Grant {
  let plain: string;
  try {
    plain = cipher.decrypt(sealed);
  } catch {
    throw new LoginGrantError("grant_invalid");
  }
  const parsed = grantSchema.safeParse(safeJson(plain));
  if (!parsed.success || parsed.data.shop !== shop) throw new LoginGrantError("grant_invalid");
  if (parsed.data.exp <= now.getTime()) throw new LoginGrantError("grant_expired");
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
