import { describe, expect, it } from "vitest";
import { createTemplateLinks } from "../../../web/server/tracking-links/signed-link.js";
import { composeOrderUpdate } from "../../../web/server/notifications/compose-order-update.js";
import type { OrderFacts } from "../../../web/server/notifications/order-facts.js";

const order: OrderFacts = {
  orderId: "1",
  name: "#1001",
  createdAt: "2026-05-04T10:15:00+02:00",
  currency: "EUR",
  lineItems: [{ title: "Sweater", quantity: 1, lineTotal: "59.00" }],
  total: "59.00",
  discountCodes: [],
  paymentGateways: ["shopify_payments"],
  firstName: "Lucía",
};
const base = {
  locale: "es" as const,
  shopName: "Tienda",
  shopDomain: "tienda.myshopify.com",
  order,
  includeAddress: false,
  links: createTemplateLinks(Buffer.alloc(32, 1), "https://app.example"),
};
const shipment = {
  orderId: "1",
  fulfillmentId: "2",
  carrier: "Correos",
  trackings: [{ number: "PK1", url: "https://correos.example/PK1" }],
};

describe("composeOrderUpdate", () => {
  it("sends the receipt for a confirmation inside the window", () => {
    const content = composeOrderUpdate({ ...base, event: "confirmed", windowOpen: true });
    expect(
      content.transport === "standard" &&
        "attachment" in content.message &&
        content.message.attachment.payload.template_type,
    ).toBe("receipt");
  });

  it("sends the merchant's localized wording with a tracking button inside the window", () => {
    const content = composeOrderUpdate({
      ...base,
      event: "shipped",
      windowOpen: true,
      shipment,
      overrides: { es: { shipped: "¡{{first_name}}, {{order_name}} va con {{carrier}}!" } },
    });
    expect(content).toEqual({
      transport: "standard",
      message: {
        attachment: {
          type: "template",
          payload: {
            template_type: "button",
            text: "¡Lucía, #1001 va con Correos!",
            buttons: [{ type: "web_url", url: "https://correos.example/PK1", title: "Seguir envío" }],
          },
        },
      },
    });
  });

  it("uses the utility template outside the window", () => {
    const content = composeOrderUpdate({ ...base, event: "delivered", windowOpen: false, shipment });
    expect(content.transport === "utility" && content.template.name).toBe("mc_order_delivered_v1");
    expect(content.transport === "utility" && content.template.language.code).toBe("es_ES");
  });
});
