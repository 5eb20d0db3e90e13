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
export const PROGRESS: ReadonlySet<OrderEvent> = new Set([
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
 * What one order update is about. A split order has several fulfillments, each with its own tracking number and its
 * own journey, and an order may be refunded several times: each shipping step is told once per fulfillment and each
 * refund once, while confirmation and cancellation are told once per order.
 */
export type UpdateScope =
  | { readonly kind: "order" }
  | { readonly kind: "fulfillment"; readonly fulfillmentId: string }
  | { readonly kind: "refund"; readonly refundId: string; readonly createdAt?: Date };

/** An order update already recorded (queued, sent or skipped). */
export interface RecordedUpdate {
  readonly event: OrderEvent;
  /** Null for order-wide events, and for shipping rows recorded before fulfillments were told apart. */
  readonly fulfillmentId: string | null;
  /** Null for everything but refunds, and for refund rows recorded before refunds were told apart. */
  readonly refundId: string | null;
  readonly createdAt: Date;
}

/** The scope an incoming event belongs to, from what it is about. */
export function scopeOf(
  event: OrderEvent,
  about: { fulfillmentId?: string | undefined; refundId?: string | undefined; refundCreatedAt?: Date | undefined },
): UpdateScope {
  if (PROGRESS.has(event) && about.fulfillmentId) return { kind: "fulfillment", fulfillmentId: about.fulfillmentId };
  if (event === "refunded" && about.refundId) {
    return {
      kind: "refund",
      refundId: about.refundId,
      ...(about.refundCreatedAt ? { createdAt: about.refundCreatedAt } : {}),
    };
  }
  return { kind: "order" };
}

/**
 * The recorded events that count for an update in `scope`: the order-wide ones (a cancellation ends every journey)
 * plus this fulfillment's steps or this refund. Rows written before the split carry no fulfillment or refund id:
 * an old shipping row counts for every fulfillment (as before, nothing told is told again), and an old refund row
 * for the refund it could have been, one created no later than it was recorded (only one refund was told then).
 */
export function eventsInScope(recorded: readonly RecordedUpdate[], scope: UpdateScope): OrderEvent[] {
  return recorded
    .filter((r) => {
      if (PROGRESS.has(r.event)) {
        return scope.kind === "fulfillment" && (r.fulfillmentId === null || r.fulfillmentId === scope.fulfillmentId);
      }
      if (r.event === "refunded") {
        if (scope.kind !== "refund") return false;
        if (r.refundId !== null) return r.refundId === scope.refundId;
        return scope.createdAt === undefined || scope.createdAt.getTime() <= r.createdAt.getTime();
      }
      return true;
    })
    .map((r) => r.event);
}

/**
 * Whether a message for `event` may be queued, given the events already sent or queued in its scope (see
 * eventsInScope). One message per (scope, event); after a cancellation nothing but the cancellation; "delivered"
 * never before "shipped"; no progress step after a later one (a late "in transit" after "delivered").
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
