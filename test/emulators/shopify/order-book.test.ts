import { describe, expect, it } from "vitest";
import {
  createOrderBook,
  OrderActionError,
  parseOrderBookSnapshot,
  type OrderBook,
} from "../../../emulators/shopify/order-book.js";
import { toShopifyJson } from "../../../emulators/shopify/shopify-json.js";
import { eventForFulfillment, eventForFulfillmentStatus } from "../../../web/server/notifications/order-event.js";
import { parseShopifyWebhook } from "../../../web/server/notifications/parse-shopify-webhook.js";

const SHOP = "book-test.myshopify.com";
const NOW = new Date("2026-11-30T10:00:00Z");
const item = { title: "Linen shirt", variantTitle: "White / M", quantity: 1, price: 49, sku: "LS" };

function place(book: OrderBook, customer: { id: string; firstName: string } | null = { id: "7001", firstName: "Ana" }) {
  return book.place({ customer, lineItems: [item], currency: "EUR", locale: "en", now: NOW });
}

/** What the app's webhook parser makes of a body, as it would arrive on the wire. */
function parsed(topic: string, body: unknown) {
  const result = parseShopifyWebhook(topic, toShopifyJson(body));
  if (!result.ok) throw new Error(`${topic}: ${result.reason} ${result.issues?.join("; ")}`);
  return result.webhook.payload as Record<string, unknown>;
}

describe("Shopify emulator order book", () => {
  it("numbers orders one after the other, never twice, and gives each its own confirmation number", () => {
    const book = createOrderBook({ shop: SHOP });
    const orders = Array.from({ length: 20 }, () => place(book).booked.order);
    expect(orders.map((o) => o.order_number)).toEqual(Array.from({ length: 20 }, (_, i) => 1001 + i));
    expect(new Set(orders.map((o) => o.id)).size).toBe(20);
    expect(new Set(orders.map((o) => o.confirmation_number)).size).toBe(20);
    expect(orders[0]!.confirmation_number).toMatch(/^[A-Z1-9]{9}$/);
  });

  it("a book restored from its snapshot goes on with the next number and new ids", () => {
    const first = createOrderBook({ shop: SHOP });
    const a = place(first).booked.order;
    first.act(String(a.id), "fulfil", NOW);
    const snapshot = parseOrderBookSnapshot(JSON.parse(JSON.stringify(first.snapshot())));
    const again = createOrderBook({ shop: SHOP, snapshot });
    expect(again.list().map((b) => b.order.name)).toEqual(["#1001"]);
    expect(again.get(String(a.id)).fulfillment).toEqual(first.get(String(a.id)).fulfillment);
    const b = place(again).booked.order;
    expect(b.name).toBe("#1002");
    expect(b.id).not.toBe(a.id);
    expect(() => createOrderBook({ shop: "other.myshopify.com", snapshot })).toThrow(OrderActionError);
    expect(() => parseOrderBookSnapshot({ version: 1, shop: SHOP })).toThrow(/nextNumber/);
  });

  it("orders/create carries the storefront's items for a customer or a guest, and the app reads it", () => {
    const book = createOrderBook({ shop: SHOP });
    const { webhooks } = place(book);
    expect(webhooks.map((w) => w.topic)).toEqual(["orders/create"]);
    const order = parsed("orders/create", webhooks[0]!.body);
    expect(order).toMatchObject({ name: "#1001", currency: "EUR", customer: { id: "7001", first_name: "Ana" } });
    expect((order.line_items as { title: string }[]).map((li) => li.title)).toEqual(["Linen shirt"]);
    const guest = place(book, null).webhooks[0]!.body;
    expect(parsed("orders/create", guest).customer ?? null).toBeNull();
  });

  it("fulfil, then each carrier step: the webhooks Shopify sends, each meaning the step to the app", () => {
    const book = createOrderBook({ shop: SHOP });
    const id = String(place(book).booked.order.id);
    expect(book.allowedActions(id)).toEqual(["fulfil", "cancel", "refund"]);
    const [created] = book.act(id, "fulfil", NOW);
    expect(created!.topic).toBe("fulfillments/create");
    const fulfillment = parsed("fulfillments/create", created!.body) as { status: string; order_id: string };
    expect(fulfillment.order_id).toBe(id);
    expect(eventForFulfillment(fulfillment)).toBe("shipped");
    expect(book.allowedActions(id)).toEqual(["in_transit", "out_for_delivery", "delivered", "delay", "refund"]);

    const steps = [
      ["in_transit", "in_transit"],
      ["delay", "delayed"],
      ["out_for_delivery", "out_for_delivery"],
      ["delivered", "delivered"],
    ] as const;
    for (const [action, event] of steps) {
      const sent = book.act(id, action, NOW);
      expect(sent.map((w) => w.topic)).toEqual(["fulfillment_events/create", "fulfillments/update"]);
      const e = parsed("fulfillment_events/create", sent[0]!.body) as { status: string; fulfillment_id: string };
      expect(eventForFulfillmentStatus(e.status)).toBe(event);
      expect(e.fulfillment_id).toBe((fulfillment as unknown as { id: string }).id);
      const updated = parsed("fulfillments/update", sent[1]!.body) as { status: string; shipment_status: string };
      expect(eventForFulfillment(updated)).toBe(event);
    }
    expect(book.allowedActions(id)).toEqual(["refund"]);
    expect(() => book.act(id, "in_transit", NOW)).toThrow(/cannot be “In transit” now/);
  });

  it("cancel only before fulfilment; refund once, for the order's total", () => {
    const book = createOrderBook({ shop: SHOP });
    const id = String(place(book).booked.order.id);
    const [cancelled] = book.act(id, "cancel", NOW);
    expect(cancelled!.topic).toBe("orders/cancelled");
    expect(parsed("orders/cancelled", cancelled!.body).cancelled_at).toBe(NOW.toISOString());
    expect(book.allowedActions(id)).toEqual(["refund"]);
    const [refund] = book.act(id, "refund", NOW);
    expect(refund!.topic).toBe("refunds/create");
    const body = parsed("refunds/create", refund!.body) as { order_id: string; transactions: { amount: string }[] };
    expect(body.order_id).toBe(id);
    const total = (book.get(id).order.total_price_set as { presentment_money: { amount: string } }).presentment_money;
    expect(body.transactions[0]!.amount).toBe(total.amount);
    expect(book.allowedActions(id)).toEqual([]);
    expect(() => book.act(id, "refund", NOW)).toThrow(OrderActionError);
    expect(() => book.act("404", "refund", NOW)).toThrow(/no order 404/);
  });
});
