import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextId } from "../../../emulators/shopify/factory-helpers.js";
import { makeOrder } from "../../../emulators/shopify/order-factories.js";
import { mintExtensionSessionToken } from "../../../emulators/shopify/session-token.js";
import { deliverWebhook, signWebhook } from "../../../emulators/shopify/sign-webhook.js";
import { DB_KINDS } from "../../helpers/db.js";
import { startMetaHarness, TEST_PAGE, type MetaHarness } from "../../helpers/meta-harness.js";
import { waitForIdle } from "../../helpers/outbound.js";
import { TEST_ENV, TEST_SHOP } from "../../helpers/test-app.js";

for (const kind of DB_KINDS) {
  describe(`"Get order updates on Messenger" on the Thank-you page [${kind}]`, () => {
    let h: MetaHarness;
    beforeAll(async () => {
      h = await startMetaHarness(kind);
    });
    afterAll(async () => {
      await h?.close();
    });
    const db = () => h.app.database.prisma;
    const orderCreated = async (order: ReturnType<typeof makeOrder>) => {
      const webhook = signWebhook({
        topic: "orders/create",
        shop: TEST_SHOP,
        body: order,
        secret: TEST_ENV.SHOPIFY_API_SECRET,
        apiVersion: "2026-10",
      });
      expect((await deliverWebhook(`${h.app.url}/webhooks/shopify`, webhook)).status).toBe(200);
      await waitForIdle(db());
    };
    const orderLink = async (orderId: string, confirmationNumber: string) => {
      const token = mintExtensionSessionToken({
        apiKey: TEST_ENV.SHOPIFY_API_KEY,
        secret: TEST_ENV.SHOPIFY_API_SECRET,
        shop: TEST_SHOP,
        now: h.clock.now(),
      });
      const response = await fetch(`${h.app.url}/ext/order-link`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({
          orderId: `gid://shopify/Order/${orderId}`,
          confirmationNumber,
          entryPoint: "thank_you",
        }),
      });
      return { status: response.status, json: (await response.json()) as { url?: string } };
    };
    const outbound = (psid: string) =>
      (h.meta.thread(TEST_PAGE.pageId, psid)?.items ?? []).flatMap((i) =>
        i.direction === "out"
          ? [i.request as { message: { text?: string; attachment?: { payload: { template_type: string } } } }]
          : [],
      );

    it("a guest who taps the button after orders/create gets the link confirmation and then the receipt", async () => {
      const order = makeOrder({ id: nextId(), shop: TEST_SHOP, customer: null, customerLocale: "en" });
      await orderCreated(order);
      expect(await db().outboundMessage.count({ where: { orderId: order.id } })).toBe(0);
      const link = await orderLink(order.id, order.confirmation_number);
      expect(link.status).toBe(200);
      const psid = "7600000000000001";
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, psid, {
        ref: new URL(link.json.url!).searchParams.get("ref")!,
      });
      await waitForIdle(db());
      const out = outbound(psid);
      expect(out[0]!.message.text).toMatch(/^Connected/);
      expect(out[1]!.message.attachment?.payload.template_type).toBe("receipt");
      expect(out).toHaveLength(2);
    });

    it("a button tapped before orders/create arrives (the race) gets the receipt when the order comes", async () => {
      const order = makeOrder({ id: nextId(), shop: TEST_SHOP, customer: null, customerLocale: "en" });
      const link = await orderLink(order.id, order.confirmation_number);
      expect(link.status).toBe(200);
      const psid = "7600000000000002";
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, psid, {
        ref: new URL(link.json.url!).searchParams.get("ref")!,
      });
      await waitForIdle(db());
      await orderCreated(order);
      const out = outbound(psid);
      expect(out.map((m) => m.message.attachment?.payload.template_type ?? "text")).toEqual(["text", "receipt"]);
    });

    it("a wrong confirmation number binds nothing usable: refused when the link is used on a known order, never sent when the order arrives later", async () => {
      const known = makeOrder({ id: nextId(), shop: TEST_SHOP, customer: null });
      await orderCreated(known);
      // The endpoint answers as it would for an unknown order (no oracle for order ids or numbers)...
      const wrong = await orderLink(known.id, "NOTTHEONE");
      expect(wrong.status).toBe(200);
      const first = "7600000000000092";
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, first, {
        ref: new URL(wrong.json.url!).searchParams.get("ref")!,
      });
      await waitForIdle(db());
      // ...and the binder refuses the number: no link, no order name or buyer in the thread, no receipt.
      expect(await db().shopperLink.count({ where: { psid: first } })).toBe(0);
      expect(outbound(first).map((m) => m.message.text ?? "")).toEqual([expect.stringMatching(/^Hi!/)]);
      expect(JSON.stringify(outbound(first))).not.toContain(known.name);

      const later = makeOrder({ id: nextId(), shop: TEST_SHOP, customer: null });
      const link = await orderLink(later.id, "GUESSED123");
      expect(link.status).toBe(200);
      const psid = "7600000000000003";
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, psid, {
        ref: new URL(link.json.url!).searchParams.get("ref")!,
      });
      await waitForIdle(db());
      await orderCreated(later);
      expect(outbound(psid).filter((m) => m.message.attachment)).toHaveLength(0);
      expect(await db().outboundMessage.count({ where: { orderId: later.id, category: "post_purchase_update" } })).toBe(
        0,
      );
    });
  });
}
