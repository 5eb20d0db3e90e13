import { describe, expect, it } from "vitest";
import { compareEvents, mayEnqueue, planEnqueue } from "../../../web/server/notifications/event-ordering.js";
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
