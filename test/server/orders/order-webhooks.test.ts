import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFulfillment, makeFulfillmentEvent, makeOrder } from "../../../emulators/shopify/order-factories.js";
import { nextId } from "../../../emulators/shopify/factory-helpers.js";
import { orderVerifier } from "../../../web/server/orders/order-verifier.js";
import { DB_KINDS } from "../../helpers/db.js";
import { startMetaHarness, type MetaHarness } from "../../helpers/meta-harness.js";
import { deliver, link, orderMessages, settle } from "./order-harness.js";

for (const kind of DB_KINDS) {
  describe(`order updates from Shopify webhooks [${kind}]`, () => {
    let h: MetaHarness;
    beforeAll(async () => {
      h = await startMetaHarness(kind);
    });
    afterAll(async () => {
      await h?.close();
    });

    const newOrder = (customerId = nextId(7_200_000_000_000)) =>
      makeOrder({ id: nextId(), customer: { id: customerId }, shop: "test-shop.myshopify.com" });
    const purposes = async (orderId: string) => (await orderMessages(h, orderId)).map((m) => m.purpose);

    it("queues the confirmation to the customer's PSID in both forms", async () => {
      const order = newOrder();
      await link(h, "psid-confirm", { kind: "customer", id: order.customer!.id });
      expect(await deliver(h, "orders/create", order)).toBe(200);
      await settle(h);
      const [row, ...rest] = await orderMessages(h, order.id);
      expect(rest).toHaveLength(0);
      expect(row).toMatchObject({
        psid: "psid-confirm",
        category: "post_purchase_update",
        purpose: "order.confirmed",
        customerId: order.customer!.id,
      });
      const content = row!.content as {
        message: { attachment: { payload: { template_type: string; currency: string } } };
        utility: { name: string; language: string };
        textParts: string[];
      };
      expect(content.message.attachment.payload).toMatchObject({ template_type: "receipt", currency: "EUR" });
      expect(content.utility).toMatchObject({ name: "mc_order_confirmed_v1", language: "lt_LT" });
      expect(content.textParts[0]).toContain(order.name);
    });

    it("sends nothing to unlinked customers, to links of other customers, or through an order link whose verifier does not match", async () => {
      const order = newOrder();
      await link(h, "psid-unlinked", { kind: "customer", id: order.customer!.id, unlinked: true });
      await link(h, "psid-other", { kind: "customer", id: nextId(7_300_000_000_000) });
      await link(h, "psid-forged", { kind: "order", id: order.id, verifier: orderVerifier("WRONG1234") });
      await deliver(h, "orders/create", order);
      await settle(h);
      expect(await orderMessages(h, order.id)).toHaveLength(0);
      const guest = makeOrder({ id: nextId(), customer: null });
      await link(h, "psid-guest", { kind: "order", id: guest.id, verifier: orderVerifier(guest.confirmation_number) });
      await deliver(h, "orders/create", guest);
      await settle(h);
      expect((await orderMessages(h, guest.id)).map((m) => m.psid)).toEqual(["psid-guest"]);
    });

    it("gives one message per (order, event) in causal order when every webhook comes twice and out of order", async () => {
      const order = newOrder();
      await link(h, "psid-journey", { kind: "customer", id: order.customer!.id });
      const fulfillment = makeFulfillment({ orderId: order.id, trackingNumbers: ["1Z1", "1Z2"] });
      const event = (status: string) =>
        makeFulfillmentEvent({ orderId: order.id, fulfillmentId: fulfillment.id, status });
      const outForDelivery = event("out_for_delivery");
      const delivered = event("delivered");
      const twice = async (topic: string, body: unknown) => {
        const id = `${topic}-${(body as { id: string }).id}`;
        await deliver(h, topic, body, { webhookId: id });
        await deliver(h, topic, body, { webhookId: id });
        await deliver(h, topic, body);
        await settle(h);
      };
      await twice("orders/create", order);
      await twice("fulfillments/create", fulfillment);
      await twice("fulfillment_events/create", outForDelivery);
      await twice("fulfillment_events/create", delivered);
      await twice("fulfillment_events/create", event("in_transit"));
      const rows = await orderMessages(h, order.id);
      expect(
        rows.map((r) => [r.purpose, r.rule === "order_updates.ordering" ? r.reasonCode : "queued-or-decided"]),
      ).toEqual([
        ["order.confirmed", "queued-or-decided"],
        ["order.shipped", "queued-or-decided"],
        ["order.out_for_delivery", "queued-or-decided"],
        ["order.delivered", "queued-or-decided"],
        ["order.in_transit", "stale"],
      ]);
      const shipped = rows[1]!.content as { message: { attachment: { payload: { buttons: { url: string }[] } } } };
      expect(shipped.message.attachment.payload.buttons.map((b) => b.url).slice(0, 2)).toEqual([
        fulfillment.tracking_urls[0],
        fulfillment.tracking_urls[1],
      ]);
    });

    it("puts shipped before delivered when the delivered event arrives before the fulfillment", async () => {
      const order = newOrder();
      await link(h, "psid-early", { kind: "customer", id: order.customer!.id });
      const fulfillment = makeFulfillment({ orderId: order.id });
      await deliver(h, "orders/create", order);
      await settle(h);
      await deliver(
        h,
        "fulfillment_events/create",
        makeFulfillmentEvent({ orderId: order.id, fulfillmentId: fulfillment.id, status: "delivered" }),
      );
      await settle(h);
      await deliver(h, "fulfillments/create", fulfillment);
      await settle(h);
      expect(await purposes(order.id)).toEqual(["order.confirmed", "order.shipped", "order.delivered"]);
    });

    it("sends nothing but the cancellation after a cancellation", async () => {
      const order = newOrder();
      await link(h, "psid-cancel", { kind: "customer", id: order.customer!.id });
      await deliver(h, "orders/create", order);
      await deliver(h, "orders/cancelled", {
        ...order,
        cancelled_at: "2026-05-04T12:00:00+02:00",
        cancel_reason: "customer",
      });
      await settle(h);
      await deliver(h, "fulfillments/create", makeFulfillment({ orderId: order.id }));
      await settle(h);
      const rows = await orderMessages(h, order.id);
      expect(rows.map((r) => r.purpose)).toEqual(["order.confirmed", "order.cancelled", "order.shipped"]);
      expect(rows[2]).toMatchObject({ status: "skipped", reasonCode: "after_cancellation" });
      const jobs = await h.app.database.prisma.outboxJob.count({ where: { dedupeKey: `send:${rows[2]!.id}` } });
      expect(jobs).toBe(0);
      const record = await h.app.database.prisma.orderRecord.findFirstOrThrow({ where: { orderId: order.id } });
      expect(record.cancelledAt).not.toBeNull();
    });

    it("ignores an unknown shop and dead-letters a malformed payload with its reason", async () => {
      const order = newOrder();
      await deliver(h, "orders/create", order, { shop: "nobody.myshopify.com" });
      await deliver(h, "orders/create", { id: 42, name: "#1" }, { webhookId: "malformed-1" });
      await settle(h);
      expect(await orderMessages(h, order.id)).toHaveLength(0);
      expect(await h.app.database.prisma.orderRecord.count({ where: { orderId: order.id } })).toBe(0);
      const dead = await h.app.database.prisma.outboxJob.findUniqueOrThrow({
        where: { dedupeKey: "inbox:shopify:malformed-1" },
      });
      expect(dead).toMatchObject({ status: "dead", attempts: 1 });
      expect(dead.lastError).toMatch(/^invalid_payload: .*line_items/);
      expect(h.app.logs()).toContain("unknown or uninstalled shop");
    });
  });
}
