import { randomInt } from "node:crypto";
import { makeOrder } from "../../emulators/shopify/order-factories.js";
import { deliverWebhook, signWebhook } from "../../emulators/shopify/sign-webhook.js";
import type { Visitor } from "./storefront-session.js";

export interface OrderTarget {
  appUrl: string;
  shop: string;
  apiSecret: string;
  apiVersion: string;
}

export interface PlacedOrder {
  status: number;
  orderId: string;
  orderName: string;
  customerId: string | null;
}

/**
 * The sandbox's "Shopify admin": an order for the visitor, delivered to the app as Shopify would deliver
 * orders/create (HMAC over the raw body with the app secret). Ids come from the wall clock so that orders of
 * a later run on the same data folder are new orders, not duplicates of earlier ones.
 */
export async function placeDemoOrder(target: OrderTarget, visitor: Visitor, locale = "en"): Promise<PlacedOrder> {
  const now = new Date();
  const id = String(now.getTime() * 100 + randomInt(100));
  const number = 1000 + (Math.floor(now.getTime() / 1000) % 900_000);
  const order = makeOrder({
    id,
    number,
    shop: target.shop,
    customer:
      visitor.kind === "customer"
        ? { id: visitor.customer.id, firstName: visitor.customer.firstName || null, lastName: "Demo" }
        : null,
    customerLocale: locale,
    createdAt: now.toISOString(),
  });
  const webhook = signWebhook({
    topic: "orders/create",
    shop: target.shop,
    body: order,
    secret: target.apiSecret,
    apiVersion: target.apiVersion,
  });
  const delivered = await deliverWebhook(`${target.appUrl}/webhooks/shopify`, webhook);
  return {
    status: delivered.status,
    orderId: id,
    orderName: String(order.name),
    customerId: visitor.kind === "customer" ? visitor.customer.id : null,
  };
}
