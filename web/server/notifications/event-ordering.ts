import type { OrderEvent } from "./order-event.js";

/**
 * Causal rank of each event. Progress only moves forward; the carrier exceptions (attempted delivery,
 * delay, failure) share a rank with the step they interrupt. Cancellation and refund end the story.
 */
export const EVENT_RANK: Record<OrderEvent, number> = {
  confirmed: 0,
  shipped: 1,
  ready_for_pickup: 1,
  in_transit: 2,
  delayed: 2,
  out_for_delivery: 3,
  attempted_delivery: 3,
  failure: 3,
  delivered: 4,
  refunded: 5,
  cancelled: 6,
};

/** Steps on the way to the parcel's destination; once a later one went out, an earlier one is stale. */
const PROGRESS: ReadonlySet<OrderEvent> = new Set([
  "shipped",
  "ready_for_pickup",
  "in_transit",
  "delayed",
  "out_for_delivery",
  "attempted_delivery",
  "failure",
  "delivered",
]);

export type EnqueueDecision =
  | { ok: true }
  | { ok: false; reason: "duplicate" | "after_cancellation" | "needs_shipped_first" | "stale" };

/**
 * Whether a message for `event` may be queued, given the events already sent or queued for the order.
 * One message per (order, event); after a cancellation nothing but the cancellation; "delivered" never
 * before "shipped"; no progress step after a later one (a late "in transit" after "delivered").
 */
export function mayEnqueue(event: OrderEvent, alreadySent: readonly OrderEvent[]): EnqueueDecision {
  if (alreadySent.includes(event)) return { ok: false, reason: "duplicate" };
  if (alreadySent.includes("cancelled")) return { ok: false, reason: "after_cancellation" };
  if (event === "delivered" && !alreadySent.includes("shipped") && !alreadySent.includes("ready_for_pickup")) {
    return { ok: false, reason: "needs_shipped_first" };
  }
  if (PROGRESS.has(event)) {
    const furthest = Math.max(-1, ...alreadySent.filter((e) => PROGRESS.has(e)).map((e) => EVENT_RANK[e]));
    if (EVENT_RANK[event] < furthest) return { ok: false, reason: "stale" };
  }
  return { ok: true };
}

/**
 * The events to queue, in order, for an incoming one. A "delivered" that arrives before any "shipped"
 * (carriers do skip steps) is preceded by "shipped" built from the same fulfillment, so the rule above holds.
 */
export function planEnqueue(
  event: OrderEvent,
  alreadySent: readonly OrderEvent[],
): { enqueue: OrderEvent[]; skipped?: Exclude<EnqueueDecision, { ok: true }>["reason"] } {
  const decision = mayEnqueue(event, alreadySent);
  if (decision.ok) return { enqueue: [event] };
  if (decision.reason === "needs_shipped_first") return { enqueue: ["shipped", "delivered"] };
  return { enqueue: [], skipped: decision.reason };
}

/** Sort key for the outbox so same-order messages leave in causal order. */
export function compareEvents(a: OrderEvent, b: OrderEvent): number {
  return EVENT_RANK[a] - EVENT_RANK[b];
}
