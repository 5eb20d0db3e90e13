import { createHash } from "node:crypto";

/**
 * What proves an order belongs to the shopper holding a link: the first 16 hex chars of sha256 of the
 * order's confirmation number. Shopify shows that random number only to the buyer (Thank-you and Order
 * status pages) and sends it in the order webhook as `confirmation_number`
 * (https://shopify.dev/docs/api/checkout-ui-extensions/latest/target-apis/checkout-apis/order-api).
 * 64 bits is enough: a guess must also beat the ref's HMAC, expiry and single use.
 *
 * Stand-in until web/server/orders/ exports the same function; both must stay byte-for-byte identical.
 */
export function orderVerifier(confirmationNumber: string): string {
  return createHash("sha256").update(confirmationNumber, "utf8").digest("hex").slice(0, 16);
}
