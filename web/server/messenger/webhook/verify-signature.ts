import { timingSafeEqual } from "node:crypto";
import { hmacSha256 } from "../../lib/hmac.js";

export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: "missing_header" | "malformed_header" | "missing_secret" | "invalid_body" | "mismatch" };

// "sha256=" + 64 hex digits; Meta sends lower-case hex, upper-case is tolerated since hex is case-insensitive.
const HEADER_PATTERN = /^sha256=([0-9a-f]{64})$/i;

/**
 * Checks X-Hub-Signature-256: the HMAC-SHA256 of the raw request bytes with the App Secret, compared in constant time.
 * Hash the raw bytes, never re-serialized JSON: Meta signs its escaped-unicode payload as sent.
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks (Updated 2026-05-05)
 * Never throws: any odd input is simply "not ok".
 */
export function verifyMetaSignature(rawBody: Buffer, header: string | undefined, appSecret: string): SignatureCheck {
  if (typeof appSecret !== "string" || appSecret.length === 0) return { ok: false, reason: "missing_secret" };
  if (!Buffer.isBuffer(rawBody)) return { ok: false, reason: "invalid_body" };
  if (typeof header !== "string" || header.trim().length === 0) return { ok: false, reason: "missing_header" };
  const match = HEADER_PATTERN.exec(header.trim());
  const hex = match?.[1];
  if (hex === undefined) return { ok: false, reason: "malformed_header" };
  const expected = hmacSha256(appSecret, rawBody);
  const received = Buffer.from(hex, "hex");
  // Both are 32 bytes by construction (the pattern fixes 64 hex digits), so timingSafeEqual cannot throw.
  return timingSafeEqual(expected, received) ? { ok: true } : { ok: false, reason: "mismatch" };
}
