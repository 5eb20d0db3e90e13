import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFulfillment, makeOrder } from "../../../emulators/shopify/order-factories.js";
import { mintSessionToken } from "../../../emulators/shopify/session-token.js";
import { DB_KINDS } from "../../helpers/db.js";
import { startMetaHarness, type MetaHarness } from "../../helpers/meta-harness.js";
import { TEST_ENV, TEST_SHOP } from "../../helpers/test-app.js";
import { deliver, link, settle } from "../orders/order-harness.js";

for (const kind of DB_KINDS) {
  describe(`notification settings, preview and order timeline [${kind}]`, () => {
    let h: MetaHarness;
    beforeAll(async () => {
      h = await startMetaHarness(kind);
    });
    afterAll(async () => {
      await h?.close();
    });
    const api = async (method: string, path: string, body?: unknown) => {
      const token = mintSessionToken({
        apiKey: TEST_ENV.SHOPIFY_API_KEY,
        secret: TEST_ENV.SHOPIFY_API_SECRET,
        shop: TEST_SHOP,
        now: new Date(),
      });
      const res = await fetch(`${h.app.url}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };

    it("validates settings with positions, saves them, and applies them to the next order", async () => {
      const bad = await api("PUT", "/notifications/settings", {
        events: { shipped: false },
        wording: { en: { shipped: "Hi {{first_name}, {{coupon}}" } },
      });
      expect(bad.status).toBe(400);
      const errors = bad.json.errors as { path: string; code: string; index: number }[];
      expect(errors.every((e) => e.path === "wording.en.shipped")).toBe(true);
      expect(errors.map((e) => e.code)).toContain("unbalanced_braces");
      expect(errors[0]!.index).toBeGreaterThanOrEqual(0);
      expect((await api("PUT", "/notifications/settings", { events: { nope: true } })).status).toBe(400);
      const promo = await api("PUT", "/notifications/settings", {
        events: {},
        wording: { en: { delivered: "Delivered! Get 20% off your next order with code THANKS20." } },
        includeAddress: false,
      });
      expect(promo.status).toBe(400);
      expect((promo.json.errors as { code: string }[]).map((e) => e.code)).toContain("promotional_content");

      const good = {
        events: { shipped: false },
        wording: { lt: { confirmed: "Ačiū, {{first_name}}! {{order_name}} gautas." } },
        includeAddress: true,
      };
      expect((await api("PUT", "/notifications/settings", good)).status).toBe(200);
      expect((await api("GET", "/notifications/settings")).json.settings).toEqual(good);

      const order = makeOrder({ customer: { id: "7500000000001" } });
      await link(h, "26000000000000001", { kind: "customer", id: "7500000000001" });
      await deliver(h, "orders/create", order);
      await deliver(h, "fulfillments/create", makeFulfillment({ orderId: order.id }));
      await settle(h);
      const timeline = await api("GET", `/orders/${order.id}/timeline`);
      const messages = timeline.json.messages as {
        event: string;
        status: string;
        reasonCode: string | null;
        rule: string | null;
      }[];
      expect(messages.map((m) => m.event)).toEqual(["confirmed", "shipped"]);
      expect(messages[1]).toMatchObject({ status: "skipped", reasonCode: "disabled_by_merchant" });
      expect(messages[0]!.status).not.toBe("queued");
      const row = await h.app.database.prisma.outboundMessage.findFirstOrThrow({
        where: { orderId: order.id, purpose: "order.confirmed" },
      });
      const content = row.content as {
        textParts: string[];
        message: { attachment: { payload: { address?: unknown } } };
      };
      expect(content.textParts[0]).toBe(`Ačiū, Jonas! ${order.name} gautas.`);
      expect(content.message.attachment.payload.address).toBeDefined();
      expect((await api("GET", "/orders/not-a-number/timeline")).status).toBe(400);
    });

    it("previews the rendered payload for an event and locale, with unsaved wording", async () => {
      const shipped = await api("POST", "/notifications/preview", {
        event: "shipped",
        locale: "de",
        wording: "Hallo {{first_name}}, {{order_name}} ist unterwegs.",
      });
      expect(shipped.status).toBe(200);
      const preview = shipped.json.preview as {
        message: { attachment: { payload: { text: string; buttons: { url: string }[] } } };
        utility: { language: string };
      };
      expect(preview.message.attachment.payload.text).toBe("Hallo Alex, #1001 ist unterwegs.");
      expect(preview.message.attachment.payload.buttons[0]!.url).toContain("ups.com");
      expect(preview.utility.language).toBe("de_DE");
      const receipt = await api("POST", "/notifications/preview", { event: "confirmed", locale: "fr" });
      expect(
        (receipt.json.preview as { message: { attachment: { payload: { template_type: string } } } }).message.attachment
          .payload.template_type,
      ).toBe("receipt");
      const invalid = await api("POST", "/notifications/preview", {
        event: "shipped",
        locale: "de",
        wording: "{{nope}}",
      });
      expect(invalid.status).toBe(400);
      expect((invalid.json.errors as { index: number; code: string }[])[0]).toMatchObject({
        index: 0,
        code: "unknown_variable",
      });
      expect((await api("POST", "/notifications/preview", { event: "teleported", locale: "de" })).status).toBe(400);
    });
  });
}
