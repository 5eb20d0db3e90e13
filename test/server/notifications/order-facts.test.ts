import { describe, expect, it } from "vitest";
import {
  orderFacts,
  refundFacts,
  shipmentFacts,
  shipmentFactsFromEvent,
} from "../../../web/server/notifications/order-facts.js";
import {
  parseShopifyWebhook,
  type ShopifyTopic,
  type WebhookPayload,
} from "../../../web/server/notifications/parse-shopify-webhook.js";
import { fixture } from "./fixtures.js";

function payload<T extends ShopifyTopic>(topic: T, name: string): WebhookPayload<T> {
  const result = parseShopifyWebhook(topic, fixture(name));
  if (!result.ok) throw new Error(result.reason);
  return result.webhook.payload as WebhookPayload<T>;
}

describe("orderFacts", () => {
  const facts = orderFacts(payload("orders/create", "orders-create-multicurrency"));

  it("uses the presentment currency and amounts, not the shop's", () => {
    expect(facts.currency).toBe("EUR");
    expect(facts.total).toBe("195.42");
    expect(facts.subtotal).toBe("155.90");
    expect(facts.tax).toBe("29.62");
    expect(facts.shipping).toBe("9.90");
    expect(facts.discountTotal).toBe("27.50");
    expect(facts.discountCodes).toEqual(["AUTUMN15"]);
  });

  it("computes exact line totals in the presentment currency", () => {
    expect(facts.lineItems).toEqual([
      { title: "Merino Crew Sweater", variantTitle: "Navy / M", quantity: 2, lineTotal: "118.00" },
      { title: "Wool Beanie", variantTitle: undefined, quantity: 1, lineTotal: "19.90" },
      { title: "Leather Gloves", variantTitle: "Brown / L", quantity: 1, lineTotal: "45.50" },
    ]);
  });

  it("keeps identity, locale and address", () => {
    expect(facts.orderId).toBe("9007199254740993");
    expect(facts.customerId).toBe("9007199254740995");
    expect(facts.customerLocale).toBe("de-DE");
    expect(facts.firstName).toBe("Lena");
    expect(facts.shippingAddress).toEqual({
      name: "Lena Schmidt",
      street1: "Torstraße 12",
      street2: undefined,
      city: "Berlin",
      postalCode: "10119",
      state: undefined,
      countryCode: "DE",
    });
  });

  it("prefers the exact gid when the numeric id was rounded upstream", () => {
    const order = { ...payload("orders/create", "orders-create-multicurrency"), id: "9007199254740992" };
    expect(orderFacts(order).orderId).toBe("9007199254740993");
  });

  it("leaves out an incomplete address rather than sending a broken one", () => {
    const order = payload("orders/create", "orders-create-multicurrency");
    const noZip = { ...order, shipping_address: { ...order.shipping_address!, zip: undefined } };
    expect(orderFacts(noZip).shippingAddress).toBeUndefined();
  });
});

describe("shipmentFacts", () => {
  it("pairs two tracking numbers with their links", () => {
    const facts = shipmentFacts(payload("fulfillments/create", "fulfillments-create-two-tracking"));
    expect(facts.carrier).toBe("DHL Express");
    expect(facts.fulfillmentId).toBe("9007199254741001");
    expect(facts.trackings.map((t) => t.number)).toEqual(["JD014600006281230704", "JD014600006281230711"]);
    expect(facts.trackings[1]?.url).toContain("JD014600006281230711");
  });

  it("merges a fulfillment event with the stored fulfillment", () => {
    const known = shipmentFacts(payload("fulfillments/create", "fulfillments-create-two-tracking"));
    const events = JSON.parse(fixture("fulfillment-events-by-status"));
    const parsed = parseShopifyWebhook("fulfillment_events/create", JSON.stringify(events.in_transit));
    if (!parsed.ok || parsed.webhook.topic !== "fulfillment_events/create") throw new Error("bad event");
    const merged = shipmentFactsFromEvent(parsed.webhook.payload, known);
    expect(merged.shipmentStatus).toBe("in_transit");
    expect(merged.estimatedDeliveryAt).toBe("2026-05-08T18:00:00+02:00");
    expect(merged.trackings).toHaveLength(2);
  });
});

describe("refundFacts", () => {
  it("sums successful refund transactions", () => {
    const facts = refundFacts(payload("refunds/create", "refunds-create"));
    expect(facts).toMatchObject({ orderId: "9007199254740993", amount: "45.50", currency: "EUR" });
  });
});
