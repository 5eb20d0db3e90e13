import { WORDING_VARIABLES_BY_EVENT } from "../../../shared/wording-variables.js";
import type { OrderEvent } from "../order-event.js";

/** Every variable a merchant may use, with the longest value we let through (before the 640-char cap). */
export const WORDING_VARIABLES = {
  first_name: 60,
  order_name: 40,
  shop_name: 80,
  total: 40,
  carrier: 60,
  tracking_number: 120,
  tracking_url: 500,
  delivery_date: 40,
  order_status_url: 500,
  refund_amount: 40,
} as const;
export type WordingVariable = keyof typeof WORDING_VARIABLES;
export type WordingValues = Partial<Record<WordingVariable, string | undefined>>;

/**
 * Variables that may have no value (no carrier, no estimate…). A line that uses one of them without a
 * value is left out, so "Carrier: {{carrier}}" disappears instead of reading "Carrier: ".
 */
export const OPTIONAL_LINE_VARIABLES: readonly WordingVariable[] = [
  "carrier",
  "tracking_number",
  "tracking_url",
  "delivery_date",
  "order_status_url",
  "refund_amount",
];

/** Which variables each event's wording may use: one list, shared with the admin (web/shared). */
export const VARIABLES_BY_EVENT = WORDING_VARIABLES_BY_EVENT as Record<OrderEvent, readonly WordingVariable[]>;

export function isWordingVariable(name: string): name is WordingVariable {
  return Object.hasOwn(WORDING_VARIABLES, name);
}

/** Longest wording a merchant may save; leaves room for values within the button template's 640 chars. */
export const MAX_WORDING_LENGTH = 480;
/** Button template text limit: https://developers.facebook.com/docs/messenger-platform/send-messages/template/button */
export const MAX_RENDERED_LENGTH = 640;
