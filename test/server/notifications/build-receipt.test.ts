import { describe, expect, it } from "vitest";
import { buildReceipt } from "../../../web/server/notifications/build-receipt.js";
import { orderFacts, type OrderFacts } from "../../../web/server/notifications/order-facts.js";
import { parseShopifyWebhook } from "../../../web/server/notifications/parse-shopify-webhook.js";
import { fixture } from "./fixtures.js";

function facts(): OrderFacts {
  const parsed = parseShopifyWebhook("orders/create", fixture("orders-create-multicurrency"));
  if (!parsed.ok || parsed.webhook.topic !== "orders/create") throw new Error("bad fixture");
  return orderFacts(parsed.webhook.payload);
}

describe("buildReceipt", () => {
  const options = { merchantName: "Example Shop", includeAddress: true, fallbackRecipientName: "Customer" };

  it("fills every field Meta requires, in the presentment currency", () => {
    const { attachment } = buildReceipt(facts(), options);
    expect(attachment.type).toBe("template");
    expect(attachment.payload).toMatchObject({
      template_type: "receipt",
      recipient_name: "Lena Schmidt",
      merchant_name: "Example Shop",
      order_number: "#1042",
      currency: "EUR",
      payment_method: "Shopify Payments",
      timestamp: String(Date.parse("2026-05-04T10:15:00+02:00") / 1000),
      summary: { subtotal: 155.9, shipping_cost: 9.9, total_tax: 29.62, total_cost: 195.42 },
      adjustments: [{ name: "AUTUMN15", amount: 27.5 }],
    });
    expect(attachment.payload.order_url).toMatch(/^https:\/\/example-shop\.myshopify\.com\//);
    expect(attachment.payload.elements).toEqual([
      { title: "Merino Crew Sweater", subtitle: "Navy / M", quantity: 2, price: 118, currency: "EUR" },
      { title: "Wool Beanie", quantity: 1, price: 19.9, currency: "EUR" },
      { title: "Leather Gloves", subtitle: "Brown / L", quantity: 1, price: 45.5, currency: "EUR" },
    ]);
  });

  it("includes the address only when the merchant allows it", () => {
    expect(buildReceipt(facts(), options).attachment.payload.address).toEqual({
      street_1: "Torstraße 12",
      city: "Berlin",
      postal_code: "10119",
      state: "",
      country: "DE",
    });
    expect(buildReceipt(facts(), { ...options, includeAddress: false }).attachment.payload.address).toBeUndefined();
  });

  it("folds more than 100 items into a last element", () => {
    const many = {
      ...facts(),
      lineItems: Array.from({ length: 150 }, (_, i) => ({ title: `Item ${i}`, quantity: 1, lineTotal: "1.00" })),
    };
    const elements = buildReceipt(many, options).attachment.payload.elements;
    expect(elements).toHaveLength(100);
    expect(elements[99]).toMatchObject({ title: "+51", quantity: 51, price: 51 });
  });

  it("falls back when the order has no name and no gateway", () => {
    const anonymous = {
      ...facts(),
      firstName: undefined,
      lastName: undefined,
      shippingAddress: undefined,
      paymentGateways: [],
    };
    const payload = buildReceipt(anonymous, options).attachment.payload;
    expect(payload.recipient_name).toBe("Customer");
    expect(payload.payment_method).toBe("—");
  });

  it("uses the localized discount label for automatic discounts", () => {
    const auto = { ...facts(), discountCodes: [] };
    expect(buildReceipt(auto, { ...options, discountLabel: "Rabatt" }).attachment.payload.adjustments).toEqual([
      { name: "Rabatt", amount: 27.5 },
    ]);
  });
});
