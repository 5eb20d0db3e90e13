import type { OrderBook } from "../../emulators/shopify/order-book.js";
import { deliverShopifyWebhooks, type ShopifyWebhookTarget } from "../control-panel/deliver-shopify-webhooks.js";
import { lineItemsFor, STORE_CURRENCY } from "./catalog.js";
import type { Visitor } from "./storefront-session.js";

export interface PlacedOrder {
  /** The app's answer to orders/create (null: unreachable). */
  status: number | null;
  orderId: string;
  orderName: string;
  confirmationNumber: string;
  customerId: string | null;
}

export class UnknownProductError extends Error {}

/**
 * A checkout on the demo store: Shopify books the order (next number, the storefront's products) and
 * delivers orders/create to the app, signed like Shopify's.
 */
export async function placeDemoOrder(
  target: ShopifyWebhookTarget,
  book: OrderBook,
  visitor: Visitor,
  options: { locale?: string; product?: string | null; now?: Date } = {},
): Promise<PlacedOrder> {
  const lineItems = lineItemsFor(options.product ?? null);
  if (!lineItems) throw new UnknownProductError(`the store does not sell "${options.product}"`);
  const now = options.now ?? new Date();
  const customer = visitor.kind === "customer" ? visitor.customer : null;
  const { booked, webhooks } = book.place({
    customer: customer ? { id: customer.id, firstName: customer.firstName || null } : null,
    lineItems,
    currency: STORE_CURRENCY,
    locale: options.locale ?? "en",
    now,
  });
  const orderId = String(booked.order.id);
  const deliveries = await deliverShopifyWebhooks(target, webhooks);
  book.record(orderId, { at: now.toISOString(), action: "placed", deliveries });
  return {
    status: deliveries[0]?.status ?? null,
    orderId,
    orderName: String(booked.order.name),
    confirmationNumber: String(booked.order.confirmation_number),
    customerId: customer?.id ?? null,
  };
}
