import { makeOrder } from "../../emulators/shopify/order-factories.js";
import { signWebhook } from "../../emulators/shopify/sign-webhook.js";
import type { LoadRequest } from "../meta-ingress/load-generator.js";
import { BENCH_ENV } from "../meta-ingress/bench-app.js";
import { BENCH_SHOP } from "./order-world.js";
import type { Shopper } from "./link-shoppers.js";

const FIRST_NAMES = ["Jurgita", "Jonas", "Amélie", "Søren", "Keiko", "María", "Oluwaseun", "Zoë"];

/** The webhook id of each order's orders/create: lets SQL join a delivery to the message it caused. */
export const webhookIdFor = (orderId: string) => `bench-order-${orderId}`;

/** One signed `orders/create` per shopper, exactly as Shopify sends it (REST-shaped body, HMAC over the raw bytes). */
export function orderCreateRequests(shoppers: Shopper[], firstOrderId: number): LoadRequest[] {
  const now = new Date();
  return shoppers.map((s, i) => {
    const id = String(firstOrderId + i);
    const order = makeOrder({
      id,
      number: 1001 + i,
      shop: BENCH_SHOP,
      customer: { id: s.customerId, firstName: FIRST_NAMES[i % FIRST_NAMES.length] as string },
      customerLocale: "en",
      createdAt: now.toISOString(),
    });
    const signed = signWebhook({
      topic: "orders/create",
      shop: BENCH_SHOP,
      body: order,
      secret: BENCH_ENV.SHOPIFY_API_SECRET,
      apiVersion: "2026-10",
      webhookId: webhookIdFor(id),
      triggeredAt: now,
    });
    return { path: "/webhooks/shopify", headers: signed.headers, body: signed.rawBody };
  });
}
