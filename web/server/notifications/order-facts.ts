import { exactId } from "./shopify-json.js";
import { multiplyAmount, sumAmounts } from "./money.js";
import type {
  FulfillmentEventPayload,
  FulfillmentPayload,
  MoneySet,
  OrderPayload,
  RefundPayload,
} from "./shopify-payloads.js";

export interface OrderAddress {
  name?: string;
  street1: string;
  street2?: string;
  city: string;
  postalCode: string;
  state?: string;
  countryCode: string;
}

/** What a message about an order may say; every amount is in the presentment (buyer's) currency. */
export interface OrderFacts {
  orderId: string;
  name: string;
  orderNumber?: number;
  confirmationNumber?: string;
  createdAt: string;
  cancelledAt?: string;
  cancelReason?: string;
  customerId?: string;
  customerLocale?: string;
  firstName?: string;
  lastName?: string;
  currency: string;
  lineItems: { title: string; variantTitle?: string; quantity: number; lineTotal: string }[];
  subtotal?: string;
  shipping?: string;
  tax?: string;
  total: string;
  discountTotal?: string;
  discountCodes: string[];
  paymentGateways: string[];
  shippingAddress?: OrderAddress;
  orderStatusUrl?: string;
}

export interface Tracking {
  number?: string;
  url?: string;
}

export interface ShipmentFacts {
  orderId: string;
  fulfillmentId: string;
  name?: string;
  carrier?: string;
  trackings: Tracking[];
  shipmentStatus?: string;
  happenedAt?: string;
  estimatedDeliveryAt?: string;
  city?: string;
}

export interface RefundFacts {
  orderId: string;
  refundId: string;
  /** When Shopify created the refund (ISO 8601), when the payload says. */
  createdAt?: string;
  amount?: string;
  currency?: string;
}

function presentment(set: MoneySet | undefined): string | undefined {
  return set?.presentment_money.amount;
}

function address(a: OrderPayload["shipping_address"]): OrderAddress | undefined {
  // Meta's receipt requires street_1, city, postal_code and a 2-letter country; a partial address is left out.
  if (!a?.address1 || !a.city || !a.zip || !a.country_code || a.country_code.length !== 2) return undefined;
  return {
    name: a.name ?? ([a.first_name, a.last_name].filter(Boolean).join(" ") || undefined),
    street1: a.address1,
    street2: a.address2,
    city: a.city,
    postalCode: a.zip,
    state: a.province_code ?? a.province,
    countryCode: a.country_code.toUpperCase(),
  };
}

export function orderFacts(order: OrderPayload): OrderFacts {
  const currency =
    order.presentment_currency ?? order.total_price_set?.presentment_money.currency_code ?? order.currency;
  const total =
    presentment(order.current_total_price_set) ?? presentment(order.total_price_set) ?? order.total_price ?? "0";
  return {
    orderId: exactId(order.id, order.admin_graphql_api_id) ?? order.id,
    name: order.name,
    orderNumber: order.order_number ?? undefined,
    confirmationNumber: order.confirmation_number,
    createdAt: order.processed_at ?? order.created_at,
    cancelledAt: order.cancelled_at,
    cancelReason: order.cancel_reason,
    customerId: order.customer ? exactId(order.customer.id, order.customer.admin_graphql_api_id) : undefined,
    customerLocale: order.customer_locale,
    firstName: order.customer?.first_name ?? order.shipping_address?.first_name,
    lastName: order.customer?.last_name ?? order.shipping_address?.last_name,
    currency,
    lineItems: order.line_items.map((li) => ({
      title: li.title,
      variantTitle: li.variant_title,
      quantity: li.quantity,
      lineTotal: multiplyAmount(li.price_set?.presentment_money.amount ?? li.price, li.quantity),
    })),
    subtotal: presentment(order.subtotal_price_set),
    shipping: presentment(order.total_shipping_price_set),
    tax: presentment(order.total_tax_set),
    total,
    discountTotal: presentment(order.total_discounts_set),
    discountCodes: (order.discount_codes ?? []).map((d) => d.code),
    paymentGateways: order.payment_gateway_names ?? [],
    shippingAddress: address(order.shipping_address),
    orderStatusUrl: order.order_status_url,
  };
}

/** Pairs tracking numbers with their URLs (Shopify keeps the two arrays index-aligned). */
function trackings(f: FulfillmentPayload): Tracking[] {
  const numbers = f.tracking_numbers?.length ? f.tracking_numbers : f.tracking_number ? [f.tracking_number] : [];
  const urls = f.tracking_urls?.length ? f.tracking_urls : f.tracking_url ? [f.tracking_url] : [];
  const count = Math.max(numbers.length, urls.length);
  return Array.from({ length: count }, (_, i) => ({ number: numbers[i], url: urls[i] }));
}

export function shipmentFacts(f: FulfillmentPayload): ShipmentFacts {
  return {
    orderId: f.order_id,
    fulfillmentId: exactId(f.id, f.admin_graphql_api_id) ?? f.id,
    name: f.name,
    carrier: f.tracking_company,
    trackings: trackings(f),
    shipmentStatus: f.shipment_status,
  };
}

/** A fulfillment event has no tracking info; merge in the fulfillment we stored, when we have it. */
export function shipmentFactsFromEvent(e: FulfillmentEventPayload, known?: ShipmentFacts): ShipmentFacts {
  return {
    orderId: e.order_id,
    fulfillmentId: e.fulfillment_id,
    name: known?.name,
    carrier: known?.carrier,
    trackings: known?.trackings ?? [],
    shipmentStatus: e.status,
    happenedAt: e.happened_at,
    estimatedDeliveryAt: e.estimated_delivery_at,
    city: e.city,
  };
}

/** Refunded money is what the refund transactions actually returned to the buyer. */
export function refundFacts(r: RefundPayload): RefundFacts {
  const refunds = (r.transactions ?? []).filter((t) => t.kind === "refund" && (t.status ?? "success") === "success");
  const currency = refunds[0]?.currency ?? undefined;
  return {
    orderId: r.order_id,
    refundId: exactId(r.id, r.admin_graphql_api_id) ?? r.id,
    ...(r.created_at ? { createdAt: r.created_at } : {}),
    amount: refunds.length ? sumAmounts(refunds.map((t) => t.amount)) : undefined,
    currency,
  };
}
