import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextId } from "../../../emulators/shopify/factory-helpers.js";
import { makeFulfillment, makeFulfillmentEvent, makeOrder } from "../../../emulators/shopify/order-factories.js";
import { deliverWebhook, signWebhook } from "../../../emulators/shopify/sign-webhook.js";
import { signAppProxyQuery } from "../../../web/server/storefront/verify-proxy-signature.js";
import { DB_KINDS } from "../../helpers/db.js";
import { startMetaHarness, TEST_PAGE, type MetaHarness } from "../../helpers/meta-harness.js";
import { waitForIdle } from "../../helpers/outbound.js";
import { TEST_ENV, TEST_SHOP } from "../../helpers/test-app.js";

type Out = {
  messaging_type: string;
  message: {
    text?: string;
    attachment?: { payload: { template_type: string; text?: string } };
    template?: { name: string };
  };
};

for (const kind of DB_KINDS) {
  describe(`a shopper's whole order through signed webhooks and the Meta emulator [${kind}]`, () => {
    let h: MetaHarness;
    const customerId = nextId(7_500_000_000_000);
    const psid = "7300000000000001";
    beforeAll(async () => {
      h = await startMetaHarness(kind, { start: "2026-11-20T12:00:00Z" });
      // The shopper links through the storefront bubble: signed proxy request, m.me, Get Started.
      const query = signAppProxyQuery(
        {
          shop: TEST_SHOP,
          logged_in_customer_id: customerId,
          path_prefix: "/apps/messenger",
          timestamp: String(Math.floor(h.clock.now().getTime() / 1000)),
        },
        TEST_ENV.SHOPIFY_API_SECRET,
      );
      const { url } = (await (await fetch(`${h.app.url}/proxy/link?${query}`)).json()) as { url: string };
      await h.meta.shopper.openMmeLink(TEST_PAGE.pageId, psid, new URL(url).searchParams.get("ref")!);
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, psid);
      await waitForIdle(h.app.database.prisma);
    });
    afterAll(async () => {
      await h?.close();
    });
    const at = (minutes: number) => new Date(h.clock.now().getTime() + minutes * 60_000);
    const deliver = (topic: string, body: unknown, triggeredAt: Date, webhookId: string) =>
      deliverWebhook(
        `${h.app.url}/webhooks/shopify`,
        signWebhook({
          topic,
          shop: TEST_SHOP,
          body,
          secret: TEST_ENV.SHOPIFY_API_SECRET,
          apiVersion: "2026-10",
          webhookId,
          triggeredAt,
        }),
      );
    const outbound = () =>
      (h.meta.thread(TEST_PAGE.pageId, psid)?.items ?? []).flatMap((i) =>
        i.direction === "out" ? [i.request as unknown as Out] : [],
      );

    it("delivers receipt, shipped, out for delivery and delivered in order, once each, though every webhook comes twice and out of order", async () => {
      const order = makeOrder({
        id: nextId(),
        shop: TEST_SHOP,
        customer: { id: customerId, firstName: "Jurgita" },
        customerLocale: "en",
        lineItems: [
          { title: "Linen shirt", quantity: 2, price: 39.5 },
          { title: "Wool socks", quantity: 3, price: 9.9 },
        ],
      });
      const fulfillment = makeFulfillment({
        orderId: order.id,
        trackingNumbers: ["1Z999AA10123456784", "1Z999AA10123456785"],
      });
      const event = (status: string) =>
        makeFulfillmentEvent({ orderId: order.id, fulfillmentId: fulfillment.id, status });
      const steps = [
        { topic: "orders/create", body: order, at: at(1), id: "wh-create" },
        { topic: "fulfillments/create", body: fulfillment, at: at(2), id: "wh-fulfil" },
        { topic: "fulfillment_events/create", body: event("out_for_delivery"), at: at(3), id: "wh-ofd" },
        { topic: "fulfillment_events/create", body: event("delivered"), at: at(4), id: "wh-delivered" },
      ];
      const before = outbound().length;
      // Shopify's order of arrival: the later events first, everything twice. Workers wait until all are in,
      // so the test does not depend on how fast this machine is.
      await h.app.workers.stop();
      for (const i of [3, 2, 0, 1, 0, 3, 1, 2])
        expect((await deliver(steps[i]!.topic, steps[i]!.body, steps[i]!.at, steps[i]!.id)).status).toBe(200);
      h.app.workers.start();
      await waitForIdle(h.app.database.prisma);
      const sent = outbound().slice(before);
      expect(sent).toHaveLength(4);
      expect(sent[0]!.message.attachment?.payload.template_type).toBe("receipt");
      expect(sent.every((m) => m.messaging_type === "UPDATE")).toBe(true);
      const texts = sent.slice(1).map((m) => m.message.attachment?.payload.text ?? m.message.text ?? "");
      expect(texts[0]).toMatch(/shipped/i);
      expect(texts[1]).toMatch(/out for delivery/i);
      expect(texts[2]).toMatch(/delivered/i);
      const timeline = await h.app.database.prisma.outboundMessage.findMany({
        where: { orderId: order.id },
        orderBy: { id: "asc" },
      });
      expect(timeline.map((m) => [m.purpose, m.status])).toEqual([
        ["order.confirmed", "sent"],
        ["order.shipped", "sent"],
        ["order.out_for_delivery", "sent"],
        ["order.delivered", "sent"],
      ]);
    });

    it("outside the window: skipped with a visible reason until a utility template is approved, then sent as UTILITY", async () => {
      h.clock.advance({ hours: 30 });
      const first = makeOrder({
        id: nextId(),
        number: 1002,
        shop: TEST_SHOP,
        customer: { id: customerId },
        customerLocale: "en",
      });
      await deliver("orders/create", first, h.clock.now(), "wh-late-1");
      await waitForIdle(h.app.database.prisma);
      const skipped = await h.app.database.prisma.outboundMessage.findFirstOrThrow({ where: { orderId: first.id } });
      expect(skipped).toMatchObject({ status: "skipped", reasonCode: "no_approved_template" });
      expect(skipped.reason).toMatch(/template/i);

      await h.meta.approveTemplate("mc_order_confirmed_v1", "en_US", TEST_PAGE.pageId);
      await waitForIdle(h.app.database.prisma);
      const second = makeOrder({
        id: nextId(),
        number: 1003,
        shop: TEST_SHOP,
        customer: { id: customerId },
        customerLocale: "en",
      });
      await deliver("orders/create", second, h.clock.now(), "wh-late-2");
      await waitForIdle(h.app.database.prisma);
      expect(
        await h.app.database.prisma.outboundMessage.findFirstOrThrow({ where: { orderId: second.id } }),
      ).toMatchObject({ status: "sent", transport: "UTILITY" });
      const last = outbound().at(-1)!;
      expect(last.messaging_type).toBe("UTILITY");
      expect(last.message.template?.name).toBe("mc_order_confirmed_v1");
    });
  });
}
