/**
 * The variables each order update's wording may use. The one list: the server validates wording against it
 * (web/server/notifications/wording/variables.ts) and the admin shows it as help text.
 */
const COMMON = ["first_name", "order_name", "shop_name", "order_status_url"] as const;
const SHIPPING = [...COMMON, "carrier", "tracking_number", "tracking_url", "delivery_date"] as const;

export const WORDING_VARIABLES_BY_EVENT: Record<string, readonly string[]> = {
  confirmed: [...COMMON, "total"],
  shipped: SHIPPING,
  ready_for_pickup: SHIPPING,
  in_transit: SHIPPING,
  out_for_delivery: SHIPPING,
  attempted_delivery: SHIPPING,
  delayed: SHIPPING,
  failure: SHIPPING,
  delivered: SHIPPING,
  cancelled: [...COMMON, "total"],
  refunded: [...COMMON, "refund_amount"],
};
