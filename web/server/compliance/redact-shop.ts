import type { Deps } from "../deps.js";
import type { Logger } from "../lib/logger.js";

/** The shop/redact delivery itself keeps its row under this account, so a repeat stays a no-op. */
export const REDACTED_ACCOUNT = "redacted";

/**
 * shop/redact (48 h after uninstall): deletes everything the app holds for the shop, its Pages, threads,
 * messages, orders, templates, sessions, received webhooks and their jobs. The delivery being processed
 * keeps an anonymous row (account "redacted", empty body) so processing can finish and repeats dedupe.
 * https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance#shop-redact
 */
export async function redactShop(deps: Deps, domain: string, currentDeliveryId: bigint, log: Logger): Promise<void> {
  const counts = await deps.db.$transaction(async (tx) => {
    const shop = await tx.shop.findUnique({ where: { domain }, include: { pages: { select: { pageId: true } } } });
    const shopId = shop?.id;
    const pageIds = shop?.pages.map((p) => p.pageId) ?? [];
    const current = await tx.webhookDelivery.findUnique({
      where: { id: currentDeliveryId },
      select: { externalId: true },
    });
    const currentJob = current ? `inbox:shopify:${current.externalId}` : undefined;
    const accounts = [domain, ...pageIds];
    const deliveries = await tx.webhookDelivery.findMany({
      where: { account: { in: accounts }, id: { not: currentDeliveryId } },
      select: { id: true },
    });
    const deliveryIds = deliveries.map((d) => d.id.toString());
    const jobs = await tx.outboxJob.deleteMany({
      where: {
        ...(currentJob ? { dedupeKey: { not: currentJob } } : {}),
        OR: [
          { queueKey: { startsWith: `shopify:${domain}` } },
          ...pageIds.map((p) => ({ queueKey: { startsWith: `conv:${p}:` } })),
          ...pageIds.map((p) => ({ queueKey: { startsWith: `meta:${p}` } })),
          ...deliveryIds.map((id) => ({ payload: { equals: { deliveryId: id } } })),
          ...pageIds.map((p) => ({ payload: { path: ["pageId"], equals: p } })),
          ...(shopId ? [{ payload: { path: ["shopId"], equals: shopId } }] : []),
        ],
      },
    });
    if (currentJob) await tx.outboxJob.updateMany({ where: { dedupeKey: currentJob }, data: { queueKey: null } });
    await tx.webhookDelivery.updateMany({
      where: { id: currentDeliveryId },
      data: { account: REDACTED_ACCOUNT, body: "{}", eventId: null },
    });
    const removed = await Promise.all([
      tx.webhookDelivery.deleteMany({ where: { id: { in: deliveries.map((d) => d.id) } } }),
      tx.session.deleteMany({ where: { shop: domain } }),
      tx.utilityTemplate.deleteMany({ where: { pageId: { in: pageIds } } }),
      tx.pageSendPace.deleteMany({ where: { pageId: { in: pageIds } } }),
      ...(shopId
        ? [
            tx.outboundMessage.deleteMany({ where: { shopId } }),
            tx.shopperLink.deleteMany({ where: { shopId } }),
            tx.refNonce.deleteMany({ where: { shopId } }),
            tx.marketingSubscription.deleteMany({ where: { shopId } }),
            tx.consentEvent.deleteMany({ where: { shopId } }),
            tx.conversation.deleteMany({ where: { shopId } }),
            tx.orderRecord.deleteMany({ where: { shopId } }),
          ]
        : []),
    ]);
    // Page connections go with the shop (onDelete: Cascade).
    if (shopId) await tx.shop.delete({ where: { id: shopId } });
    return { jobs: jobs.count, rows: removed.reduce((n, r) => n + r.count, 0), shopDeleted: Boolean(shopId) };
  });
  log.info(counts, "shop redacted");
}
