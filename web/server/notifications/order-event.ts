/** Order updates we send. "Post-purchase update" is the category; none of these is promotional. */
export const ORDER_EVENTS = [
  "confirmed",
  "shipped",
  "ready_for_pickup",
  "in_transit",
  "out_for_delivery",
  "attempted_delivery",
  "delayed",
  "failure",
  "delivered",
  "cancelled",
  "refunded",
] as const;
export type OrderEvent = (typeof ORDER_EVENTS)[number];
export type ShippingEvent = Exclude<OrderEvent, "confirmed">;

export function isOrderEvent(value: string): value is OrderEvent {
  return (ORDER_EVENTS as readonly string[]).includes(value);
}

/**
 * Shopify shipment_status / fulfillment event status -> our event.
 * Values: https://shopify.dev/docs/api/admin-graphql/latest/enums/FulfillmentEventStatus (REST uses the lowercase forms).
 * Label and confirmation steps mean the parcel is leaving; we tell the shopper once, as "shipped".
 */
const SHIPMENT_STATUS_EVENTS: Record<string, ShippingEvent> = {
  label_printed: "shipped",
  label_purchased: "shipped",
  confirmed: "shipped",
  carrier_picked_up: "shipped",
  in_transit: "in_transit",
  out_for_delivery: "out_for_delivery",
  attempted_delivery: "attempted_delivery",
  delayed: "delayed",
  failure: "failure",
  delivered: "delivered",
  ready_for_pickup: "ready_for_pickup",
  // PICKED_UP: the buyer collected a pickup order, which is the end of the journey like a delivery.
  picked_up: "delivered",
};

/** Maps a shipment status to our event; unknown or empty statuses yield null (nothing to say). */
export function eventForFulfillmentStatus(shipmentStatus: string | null | undefined): ShippingEvent | null {
  if (!shipmentStatus) return null;
  return SHIPMENT_STATUS_EVENTS[shipmentStatus.trim().toLowerCase()] ?? null;
}

/**
 * The event a fulfillments/create|update delivery stands for. A successful fulfillment without a carrier
 * status yet is "shipped" (Shopify's own shipping confirmation goes out at that moment); a cancelled,
 * failed or still pending fulfillment request says nothing to the shopper.
 */
export function eventForFulfillment(fulfillment: {
  status: string;
  shipment_status?: string | null | undefined;
}): ShippingEvent | null {
  if (fulfillment.status !== "success") return null;
  return eventForFulfillmentStatus(fulfillment.shipment_status) ?? "shipped";
}

/**
 * Key for the outbox's "one message per (order, event) ever" rule, refined by what the update is about: a shipping
 * step per fulfillment, a refund per refund id. Order-wide events keep the original form, so rows written before
 * the split still deduplicate.
 */
export function notificationDedupeKey(
  shopDomain: string,
  orderId: string,
  event: OrderEvent,
  about: { fulfillmentId?: string; refundId?: string } = {},
): string {
  const order = `order:${shopDomain.toLowerCase()}:${orderId}`;
  if (about.fulfillmentId) return `${order}:fulfillment:${about.fulfillmentId}:${event}`;
  if (about.refundId) return `${order}:refund:${about.refundId}:${event}`;
  return `${order}:${event}`;
}
