import type { DbTx } from "../db/open-database.js";
import { askAfterOrderConfirmation } from "../marketing/optin-moments.js";
import { queueMessage } from "../messaging/queue-message.js";
import { eventsInScope, planEnqueue, scopeOf, type RecordedUpdate } from "../notifications/event-ordering.js";
import { isOrderEvent, notificationDedupeKey, type OrderEvent } from "../notifications/order-event.js";
import type { OrderFacts, RefundFacts, ShipmentFacts } from "../notifications/order-facts.js";
import { findRecipient } from "./find-recipient.js";
import { isEventEnabled, readNotificationSettings } from "./notification-settings.js";
import { orderUpdateContent } from "./order-update-content.js";
import { shopDisplayName } from "../shopify/shop-display-name.js";
import type { TemplateLinks } from "../tracking-links/signed-link.js";

export const ORDER_PURPOSE_PREFIX = "order.";

export interface ShopContext {
  id: string;
  domain: string;
  primaryLocale: string;
  settings: unknown;
  /** The store's name from the Admin API (null until the shop sync ran). */
  name?: string | null;
}

export interface QueueOrderUpdateResult {
  recipient: boolean;
  queued: OrderEvent[];
  skipped: { event: OrderEvent; reason: string }[];
}

/** Order updates already recorded for the order (queued, sent or skipped), with what each was about. */
export async function updatesRecorded(tx: DbTx, shopId: string, orderId: string): Promise<RecordedUpdate[]> {
  const rows = await tx.outboundMessage.findMany({
    where: { shopId, orderId, category: "post_purchase_update", purpose: { startsWith: ORDER_PURPOSE_PREFIX } },
    select: { purpose: true, fulfillmentId: true, refundId: true, createdAt: true },
    orderBy: { id: "asc" },
  });
  return rows.flatMap((r) => {
    const event = r.purpose.slice(ORDER_PURPOSE_PREFIX.length);
    return isOrderEvent(event)
      ? [{ event, fulfillmentId: r.fulfillmentId, refundId: r.refundId, createdAt: r.createdAt }]
      : [];
  });
}

/**
 * Queues what an incoming event means for the order's shopper, inside the caller's transaction (the same
 * one that wrote the OrderRecord). Ordering rules come from planEnqueue; a disabled event, a stale step or
 * anything after a cancellation is recorded as skipped with its reason, so the timeline shows why.
 */
export async function queueOrderUpdate(
  tx: DbTx,
  shop: ShopContext,
  input: {
    event: OrderEvent;
    order: OrderFacts;
    shipment?: ShipmentFacts;
    refund?: RefundFacts;
    /** Signs the links of the utility-template form (tracking-links/signed-link.ts). */
    links: TemplateLinks;
  },
  now: Date,
): Promise<QueueOrderUpdateResult> {
  const { order } = input;
  const recipient = await findRecipient(tx, {
    shopId: shop.id,
    orderId: order.orderId,
    ...(order.customerId ? { customerId: order.customerId } : {}),
    ...(order.confirmationNumber ? { confirmationNumber: order.confirmationNumber } : {}),
  });
  const result: QueueOrderUpdateResult = { recipient: Boolean(recipient), queued: [], skipped: [] };
  if (!recipient) return result;
  const settings = readNotificationSettings(shop.settings);
  const page = await tx.pageConnection.findUnique({ where: { pageId: recipient.pageId }, select: { pageName: true } });
  const shopName = shopDisplayName(shop.domain, shop.name, page?.pageName);
  const scope = scopeOf(input.event, {
    fulfillmentId: input.shipment?.fulfillmentId,
    refundId: input.refund?.refundId,
    refundCreatedAt: input.refund?.createdAt ? new Date(input.refund.createdAt) : undefined,
  });
  const plan = planEnqueue(input.event, eventsInScope(await updatesRecorded(tx, shop.id, order.orderId), scope));
  const about = {
    ...(scope.kind === "fulfillment" ? { fulfillmentId: scope.fulfillmentId } : {}),
    ...(scope.kind === "refund" ? { refundId: scope.refundId } : {}),
  };
  const dedupeKey = (event: OrderEvent) => notificationDedupeKey(shop.domain, order.orderId, event, about);
  const base = {
    shopId: shop.id,
    pageId: recipient.pageId,
    psid: recipient.psid,
    category: "post_purchase_update" as const,
    orderId: order.orderId,
    ...about,
    ...(order.customerId ? { customerId: order.customerId } : {}),
  };
  const skip = async (event: OrderEvent, reasonCode: string, reason: string) => {
    result.skipped.push({ event, reason: reasonCode });
    await tx.outboundMessage.createMany({
      data: [
        {
          ...base,
          customerId: base.customerId ?? null,
          purpose: `${ORDER_PURPOSE_PREFIX}${event}`,
          dedupeKey: dedupeKey(event),
          content: { textParts: [] },
          status: "skipped",
          reasonCode,
          reason,
          rule: "order_updates.ordering",
          createdAt: now,
          decidedAt: now,
        },
      ],
      skipDuplicates: true,
    });
  };
  if (plan.skipped === "duplicate") result.skipped.push({ event: input.event, reason: "duplicate" });
  else if (plan.skipped === "after_cancellation")
    await skip(input.event, "after_cancellation", "The order was cancelled; only the cancellation is sent.");
  else if (plan.skipped === "stale")
    await skip(input.event, "stale", "A later shipping step was already sent; this one arrived late.");
  for (const event of plan.enqueue) {
    if (!isEventEnabled(settings, event)) {
      await skip(event, "disabled_by_merchant", "The merchant switched this update off.");
      continue;
    }
    const content = orderUpdateContent({
      event,
      shopDomain: shop.domain,
      shopName,
      shopLocale: shop.primaryLocale,
      settings,
      order,
      ...(input.shipment ? { shipment: input.shipment } : {}),
      ...(input.refund ? { refund: input.refund } : {}),
      links: input.links,
    });
    const queued = await queueMessage(
      tx,
      {
        ...base,
        purpose: `${ORDER_PURPOSE_PREFIX}${event}`,
        dedupeKey: dedupeKey(event),
        content,
      },
      now,
    );
    if (queued) result.queued.push(event);
  }
  if (result.queued.includes("confirmed")) {
    await askAfterOrderConfirmation(tx, {
      shopId: shop.id,
      pageId: recipient.pageId,
      psid: recipient.psid,
      orderId: order.orderId,
      locale: order.customerLocale ?? null,
      now,
    });
  }
  return result;
}
