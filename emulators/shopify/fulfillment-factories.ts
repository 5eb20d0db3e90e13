import { fmt, moneySet, nextId } from "./factory-helpers.js";

/** Fulfillment, fulfillment event and refund bodies as the REST-shaped webhooks carry them. */

export interface MakeFulfillmentInput {
  orderId: string;
  id?: string;
  orderName?: string;
  status?: "pending" | "open" | "success" | "cancelled" | "error" | "failure";
  shipmentStatus?: string | null;
  trackingCompany?: string | null;
  trackingNumbers?: string[];
  trackingUrls?: string[];
  lineItems?: { id: string; title: string; quantity: number }[];
  createdAt?: string;
}

export function makeFulfillment(input: MakeFulfillmentInput) {
  const id = input.id ?? nextId(5_100_000_000_000);
  const numbers = input.trackingNumbers ?? ["1Z999AA10123456784"];
  const urls = input.trackingUrls ?? numbers.map((n) => `https://www.ups.com/track?tracknum=${n}`);
  const createdAt = input.createdAt ?? "2026-05-05T09:00:00+02:00";
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Fulfillment/${id}`,
    order_id: input.orderId,
    name: `${input.orderName ?? "#1001"}.1`,
    status: input.status ?? "success",
    shipment_status: input.shipmentStatus ?? null,
    service: "manual",
    location_id: nextId(61_000_000_000),
    tracking_company: input.trackingCompany === undefined ? "UPS" : input.trackingCompany,
    tracking_number: numbers[0] ?? null,
    tracking_numbers: numbers,
    tracking_url: urls[0] ?? null,
    tracking_urls: urls,
    notify_customer: true,
    created_at: createdAt,
    updated_at: createdAt,
    line_items: input.lineItems ?? [],
  };
}

export function makeFulfillmentEvent(input: {
  orderId: string;
  fulfillmentId: string;
  status: string;
  happenedAt?: string;
  estimatedDeliveryAt?: string | null;
  message?: string | null;
}) {
  const id = nextId(9_300_000_000_000);
  const happenedAt = input.happenedAt ?? "2026-05-06T08:30:00+02:00";
  return {
    id,
    admin_graphql_api_id: `gid://shopify/FulfillmentEvent/${id}`,
    fulfillment_id: input.fulfillmentId,
    order_id: input.orderId,
    shop_id: "60000000000",
    status: input.status,
    message: input.message ?? null,
    happened_at: happenedAt,
    estimated_delivery_at: input.estimatedDeliveryAt ?? null,
    city: "Kaunas",
    province: null,
    country: "Lithuania",
    zip: "44280",
    address1: null,
    latitude: 54.8985,
    longitude: 23.9036,
    created_at: happenedAt,
    updated_at: happenedAt,
  };
}

export function makeRefund(input: {
  orderId: string;
  amount: number;
  currency?: string;
  lineItemId?: string;
  createdAt?: string;
}) {
  const id = nextId(9_800_000_000_000);
  const currency = input.currency ?? "EUR";
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Refund/${id}`,
    order_id: input.orderId,
    created_at: input.createdAt ?? "2026-05-07T12:00:00+02:00",
    note: null,
    restock: true,
    transactions: [
      {
        id: nextId(7_900_000_000_000),
        kind: "refund",
        status: "success",
        gateway: "shopify_payments",
        amount: fmt(input.amount),
        currency,
      },
    ],
    refund_line_items: input.lineItemId
      ? [
          {
            id: nextId(6_000_000_000_000),
            line_item_id: input.lineItemId,
            quantity: 1,
            subtotal_set: moneySet(input.amount * 1.08, "USD", input.amount, currency),
          },
        ]
      : [],
  };
}
