import { describe, expect, it } from "vitest";
import { createState } from "../../../emulators/meta/state.js";
import { checkUtilitySend, createTemplate } from "../../../emulators/meta/templates.js";
import { SUPPORTED_LOCALES } from "../../../web/server/notifications/locale.js";
import { ORDER_EVENTS } from "../../../web/server/notifications/order-event.js";
import type { OrderFacts } from "../../../web/server/notifications/order-facts.js";
import {
  TEMPLATE_BODY_MAX,
  utilityTemplateDefinition,
  utilityTemplateDefinitions,
  utilityTemplateParams,
} from "../../../web/server/notifications/utility-templates.js";
import { createTemplateLinks } from "../../../web/server/tracking-links/signed-link.js";

const links = createTemplateLinks(Buffer.alloc(32, 3), "https://app.example");
const options = { linkBase: links.base };
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
  orderStatusUrl: "https://shop.example/orders/abc?key=k",
};
const shipment = {
  orderId: "1",
  fulfillmentId: "2",
  trackings: [{ number: "X", url: "https://track.example/X" }],
};

describe("utility template definitions", () => {
  it("covers every event in every language with a unique (name, language)", () => {
    const all = utilityTemplateDefinitions(options);
    expect(all).toHaveLength(ORDER_EVENTS.length * SUPPORTED_LOCALES.length);
    expect(new Set(all.map((d) => `${d.name}/${d.language}`)).size).toBe(all.length);
  });

  it.each(SUPPORTED_LOCALES)(
    "declares an example for every named parameter, buttons with a {{1}} suffix (%s)",
    (locale) => {
      for (const event of ORDER_EVENTS) {
        const def = utilityTemplateDefinition(event, locale, options);
        expect(def.category).toBe("UTILITY");
        const [body, buttons] = def.components;
        const used = [...new Set([...body.text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]))].sort();
        expect((body.example?.body_text_named_params ?? []).map((p) => p.param_name).sort()).toEqual(used);
        expect(body.text).not.toContain("first_name");
        expect(body.text.length).toBeLessThanOrEqual(TEMPLATE_BODY_MAX);
        expect(buttons.buttons.length).toBeGreaterThan(0);
        expect(buttons.buttons.length).toBeLessThanOrEqual(3);
        for (const b of buttons.buttons) {
          expect(b).toMatchObject({ type: "URL", url: `${links.base}{{1}}` });
          expect(b.example.url_suffix_example).toMatch(/^https:\/\/app\.example\/t\//);
        }
      }
    },
  );

  it("keeps the wording without the shopper's name, and never ends on a parameter", () => {
    const def = utilityTemplateDefinition("confirmed", "en", options);
    expect(def).toMatchObject({ name: "mc_order_confirmed_v1", language: "en_US", parameter_format: "NAMED" });
    expect(def.components[0].text).toBe(
      "Hi, thank you for your order {{order_name}} from {{shop_name}}. We have received it and will message you here when it ships.\nTotal: {{total}}.",
    );
    expect(def.components[1].buttons.map((b) => b.text)).toEqual(["View order"]);
    expect(utilityTemplateDefinition("shipped", "en", options).components[1].buttons.map((b) => b.text)).toEqual([
      "Track package",
      "View order",
    ]);
  });

  it("carries the merchant's wording, which changes the definition", () => {
    const wording = { en: { delayed: "{{order_name}} is late, sorry!" } };
    const def = utilityTemplateDefinition("delayed", "en", { ...options, wording });
    expect(def.components[0].text).toBe("📦 {{order_name}} is late, sorry!");
    expect(def).not.toEqual(utilityTemplateDefinition("delayed", "en", options));
  });
});

describe("utilityTemplateParams", () => {
  it("fills the named parameters and signs a suffix per button: the parcel's tracking page, then the order", () => {
    const message = utilityTemplateParams("shipped", {
      locale: "de",
      shopName: "Beispiel {Shop}",
      shopDomain: "beispiel.myshopify.com",
      order,
      shipment,
      links,
    });
    expect(message.name).toBe("mc_order_shipped_v1");
    expect(message.language).toEqual({ code: "de_DE" });
    expect(message.components[0]).toEqual({
      type: "body",
      parameters: [{ type: "text", parameter_name: "order_name", text: "#1001" }],
    });
    const buttons = message.components[1];
    expect(buttons?.type).toBe("buttons");
    const urls = buttons?.type === "buttons" ? buttons.parameters.map((p) => links.resolve(p.url)) : [];
    expect(urls).toEqual(["https://track.example/X", "https://shop.example/orders/abc?key=k"]);
  });

  it("falls back to the shop when no link exists and sanitizes values", () => {
    const message = utilityTemplateParams("confirmed", {
      locale: "en",
      shopName: "Shop {{x}}",
      shopDomain: "s.myshopify.com",
      order: { ...order, orderStatusUrl: undefined },
      links,
    });
    const body = message.components[0];
    const params =
      body?.type === "body" ? Object.fromEntries(body.parameters.map((p) => [p.parameter_name, p.text])) : {};
    expect(params).toEqual({ order_name: "#1001", shop_name: "Shop x", total: "€49.90" });
    const buttons = message.components[1];
    expect(buttons?.type === "buttons" && links.resolve(buttons.parameters[0]!.url)).toBe("https://s.myshopify.com");
  });
});

describe("the app's templates and sends pass the Meta emulator's utility-template checks", () => {
  it.each(SUPPORTED_LOCALES)("every definition is created and every event's send accepted (%s)", (locale) => {
    const state = createState();
    for (const event of ORDER_EVENTS) {
      const def = utilityTemplateDefinition(event, locale, {
        ...options,
        wording: { [locale]: { refunded: "Refund for {{order_name}}: {{refund_amount}}" } },
      });
      const created = createTemplate(state, "P1", JSON.parse(JSON.stringify(def)));
      created.status = "APPROVED";
      const message = {
        template: utilityTemplateParams(event, {
          locale,
          shopName: "Shop",
          shopDomain: "s.myshopify.com",
          order,
          shipment,
          links,
          overrides: { [locale]: { refunded: "Refund for {{order_name}}: {{refund_amount}}" } },
        }),
      };
      expect(() => checkUtilitySend(state, "P1", JSON.parse(JSON.stringify(message)))).not.toThrow();
    }
  });
});
