import { randomInt } from "node:crypto";
import { z } from "zod";
import { makeFulfillment, makeFulfillmentEvent, makeOrder, makeRefund, type LineItemInput } from "./order-factories.js";

/**
 * The Shopify emulator's orders for the sandbox: what a merchant's Shopify admin holds and which webhooks
 * Shopify sends when the merchant acts on an order. Pure state and payloads; delivering them is the caller's.
 * Order numbers and every id come from counters kept in the snapshot, so two quick orders never share a
 * number and a restart never hands out a number or id again.
 *
 * Which topics an action fires (subscribed in shopify.app.toml):
 * - fulfil: fulfillments/create (status success, no carrier status yet)
 * - in transit / out for delivery / delivered / delay: fulfillment_events/create with that status, then
 *   fulfillments/update carrying the fulfillment's new shipment_status (⚠ inferred: Shopify updates the
 *   fulfillment's shipment_status from its latest event and reports the update; the app dedupes per event)
 * - cancel: orders/cancelled (only an order without a fulfillment, as in Shopify's admin)
 * - refund: refunds/create for the order's total
 */

export const ORDER_ACTIONS = [
  "fulfil",
  "in_transit",
  "out_for_delivery",
  "delivered",
  "delay",
  "cancel",
  "refund",
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

export const ORDER_ACTION_LABELS: Record<OrderAction, string> = {
  fulfil: "Fulfil",
  in_transit: "In transit",
  out_for_delivery: "Out for delivery",
  delivered: "Delivered",
  delay: "Delay",
  cancel: "Cancel",
  refund: "Refund",
};

const TRACKING_STATUS = {
  in_transit: "in_transit",
  out_for_delivery: "out_for_delivery",
  delivered: "delivered",
  delay: "delayed",
} as const;

export interface OutgoingWebhook {
  topic: string;
  body: Record<string, unknown>;
}

const json = z.record(z.string(), z.unknown());
const historySchema = z.object({
  at: z.string(),
  action: z.string(),
  deliveries: z.array(z.object({ topic: z.string(), status: z.number().int().nullable() })),
});
const bookedSchema = z.object({
  order: json,
  fulfillment: json.nullable(),
  cancelledAt: z.string().nullable(),
  refunded: z.boolean(),
  history: z.array(historySchema),
});
export const orderBookSnapshotSchema = z.object({
  version: z.literal(1),
  shop: z.string(),
  nextNumber: z.number().int().positive(),
  idBase: z.number().int().positive(),
  seq: z.number().int().nonnegative(),
  orders: z.array(bookedSchema),
});
export type OrderBookSnapshot = z.infer<typeof orderBookSnapshotSchema>;
export type BookedOrder = z.infer<typeof bookedSchema>;
export type OrderHistoryEntry = z.infer<typeof historySchema>;

export class OrderActionError extends Error {}

export interface PlaceOrderInput {
  customer: { id: string; firstName: string | null; lastName?: string | null; email?: string } | null;
  lineItems: LineItemInput[];
  currency: string;
  locale: string;
  now: Date;
}

export interface OrderBookOptions {
  shop: string;
  /** The first order is #1001, as on a new Shopify store. */
  firstNumber?: number;
  snapshot?: OrderBookSnapshot;
}

/** Shopify confirmation numbers: 9 characters of A-Z and 1-9 (e.g. "XPAV2ZK6P"). */
function confirmationNumber(): string {
  const alphabet = "ABCDEFGHIJKLMNPQRSTUVWXYZ123456789";
  return Array.from({ length: 9 }, () => alphabet[randomInt(alphabet.length)]).join("");
}

const str = (v: unknown) => (typeof v === "string" ? v : String(v ?? ""));

export function createOrderBook(options: OrderBookOptions) {
  const snap = options.snapshot;
  if (snap && snap.shop !== options.shop)
    throw new OrderActionError(`snapshot is for ${snap.shop}, not ${options.shop}`);
  let nextNumber = snap?.nextNumber ?? options.firstNumber ?? 1001;
  // Ids start from the wall clock of the book's first day so they never meet ids of an older data folder.
  const idBase = snap?.idBase ?? Date.now() * 100;
  let seq = snap?.seq ?? 0;
  const orders: BookedOrder[] = structuredClone(snap?.orders ?? []);
  const nextId = () => String(idBase + ++seq);

  function find(orderId: string): BookedOrder {
    const booked = orders.find((o) => str(o.order.id) === orderId);
    if (!booked) throw new OrderActionError(`no order ${orderId}`);
    return booked;
  }

  function shipmentStatus(b: BookedOrder): string | null {
    const s = b.fulfillment?.shipment_status;
    return typeof s === "string" ? s : null;
  }

  /** What the merchant may do next with this order, as Shopify's admin would allow it. */
  function allowedActions(b: BookedOrder): OrderAction[] {
    const allowed: OrderAction[] = [];
    const delivered = shipmentStatus(b) === "delivered";
    if (!b.cancelledAt && !b.fulfillment) allowed.push("fulfil");
    if (!b.cancelledAt && b.fulfillment && !delivered)
      allowed.push("in_transit", "out_for_delivery", "delivered", "delay");
    if (!b.cancelledAt && !b.fulfillment) allowed.push("cancel");
    if (!b.refunded) allowed.push("refund");
    return allowed;
  }

  function place(input: PlaceOrderInput): { booked: BookedOrder; webhooks: OutgoingWebhook[] } {
    if (input.lineItems.length === 0) throw new OrderActionError("an order needs at least one item");
    const id = nextId();
    const number = nextNumber++;
    const createdAt = input.now.toISOString();
    const order: Record<string, unknown> = {
      ...makeOrder({
        id,
        number,
        shop: options.shop,
        customer: input.customer
          ? {
              id: input.customer.id,
              firstName: input.customer.firstName,
              lastName: input.customer.lastName ?? "Demo",
              email: input.customer.email ?? `customer-${input.customer.id}@example.com`,
            }
          : null,
        customerLocale: input.locale,
        presentmentCurrency: input.currency,
        shopCurrency: input.currency,
        lineItems: input.lineItems,
        discount: null,
        // Store prices include VAT, as EU storefronts show them; nothing is added on top at checkout.
        taxRate: 0,
        createdAt,
      }),
      confirmation_number: confirmationNumber(),
    };
    const booked: BookedOrder = { order, fulfillment: null, cancelledAt: null, refunded: false, history: [] };
    orders.push(booked);
    return { booked, webhooks: [{ topic: "orders/create", body: order }] };
  }

  function act(orderId: string, action: OrderAction, now: Date): OutgoingWebhook[] {
    const b = find(orderId);
    if (!allowedActions(b).includes(action)) {
      throw new OrderActionError(`order ${str(b.order.name)} cannot be “${ORDER_ACTION_LABELS[action]}” now`);
    }
    const at = now.toISOString();
    const orderIdStr = str(b.order.id);
    if (action === "fulfil") {
      const lineItems = (b.order.line_items as Record<string, unknown>[]).map((li) => ({
        id: str(li.id),
        title: str(li.title),
        quantity: Number(li.quantity),
      }));
      const fulfillment = makeFulfillment({
        id: nextId(),
        orderId: orderIdStr,
        orderName: str(b.order.name),
        status: "success",
        shipmentStatus: null,
        trackingNumbers: [`1Z999AA1${String(seq).padStart(10, "0")}`],
        lineItems,
        createdAt: at,
      });
      b.fulfillment = fulfillment;
      return [{ topic: "fulfillments/create", body: fulfillment }];
    }
    if (action === "cancel") {
      b.cancelledAt = at;
      b.order = { ...b.order, cancelled_at: at, cancel_reason: "customer", updated_at: at };
      return [{ topic: "orders/cancelled", body: b.order }];
    }
    if (action === "refund") {
      b.refunded = true;
      const total = Number(
        (b.order.total_price_set as { presentment_money: { amount: string } }).presentment_money.amount,
      );
      const refund = {
        ...makeRefund({
          orderId: orderIdStr,
          amount: total,
          currency: str(b.order.presentment_currency),
          createdAt: at,
        }),
        id: nextId(),
      };
      refund.admin_graphql_api_id = `gid://shopify/Refund/${refund.id}`;
      b.order = { ...b.order, financial_status: "refunded", updated_at: at };
      return [{ topic: "refunds/create", body: refund }];
    }
    const fulfillment = b.fulfillment!;
    const status = TRACKING_STATUS[action];
    const eventId = nextId();
    const later = new Date(now.getTime() + 3 * 24 * 3600 * 1000).toISOString();
    const event = {
      ...makeFulfillmentEvent({
        orderId: orderIdStr,
        fulfillmentId: str(fulfillment.id),
        status,
        happenedAt: at,
        estimatedDeliveryAt: action === "delay" ? later : null,
        message: action === "delay" ? "The carrier reported a delay." : null,
      }),
      id: eventId,
      admin_graphql_api_id: `gid://shopify/FulfillmentEvent/${eventId}`,
    };
    b.fulfillment = { ...fulfillment, shipment_status: status, updated_at: at };
    return [
      { topic: "fulfillment_events/create", body: event },
      { topic: "fulfillments/update", body: b.fulfillment },
    ];
  }

  return {
    place,
    act,
    allowedActions: (orderId: string) => allowedActions(find(orderId)),
    get: (orderId: string) => find(orderId),
    /** Newest first. */
    list: () => [...orders].reverse(),
    /** Notes what Shopify's delivery of an action's webhooks got back from the app. */
    record(orderId: string, entry: OrderHistoryEntry) {
      find(orderId).history.push(entry);
    },
    snapshot(): OrderBookSnapshot {
      return structuredClone({ version: 1 as const, shop: options.shop, nextNumber, idBase, seq, orders });
    },
  };
}

export type OrderBook = ReturnType<typeof createOrderBook>;

export function parseOrderBookSnapshot(value: unknown): OrderBookSnapshot {
  const parsed = orderBookSnapshotSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new OrderActionError(`not a Shopify order book snapshot (version 1): ${issues.join("; ")}`);
  }
  return parsed.data;
}
