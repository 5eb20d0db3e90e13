import { createHmac, timingSafeEqual } from "node:crypto";

export function hmacSha256(key: string | Buffer, data: string | Buffer): Buffer {
  return createHmac("sha256", key).update(data).digest();
}

export function hmacSha256Hex(key: string | Buffer, data: string | Buffer): string {
  return hmacSha256(key, data).toString("hex");
}

export function hmacSha256Base64(key: string | Buffer, data: string | Buffer): string {
  return hmacSha256(key, data).toString("base64");
}

/**
 * Constant-time comparison of two strings. Unequal lengths return false without comparing contents,
 * which only reveals the length (public for fixed-size digests).
 */
export function timingSafeEqualString(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  if (left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}
