import { createHash } from "node:crypto";

/**
 * The digest an order link carries instead of the confirmation number itself: the first 16 hex chars
 * of sha256(confirmation_number). An order link is used only when this matches the order's own webhook,
 * so a guessed order id alone never reaches anyone.
 */
export function orderVerifier(confirmationNumber: string): string {
  return createHash("sha256").update(confirmationNumber.trim(), "utf8").digest("hex").slice(0, 16);
}
