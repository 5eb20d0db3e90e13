import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextId } from "../../../emulators/shopify/factory-helpers.js";
import {
  makeFulfillment,
  makeFulfillmentEvent,
  makeOrder,
  makeRefund,
} from "../../../emulators/shopify/order-factories.js";
import { deliverWebhook, signWebhook } from "../../../emulators/shopify/sign-webhook.js";
import { DB_KINDS } from "../../helpers/db.js";
import { startMetaHarness, TEST_PAGE, type MetaHarness } from "../../helpers/meta-harness.js";
import { waitForIdle } from "../../helpers/outbound.js";
import { TEST_ENV, TEST_SHOP } from "../../helpers/test-app.js";
import { link } from "./order-harness.js";

type Out = {
  messaging_type: string;
  message: {
    text?: string;
    attachment?: { payload: { template_type: string; text?: string; buttons?: { url: string }[] } };
  };
};

for (const kind of DB_KINDS) {
  describe(`a split order through signed Shopify webhooks and the Meta emulator [${kind}]`, () => {
    let h: MetaHarness;
    const customerId = nextId(7_600_000_000_000);
    const psid = "7300000000000088";
    beforeAll(async () => {
      h = await startMetaHarness(kind, { start: "2026-11-20T12:00:00Z" });
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, psid);
      await link(h, psid, { kind: "customer", id: customerId });
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
    const sentTexts = () =>
      (h.meta.thread(TEST_PAGE.pageId, psid)?.items ?? []).flatMap((i) => {
        if (i.direction !== "out") return [];
        const m = (i.request as unknown as Out).message;
        const buttons = m.attachment?.payload.buttons?.map((b) => b.url) ?? [];
        return [
          { text: m.attachment?.payload.text ?? m.text ?? "", buttons, type: m.attachment?.payload.template_type },
        ];
      });

    it("tells both shipments with their own tracking numbers, both partial refunds and both delays, once each and in order per shipment", async () => {
      const order = makeOrder({
        id: nextId(),
        shop: TEST_SHOP,
        customer: { id: customerId, firstName: "Ona" },
        customerLocale: "en",
        lineItems: [
          { title: "Linen shirt", quantity: 1, price: 39.5 },
          { title: "Rain coat", quantity: 1, price: 89 },
        ],
      });
      const first = makeFulfillment({ orderId: order.id, trackingNumbers: ["1ZFIRST0000000001"] });
      const second = makeFulfillment({ orderId: order.id, trackingNumbers: ["1ZSECOND000000002"] });
      const event = (f: { id: string }, status: string) =>
        makeFulfillmentEvent({ orderId: order.id, fulfillmentId: f.id, status });
      const refundA = makeRefund({ orderId: order.id, amount: 10, createdAt: "2026-11-20T12:09:00Z" });
      const refundB = makeRefund({ orderId: order.id, amount: 12.5, createdAt: "2026-11-20T12:10:00Z" });
      const steps = [
        { topic: "orders/create", body: order, at: at(1), id: "split-create" },
        { topic: "fulfillments/create", body: first, at: at(2), id: "split-f1" },
        { topic: "fulfillment_events/create", body: event(first, "in_transit"), at: at(3), id: "split-f1-transit" },
        { topic: "fulfillments/create", body: second, at: at(4), id: "split-f2" },
        { topic: "fulfillment_events/create", body: event(first, "delayed"), at: at(5), id: "split-f1-delay" },
        { topic: "fulfillment_events/create", body: event(second, "delayed"), at: at(6), id: "split-f2-delay" },
        { topic: "fulfillment_events/create", body: event(first, "delivered"), at: at(7), id: "split-f1-delivered" },
        { topic: "fulfillment_events/create", body: event(second, "delivered"), at: at(8), id: "split-f2-delivered" },
        { topic: "refunds/create", body: refundA, at: at(9), id: "split-refund-a" },
        { topic: "refunds/create", body: refundB, at: at(10), id: "split-refund-b" },
        // The carrier's late "out for delivery" for the first parcel, after it was delivered: stale, recorded as such.
        { topic: "fulfillment_events/create", body: event(first, "out_for_delivery"), at: at(11), id: "split-f1-late" },
      ];
      const before = sentTexts().length;
      await h.app.workers.stop();
      // Out of order and twice each; the same webhook id is Shopify's retry, a new id its duplicate delivery.
      const arrival = [9, 3, 7, 0, 5, 1, 8, 2, 10, 4, 6];
      for (const i of [...arrival, ...[...arrival].reverse()]) {
        expect((await deliver(steps[i]!.topic, steps[i]!.body, steps[i]!.at, steps[i]!.id)).status).toBe(200);
      }
      for (const i of [1, 3, 8, 9]) {
        const s = steps[i]!;
        expect((await deliver(s.topic, s.body, s.at, `${s.id}-again`)).status).toBe(200);
      }
      h.app.workers.start();
      await waitForIdle(h.app.database.prisma, 120_000);

      const timeline = await h.app.database.prisma.outboundMessage.findMany({
        where: { orderId: order.id },
        orderBy: { id: "asc" },
      });
      const rows = timeline.map((m) => [m.purpose, m.fulfillmentId ?? m.refundId ?? null, m.status]);
      expect(rows).toEqual([
        ["order.confirmed", null, "sent"],
        ["order.shipped", first.id, "sent"],
        ["order.in_transit", first.id, "sent"],
        ["order.shipped", second.id, "sent"],
        ["order.delayed", first.id, "sent"],
        ["order.delayed", second.id, "sent"],
        ["order.delivered", first.id, "sent"],
        ["order.delivered", second.id, "sent"],
        ["order.refunded", refundA.id, "sent"],
        ["order.refunded", refundB.id, "sent"],
        ["order.out_for_delivery", first.id, "skipped"],
      ]);
      expect(timeline.at(-1)?.reasonCode).toBe("stale");

      const sent = sentTexts().slice(before);
      expect(sent).toHaveLength(10);
      expect(sent[0]!.type).toBe("receipt");
      const shippedFirst = sent[1]!;
      const shippedSecond = sent[3]!;
      expect(shippedFirst.text).toContain("1ZFIRST0000000001");
      expect(shippedFirst.buttons.join(" ")).toContain("1ZFIRST0000000001");
      expect(shippedSecond.text).toContain("1ZSECOND000000002");
      expect(shippedSecond.buttons.join(" ")).toContain("1ZSECOND000000002");
      expect(shippedSecond.text).not.toContain("1ZFIRST0000000001");
      expect(sent.filter((m) => /delayed/i.test(m.text))).toHaveLength(2);
      const refunds = sent.filter((m) => /refund/i.test(m.text)).map((m) => m.text);
      expect(refunds).toHaveLength(2);
      expect(refunds[0]).toMatch(/10\.00/);
      expect(refunds[1]).toMatch(/12\.50/);
      // 26 signed deliveries and 10 sends on one embedded database: give a loaded machine time.
    }, 180_000);
  });
}
