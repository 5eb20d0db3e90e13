import { describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "../../../web/server/notifications/locale.js";
import { ORDER_EVENTS } from "../../../web/server/notifications/order-event.js";
import type { OrderFacts } from "../../../web/server/notifications/order-facts.js";
import {
  utilityTemplateDefinition,
  utilityTemplateDefinitions,
  utilityTemplateParams,
} from "../../../web/server/notifications/utility-templates.js";

const order: OrderFacts = {
  orderId: "1",
  name: "#1001",
  createdAt: "2026-05-04T10:15:00+02:00",
  currency: "EUR",
  lineItems: [],
  total: "49.90",
  discountCodes: [],
  paymentGateways: [],
  firstName: "{{evil}}",
};

describe("utility template definitions", () => {
  it("covers every event in every language with a unique (name, language)", () => {
    const all = utilityTemplateDefinitions();
    expect(all).toHaveLength(ORDER_EVENTS.length * SUPPORTED_LOCALES.length);
    expect(new Set(all.map((d) => `${d.name}/${d.language}`)).size).toBe(all.length);
  });

  it.each(SUPPORTED_LOCALES)("declares an example for every named parameter (%s)", (locale) => {
    for (const event of ORDER_EVENTS) {
      const def = utilityTemplateDefinition(event, locale);
      expect(def.category).toBe("UTILITY");
      const body = def.components[0];
      const used = [...body.text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
      expect(body.example.body_text_named_params.map((p) => p.param_name).sort()).toEqual([...new Set(used)].sort());
      expect(body.text).not.toContain("first_name");
    }
  });

  it("keeps the wording without the shopper's name", () => {
    const def = utilityTemplateDefinition("confirmed", "en");
    expect(def).toMatchObject({ name: "mc_order_confirmed_v1", language: "en_US", parameter_format: "NAMED" });
    expect(def.components[0].text).toBe(
      "Hi, thank you for your order {{order_name}} from {{shop_name}}. We have received it and will message you here when it ships.\nTotal: {{total}}\nDetails: {{details_url}}",
    );
  });
});

describe("utilityTemplateParams", () => {
  it("fills the named parameters, preferring the tracking link", () => {
    const message = utilityTemplateParams("shipped", {
      locale: "de",
      shopName: "Beispiel {Shop}",
      shopDomain: "beispiel.myshopify.com",
      order,
      shipment: { orderId: "1", fulfillmentId: "2", trackings: [{ number: "X", url: "https://track.example/X" }] },
    });
    expect(message).toEqual({
      name: "mc_order_shipped_v1",
      language: { code: "de_DE" },
      components: [
        {
          type: "body",
          parameters: [
            { type: "text", parameter_name: "order_name", text: "#1001" },
            { type: "text", parameter_name: "details_url", text: "https://track.example/X" },
          ],
        },
      ],
    });
  });

  it("falls back to the shop when no link exists and sanitizes values", () => {
    const message = utilityTemplateParams("confirmed", {
      locale: "en",
      shopName: "Shop {{x}}",
      shopDomain: "s.myshopify.com",
      order,
    });
    const params = Object.fromEntries(message.components[0].parameters.map((p) => [p.parameter_name, p.text]));
    expect(params).toEqual({
      order_name: "#1001",
      shop_name: "Shop x",
      total: "€49.90",
      details_url: "https://s.myshopify.com",
    });
  });
});
