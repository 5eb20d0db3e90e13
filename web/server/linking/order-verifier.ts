import { createHash } from "node:crypto";

/**
 * What proves an order belongs to the shopper holding a link: the first 16 hex chars of sha256 of the
 * order's confirmation number. Shopify shows that random number only to the buyer (Thank-you and Order
 * status pages) and sends it in the order webhook as `confirmation_number`
 * (https://shopify.dev/docs/api/checkout-ui-extensions/latest/target-apis/checkout-apis/order-api).
 * 64 bits is enough: a guess must also beat the ref's HMAC, expiry and single use.
 *
 * Same function as web/server/orders/order-verifier.ts (which checks links against the order webhook);
 * kept here until that file is committed, then this becomes a re-export. They must never differ.
 */
export function orderVerifier(confirmationNumber: string): string {
  return createHash("sha256").update(confirmationNumber.trim(), "utf8").digest("hex").slice(0, 16);
}
