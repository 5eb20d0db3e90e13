import { z } from "zod";
import { hmacSha256, timingSafeEqualString } from "../lib/hmac.js";

/**
 * What Meta's deauthorize and data-deletion callbacks carry. user_id is the app-scoped id of the person who
 * used Facebook Login with this app (the merchant who connected a Page), never a Messenger PSID.
 * https://developers.facebook.com/docs/development/create-an-app/app-dashboard/data-deletion-callback
 */
const payloadSchema = z
  .object({
    algorithm: z.string(),
    user_id: z
      .union([z.string(), z.number()])
      .transform(String)
      .pipe(z.string().regex(/^\d{1,30}$/)),
    issued_at: z.number().optional(),
  })
  .loose();
export type SignedRequestPayload = z.infer<typeof payloadSchema>;

export type SignedRequestResult =
  | { ok: true; payload: SignedRequestPayload }
  | { ok: false; reason: "malformed" | "bad_signature" | "unsupported_algorithm" };

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * Verifies `signed_request` = base64url(signature).base64url(payload), where the signature is the
 * HMAC-SHA256 of the payload part (as sent, still encoded) with the app secret. Compared in constant time.
 * Meta sometimes pads the signature with "=", so padding is ignored.
 */
export function parseSignedRequest(signedRequest: string, appSecret: string): SignedRequestResult {
  const parts = signedRequest.split(".");
  if (parts.length !== 2) return { ok: false, reason: "malformed" };
  const [sig = "", body = ""] = parts;
  if (!BASE64URL.test(sig) || !BASE64URL.test(body)) return { ok: false, reason: "malformed" };
  const expected = hmacSha256(appSecret, body).toString("base64url");
  if (!timingSafeEqualString(sig.replace(/=+$/, ""), expected)) return { ok: false, reason: "bad_signature" };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: "malformed" };
  // Only HMAC-SHA256 is defined; anything else could mean a different, unverified signature scheme.
  if (parsed.data.algorithm.toUpperCase() !== "HMAC-SHA256") return { ok: false, reason: "unsupported_algorithm" };
  return { ok: true, payload: parsed.data };
}

/** Builds a signed_request as Meta does; for the emulator, tests and the sandbox. */
export function signSignedRequest(payload: Record<string, unknown>, appSecret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${hmacSha256(appSecret, body).toString("base64url")}.${body}`;
}
