import type { Deps } from "../deps.js";
import type { DeliveryHandler } from "../inbox/process-delivery.js";
import type { JobOutcome } from "../jobs/job.js";
import type { Logger } from "../lib/logger.js";
import { eventForFulfillment, eventForFulfillmentStatus } from "../notifications/order-event.js";
import { orderFacts, refundFacts, shipmentFacts, shipmentFactsFromEvent } from "../notifications/order-facts.js";
import { parseShopifyWebhook, type ShopifyWebhook } from "../notifications/parse-shopify-webhook.js";
import { templateLinksFor } from "../tracking-links/signed-link.js";
import { lockOrder, saveOrderFacts, saveShipment } from "./order-record-store.js";
import { queueOrderUpdate, type QueueOrderUpdateResult, type ShopContext } from "./queue-order-update.js";

/** A shipping update may arrive before its order: wait for orders/create rather than guess who to tell. */
const ORDER_NOT_SEEN_RETRY_MS = 60_000;

type Delivery = Parameters<DeliveryHandler>[1];
type Handle = (deps: Deps, shop: ShopContext, webhook: ShopifyWebhook, log: Logger) => Promise<JobOutcome | void>;

/**
 * Wraps a topic handler: a body that does not parse is dead-lettered with its reason (retrying cannot fix
 * it), an unknown or uninstalled shop is a logged no-op.
 */
export function shopifyHandler(handle: Handle): DeliveryHandler {
  return async (deps, delivery: Delivery, log) => {
    const parsed = parseShopifyWebhook(delivery.topic, delivery.body);
    if (!parsed.ok) {
      const detail = parsed.issues?.slice(0, 5).join("; ");
      log.warn(
        { reason: parsed.reason, issues: parsed.issues?.length ?? 0 },
        "shopify webhook unreadable; dead-lettered",
      );
      return { status: "dead", error: `${parsed.reason}${detail ? `: ${detail}` : ""}` };
    }
    const shop = await deps.db.shop.findUnique({ where: { domain: delivery.account } });
    if (!shop || shop.uninstalledAt) {
      log.info({ known: Boolean(shop) }, "webhook for an unknown or uninstalled shop; ignored");
      return { status: "done" };
    }
    return handle(deps, shop, parsed.webhook, log);
  };
}

function logResult(log: Logger, orderId: string, event: string, r: QueueOrderUpdateResult): void {
  log.info({ orderId, event, recipient: r.recipient, queued: r.queued, skipped: r.skipped }, "order update processed");
}

const onOrder: Handle = async (deps, shop, webhook, log) => {
  if (webhook.topic !== "orders/create" && webhook.topic !== "orders/cancelled") return;
  const facts = orderFacts(webhook.payload);
  const cancelled = webhook.topic === "orders/cancelled";
  const event = cancelled ? "cancelled" : "confirmed";
  const now = deps.clock.now();
  const result = await deps.db.$transaction(async (tx) => {
    await saveOrderFacts(tx, shop.id, facts, now, cancelled);
    return queueOrderUpdate(tx, shop, { event, order: facts, links: templateLinksFor(deps.config) }, now);
  });
  logResult(log, facts.orderId, event, result);
};

const onRefund: Handle = async (deps, shop, webhook, log) => {
  if (webhook.topic !== "refunds/create") return;
  const refund = refundFacts(webhook.payload);
  const now = deps.clock.now();
  const result = await deps.db.$transaction(async (tx) => {
    const stored = await lockOrder(tx, shop.id, refund.orderId);
    if (!stored) return undefined;
    return queueOrderUpdate(
      tx,
      shop,
      { event: "refunded", order: stored.facts, refund, links: templateLinksFor(deps.config) },
      now,
    );
  });
  if (!result) return orderNotSeen(log, refund.orderId);
  logResult(log, refund.orderId, "refunded", result);
};

const onFulfillment: Handle = async (deps, shop, webhook, log) => {
  if (webhook.topic !== "fulfillments/create" && webhook.topic !== "fulfillments/update") return;
  const incoming = shipmentFacts(webhook.payload);
  const event = eventForFulfillment(webhook.payload);
  const now = deps.clock.now();
  const result = await deps.db.$transaction(async (tx) => {
    const stored = await lockOrder(tx, shop.id, incoming.orderId);
    if (!stored) return undefined;
    const shipment = await saveShipment(tx, shop.id, incoming, now);
    if (!event) return null;
    return queueOrderUpdate(
      tx,
      shop,
      { event, order: stored.facts, shipment, links: templateLinksFor(deps.config) },
      now,
    );
  });
  if (result === undefined) return orderNotSeen(log, incoming.orderId);
  if (result) logResult(log, incoming.orderId, event ?? "none", result);
};

const onFulfillmentEvent: Handle = async (deps, shop, webhook, log) => {
  if (webhook.topic !== "fulfillment_events/create") return;
  const payload = webhook.payload;
  const event = eventForFulfillmentStatus(payload.status);
  const now = deps.clock.now();
  const result = await deps.db.$transaction(async (tx) => {
    const stored = await lockOrder(tx, shop.id, payload.order_id);
    if (!stored) return undefined;
    const shipment = await saveShipment(
      tx,
      shop.id,
      shipmentFactsFromEvent(payload, stored.shipments[payload.fulfillment_id]),
      now,
    );
    if (!event) return null;
    return queueOrderUpdate(
      tx,
      shop,
      { event, order: stored.facts, shipment, links: templateLinksFor(deps.config) },
      now,
    );
  });
  if (result === undefined) return orderNotSeen(log, payload.order_id);
  if (result) logResult(log, payload.order_id, event ?? "none", result);
};

function orderNotSeen(log: Logger, orderId: string): JobOutcome {
  log.info({ orderId }, "update for an order not seen yet; retrying later");
  return { status: "retry", error: "order not seen yet", delayMs: ORDER_NOT_SEEN_RETRY_MS };
}

/** Delivery handlers for the order topics, by X-Shopify-Topic. */
export function orderDeliveryHandlers(): Record<string, DeliveryHandler> {
  return {
    "orders/create": shopifyHandler(onOrder),
    "orders/cancelled": shopifyHandler(onOrder),
    "refunds/create": shopifyHandler(onRefund),
    "fulfillments/create": shopifyHandler(onFulfillment),
    "fulfillments/update": shopifyHandler(onFulfillment),
    "fulfillment_events/create": shopifyHandler(onFulfillmentEvent),
  };
}
