import type { DbTx } from "../db/open-database.js";
import type { Deps } from "../deps.js";
import type { Logger } from "../lib/logger.js";
import type { CustomersRedactPayload } from "../notifications/shopify-compliance-payloads.js";
import { redactMarketing } from "../marketing/forget-marketing.js";
import { dropDataRequestsOf } from "./compliance-requests-store.js";
import { customerScope, hasAnything, messagesOf, type CustomerScope } from "./customer-scope.js";
import { scrubDeliveries } from "./scrub-deliveries.js";

/**
 * customers/redact: deletes the customer's links, refs, threads, order facts and messages in this shop,
 * and blanks the received webhook bodies that carried their data. Their next order finds no link, so
 * nothing is sent. https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance#customers-redact
 */
export async function redactCustomer(
  deps: Deps,
  shop: { id: string; domain: string },
  payload: CustomersRedactPayload,
  currentDeliveryId: bigint,
  log: Logger,
): Promise<void> {
  const customerId = payload.customer.id ?? undefined;
  const counts = await deps.db.$transaction(async (tx) => {
    const scope = await customerScope(tx, shop.id, customerId, payload.orders_to_redact);
    // Before the threads go: Meta unsubscribes each PSID, and tokens and ledger rows are deleted.
    const marketing = await redactMarketing(
      tx,
      deps,
      { shopId: shop.id, customerId, threads: scope.threads },
      deps.clock.now(),
    );
    const deleted = hasAnything(scope) ? await deleteScope(tx, scope) : {};
    if (customerId) await dropDataRequestsOf(tx, shop.id, customerId);
    const needles = [...(customerId ? [customerId] : []), ...scope.orderIds, ...scope.threads.map((t) => t.psid)];
    const pages = [...new Set(scope.threads.map((t) => t.pageId))];
    const scrubbed = await scrubDeliveries(tx, {
      accounts: [shop.domain, ...pages],
      needles,
      alsoIds: [currentDeliveryId],
    });
    return { ...deleted, ...marketing, deliveriesScrubbed: scrubbed };
  });
  log.info({ ...counts }, "customer redacted");
}

async function deleteScope(tx: DbTx, scope: CustomerScope) {
  const messages = await tx.outboundMessage.findMany({ where: messagesOf(scope), select: { id: true } });
  const threadFilter = scope.threads.map((t) => ({ pageId: t.pageId, psid: t.psid }));
  const sendJobs = await tx.outboxJob.deleteMany({
    where: {
      OR: [
        { dedupeKey: { in: messages.map((m) => `send:${m.id}`) } },
        ...scope.threads.map((t) => ({ queueKey: `conv:${t.pageId}:${t.psid}` })),
        // Meta deliveries of the thread are queued per thread; their rows are scrubbed, their jobs go.
        ...scope.threads.map((t) => ({ queueKey: `meta:${t.pageId}:${t.psid}` })),
      ],
      status: { not: "running" },
    },
  });
  const removed = await Promise.all([
    tx.outboundMessage.deleteMany({ where: { id: { in: messages.map((m) => m.id) } } }),
    tx.shopperLink.deleteMany({
      where: {
        shopId: scope.shopId,
        OR: [
          ...(scope.customerId ? [{ subjectKind: "customer", subjectId: scope.customerId }] : []),
          ...(scope.orderIds.length ? [{ subjectKind: "order", subjectId: { in: scope.orderIds } }] : []),
          ...threadFilter,
        ],
      },
    }),
    tx.refNonce.deleteMany({ where: { shopId: scope.shopId, OR: threadFilter } }),
    tx.conversation.deleteMany({ where: { shopId: scope.shopId, OR: threadFilter } }),
    tx.orderRecord.deleteMany({ where: { shopId: scope.shopId, orderId: { in: scope.orderIds } } }),
  ]);
  const [outbound, links, refs, conversations, orders] = removed.map((r) => r.count);
  return { outbound, links, refs, conversations, orders, jobs: sendJobs.count };
}
