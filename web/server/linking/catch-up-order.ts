import type { EventContext } from "../conversations/process-meta-event.js";
import { lockOrder } from "../orders/order-record-store.js";
import { templateLinksFor } from "../tracking-links/signed-link.js";
import { queueOrderUpdate, updatesRecorded, type ShopContext } from "../orders/queue-order-update.js";

/**
 * The Thank-you / Order-status button often links the thread after orders/create was processed, when there
 * was nobody to tell. The shopper just asked for this order's updates, so its confirmation goes out now
 * (once: an order that already has recorded updates gets nothing here). Cancelled orders get nothing.
 */
export async function catchUpLinkedOrder(ctx: EventContext, orderId: string, shop: ShopContext): Promise<void> {
  const { tx, page, deps } = ctx;
  const stored = await lockOrder(tx, page.shopId, orderId);
  if (!stored || stored.cancelledAt) return;
  if ((await updatesRecorded(tx, page.shopId, orderId)).length > 0) return;
  const result = await queueOrderUpdate(
    tx,
    shop,
    { event: "confirmed", order: stored.facts, links: templateLinksFor(deps.config) },
    deps.clock.now(),
  );
  ctx.logger.info(
    { orderId, queued: result.queued, recipient: result.recipient },
    "order confirmation caught up after linking",
  );
}
