import { describe, expect, it } from "vitest";
import { normalizeTopic, parseShopifyWebhook } from "../../../web/server/notifications/parse-shopify-webhook.js";
import { idFromGid, parseShopifyJson, shopifyIdSchema } from "../../../web/server/notifications/shopify-json.js";
import { fixture } from "./fixtures.js";

describe("parseShopifyWebhook", () => {
  it.each([
    ["orders/create", "orders-create-multicurrency"],
    ["orders/cancelled", "orders-cancelled"],
    ["fulfillments/create", "fulfillments-create-two-tracking"],
    ["fulfillments/create", "fulfillments-create-partial"],
    ["fulfillments/update", "fulfillments-update-delivered"],
    ["refunds/create", "refunds-create"],
    ["customers/data_request", "customers-data-request"],
    ["customers/redact", "customers-redact"],
    ["shop/redact", "shop-redact"],
    ["app/uninstalled", "app-uninstalled"],
  ])("accepts %s (%s)", (topic, name) => {
    const result = parseShopifyWebhook(topic, fixture(name));
    expect(result.ok, JSON.stringify(result)).toBe(true);
  });

  it("accepts every fulfillment event status fixture", () => {
    const events = JSON.parse(fixture("fulfillment-events-by-status")) as Record<string, unknown>;
    for (const [status, event] of Object.entries(events)) {
      const result = parseShopifyWebhook("fulfillment_events/create", JSON.stringify(event));
      expect(result.ok && result.webhook.topic === "fulfillment_events/create" && result.webhook.payload.status).toBe(
        status,
      );
    }
  });

  it("keeps ids beyond 2^53 exact when they arrive as bare JSON numbers", () => {
    const raw = fixture("orders-create-multicurrency");
    expect(raw).toContain('"id": 9007199254740993');
    expect(String(JSON.parse(raw).id)).not.toBe("9007199254740993"); // plain JSON.parse rounds it
    const result = parseShopifyWebhook("orders/create", raw);
    if (!result.ok || result.webhook.topic !== "orders/create") throw new Error("expected an order");
    expect(result.webhook.payload.id).toBe("9007199254740993");
    expect(result.webhook.payload.customer?.id).toBe("9007199254740995");
  });

  it("keeps big ids inside arrays exact (compliance payloads)", () => {
    const result = parseShopifyWebhook("customers/redact", fixture("customers-redact"));
    if (!result.ok || result.webhook.topic !== "customers/redact") throw new Error("expected redact");
    expect(result.webhook.payload.orders_to_redact).toEqual(["9007199254740993"]);
  });

  it("keeps a 2^60 id exact from the raw text", () => {
    const bad = parseShopifyWebhook(
      "shop/redact",
      '{"shop_id": 1152921504606846976, "shop_domain": "x.myshopify.com"}',
    );
    expect(bad.ok && bad.webhook.topic === "shop/redact" && bad.webhook.payload.shop_id).toBe("1152921504606846976");
  });

  it("refuses an id that was already rounded by a plain JSON.parse", () => {
    expect(shopifyIdSchema.safeParse(2 ** 60).success).toBe(false);
    expect(shopifyIdSchema.parse(42)).toBe("42");
  });

  it.each([
    ["unknown topic", "products/create", "{}", "unknown_topic"],
    ["malformed json", "orders/create", "{not json", "malformed_json"],
    ["missing fields", "orders/create", '{"id": 1}', "invalid_payload"],
    ["negative id", "shop/redact", '{"shop_id": -5, "shop_domain": "x"}', "invalid_payload"],
  ])("rejects %s", (_label, topic, body, reason) => {
    const result = parseShopifyWebhook(topic, body);
    expect(result.ok ? "ok" : result.reason).toBe(reason);
  });

  it.each([
    ["orders/create", "orders/create"],
    ["ORDERS_CREATE", "orders/create"],
    ["FULFILLMENT_EVENTS_CREATE", "fulfillment_events/create"],
    ["CUSTOMERS_DATA_REQUEST", "customers/data_request"],
    ["APP_UNINSTALLED", "app/uninstalled"],
    ["products/update", undefined],
  ])("normalizes topic %s", (input, expected) => {
    expect(normalizeTopic(input)).toBe(expected);
  });
});

describe("shopify-json helpers", () => {
  it("leaves decimals and safe integers as numbers", () => {
    expect(parseShopifyJson('{"a": 1.5, "b": 42, "c": 12345678901234567890}')).toEqual({
      a: 1.5,
      b: 42,
      c: "12345678901234567890",
    });
  });
  it.each([
    ["gid://shopify/Order/9007199254740993", "9007199254740993"],
    ["gid://shopify/Customer/1?x=1", "1"],
    ["gid://other/Order/1", undefined],
    [null, undefined],
  ])("idFromGid(%s)", (gid, id) => {
    expect(idFromGid(gid)).toBe(id);
  });
});
