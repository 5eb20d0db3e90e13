import { hmacSha256, timingSafeEqualString } from "../lib/hmac.js";

/**
 * Opaque keyset cursor for the subscriber list: the (created_at, id) of the last row shown, signed for one shop.
 * A cursor from another shop, or edited by hand, fails the signature and is refused, so a cursor can neither reveal
 * nor reach another shop's rows. Pure.
 */
export interface SubscriberCursor {
  createdAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function mac(key: Buffer, shopId: string, body: string): string {
  return hmacSha256(key, `subscribers-cursor.v1|${shopId}|${body}`).subarray(0, 16).toString("base64url");
}

export function encodeSubscriberCursor(key: Buffer, shopId: string, cursor: SubscriberCursor): string {
  const body = Buffer.from(`${cursor.createdAt.getTime()}|${cursor.id}`, "utf8").toString("base64url");
  return `${body}.${mac(key, shopId, body)}`;
}

/** Undefined for anything that is not a cursor this server issued for this shop. Never throws. */
export function decodeSubscriberCursor(key: Buffer, shopId: string, text: string): SubscriberCursor | undefined {
  if (text.length > 200) return undefined;
  const [body, signature, extra] = text.split(".");
  if (!body || !signature || extra !== undefined) return undefined;
  if (!timingSafeEqualString(signature, mac(key, shopId, body))) return undefined;
  const [ms, id] = Buffer.from(body, "base64url").toString("utf8").split("|");
  const time = Number(ms);
  if (!Number.isSafeInteger(time) || !id || !UUID.test(id)) return undefined;
  return { createdAt: new Date(time), id };
}
