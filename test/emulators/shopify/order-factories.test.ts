import { describe, expect, it } from "vitest";
import {
  makeFulfillment,
  makeFulfillmentEvent,
  makeOrder,
  makeRefund,
} from "../../../emulators/shopify/order-factories.js";
import { toShopifyJson } from "../../../emulators/shopify/shopify-json.js";
import { orderFacts } from "../../../web/server/notifications/order-facts.js";
import { parseShopifyWebhook } from "../../../web/server/notifications/parse-shopify-webhook.js";

describe("payload factories", () => {
  const order = makeOrder({ id: "9007199254740993" });

  it.each([
    ["orders/create", order],
    ["fulfillments/create", makeFulfillment({ orderId: order.id })],
    [
      "fulfillment_events/create",
      makeFulfillmentEvent({ orderId: order.id, fulfillmentId: "1", status: "in_transit" }),
    ],
    ["refunds/create", makeRefund({ orderId: order.id, amount: 10 })],
    ["orders/cancelled", makeOrder({ cancelled: { at: "2026-05-04T11:00:00Z", reason: "customer" } })],
  ])("%s parses with the app's schemas", (topic, body) => {
    const result = parseShopifyWebhook(topic, toShopifyJson(body));
    expect(result.ok, JSON.stringify(result)).toBe(true);
  });

  it("keeps totals consistent: subtotal + shipping + tax = total, in both currencies", () => {
    const parsed = parseShopifyWebhook("orders/create", toShopifyJson(order));
    if (!parsed.ok || parsed.webhook.topic !== "orders/create") throw new Error("factory order does not parse");
    const facts = orderFacts(parsed.webhook.payload);
    expect((Number(facts.subtotal) + Number(facts.shipping) + Number(facts.tax)).toFixed(2)).toBe(facts.total);
    expect(order.total_price_set.shop_money.currency_code).toBe("USD");
    expect(order.total_price_set.presentment_money.currency_code).toBe("EUR");
  });

  it("gives every fulfillment its own id and aligned tracking arrays", () => {
    const a = makeFulfillment({ orderId: order.id, trackingNumbers: ["A", "B"] });
    const b = makeFulfillment({ orderId: order.id });
    expect(a.id).not.toBe(b.id);
    expect(a.tracking_urls).toHaveLength(2);
    expect(a.tracking_urls[1]).toContain("B");
  });
});

describe("toShopifyJson", () => {
  it("emits id fields and id arrays as bare numbers and leaves other strings alone", () => {
    expect(
      toShopifyJson({ id: "9007199254740993", order_id: "2", orders_to_redact: ["3"], name: "123", tags: ["4"] }),
    ).toBe('{"id":9007199254740993,"order_id":2,"orders_to_redact":[3],"name":"123","tags":["4"]}');
  });
});
