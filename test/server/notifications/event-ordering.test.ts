import { describe, expect, it } from "vitest";
import {
  compareEvents,
  eventsInScope,
  mayEnqueue,
  planEnqueue,
  scopeOf,
  type RecordedUpdate,
} from "../../../web/server/notifications/event-ordering.js";
import type { OrderEvent } from "../../../web/server/notifications/order-event.js";

describe("mayEnqueue", () => {
  it.each<[OrderEvent, OrderEvent[], string]>([
    ["confirmed", [], "ok"],
    ["shipped", ["confirmed"], "ok"],
    ["shipped", ["confirmed", "shipped"], "duplicate"],
    ["delivered", ["confirmed"], "needs_shipped_first"],
    ["delivered", ["confirmed", "shipped"], "ok"],
    ["delivered", ["ready_for_pickup"], "ok"],
    ["in_transit", ["shipped", "delivered"], "stale"],
    ["out_for_delivery", ["shipped", "delivered"], "stale"],
    ["attempted_delivery", ["shipped", "in_transit"], "ok"],
    ["in_transit", ["shipped"], "ok"],
    ["shipped", ["confirmed", "cancelled"], "after_cancellation"],
    ["refunded", ["confirmed", "cancelled"], "after_cancellation"],
    ["cancelled", ["confirmed", "cancelled"], "duplicate"],
    ["cancelled", ["confirmed", "shipped"], "ok"],
    ["refunded", ["confirmed", "shipped", "delivered"], "ok"],
    ["confirmed", ["shipped"], "ok"],
  ])("%s after %j -> %s", (event, sent, expected) => {
    const decision = mayEnqueue(event, sent);
    expect(decision.ok ? "ok" : decision.reason).toBe(expected);
  });
});

describe("planEnqueue", () => {
  it("puts shipped before a delivered that skipped it", () => {
    expect(planEnqueue("delivered", ["confirmed"])).toEqual({ enqueue: ["shipped", "delivered"] });
  });
  it("never plans anything after a cancellation", () => {
    expect(planEnqueue("delivered", ["cancelled"])).toEqual({ enqueue: [], skipped: "after_cancellation" });
  });
  it("plans a single event otherwise", () => {
    expect(planEnqueue("in_transit", ["shipped"])).toEqual({ enqueue: ["in_transit"] });
  });
});

it("sorts events causally", () => {
  const events: OrderEvent[] = ["delivered", "cancelled", "confirmed", "in_transit", "shipped"];
  expect([...events].sort(compareEvents)).toEqual(["confirmed", "shipped", "in_transit", "delivered", "cancelled"]);
});

describe("split orders: one message per (order, fulfillment, event) and per refund", () => {
  const at = new Date("2026-11-20T12:00:00Z");
  const row = (event: OrderEvent, about: { f?: string; r?: string; at?: Date } = {}): RecordedUpdate => ({
    event,
    fulfillmentId: about.f ?? null,
    refundId: about.r ?? null,
    createdAt: about.at ?? at,
  });
  const first = scopeOf("shipped", { fulfillmentId: "F1" });
  const second = scopeOf("shipped", { fulfillmentId: "F2" });
  const recorded = [row("confirmed"), row("shipped", { f: "F1" }), row("delivered", { f: "F1" })];

  it("tells the second shipment's steps although the first shipment already had them", () => {
    expect(planEnqueue("shipped", eventsInScope(recorded, second))).toEqual({ enqueue: ["shipped"] });
    expect(planEnqueue("in_transit", eventsInScope(recorded, second))).toEqual({ enqueue: ["in_transit"] });
    expect(planEnqueue("shipped", eventsInScope(recorded, first))).toEqual({ enqueue: [], skipped: "duplicate" });
  });

  it("keeps causal order per fulfillment: stale for the delivered one, fine for the other", () => {
    expect(planEnqueue("in_transit", eventsInScope(recorded, first))).toEqual({ enqueue: [], skipped: "stale" });
    expect(planEnqueue("delivered", eventsInScope(recorded, scopeOf("delivered", { fulfillmentId: "F2" })))).toEqual({
      enqueue: ["shipped", "delivered"],
    });
  });

  it("a second delay (on the other shipment) is its own message, a repeated one is not", () => {
    const withDelay = [...recorded, row("shipped", { f: "F2" }), row("delayed", { f: "F2" })];
    expect(planEnqueue("delayed", eventsInScope(withDelay, scopeOf("delayed", { fulfillmentId: "F3" })))).toEqual({
      enqueue: ["delayed"],
    });
    expect(planEnqueue("delayed", eventsInScope(withDelay, scopeOf("delayed", { fulfillmentId: "F2" })))).toEqual({
      enqueue: [],
      skipped: "duplicate",
    });
  });

  it("tells each refund once", () => {
    const refunds = [row("confirmed"), row("refunded", { r: "R1" })];
    expect(planEnqueue("refunded", eventsInScope(refunds, scopeOf("refunded", { refundId: "R2" })))).toEqual({
      enqueue: ["refunded"],
    });
    expect(planEnqueue("refunded", eventsInScope(refunds, scopeOf("refunded", { refundId: "R1" })))).toEqual({
      enqueue: [],
      skipped: "duplicate",
    });
  });

  it("a cancellation still ends every shipment's and refund's story", () => {
    const cancelled = [row("confirmed"), row("cancelled")];
    expect(planEnqueue("shipped", eventsInScope(cancelled, second)).skipped).toBe("after_cancellation");
    expect(planEnqueue("refunded", eventsInScope(cancelled, scopeOf("refunded", { refundId: "R9" }))).skipped).toBe(
      "after_cancellation",
    );
  });

  it("rows from before the split: a shipping row without fulfillment covers every fulfillment", () => {
    const legacy = [row("confirmed"), row("shipped")];
    expect(planEnqueue("shipped", eventsInScope(legacy, second))).toEqual({ enqueue: [], skipped: "duplicate" });
  });

  it("rows from before the split: a refund row without id covers only a refund created no later than it", () => {
    const legacy = [row("confirmed"), row("refunded", { at })];
    const earlier = scopeOf("refunded", { refundId: "R1", refundCreatedAt: new Date(at.getTime() - 60_000) });
    const later = scopeOf("refunded", { refundId: "R2", refundCreatedAt: new Date(at.getTime() + 60_000) });
    expect(planEnqueue("refunded", eventsInScope(legacy, earlier)).skipped).toBe("duplicate");
    expect(planEnqueue("refunded", eventsInScope(legacy, later))).toEqual({ enqueue: ["refunded"] });
  });

  it("scopes order-wide events to the order, shipping steps to their fulfillment, refunds to their id", () => {
    expect(scopeOf("confirmed", { fulfillmentId: "F1" })).toEqual({ kind: "order" });
    expect(scopeOf("delayed", { fulfillmentId: "F1" })).toEqual({ kind: "fulfillment", fulfillmentId: "F1" });
    expect(scopeOf("refunded", { refundId: "R1" })).toEqual({ kind: "refund", refundId: "R1" });
  });
});
