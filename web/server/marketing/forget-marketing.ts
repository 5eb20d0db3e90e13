import type { DbTx } from "../db/open-database.js";
import type { Deps } from "../deps.js";
import { consentOfCustomer, redactConsent } from "./consent-ledger.js";
import { consentQueueKey } from "./shopify-consent-sync.js";
import { stopMarketing } from "./stop-marketing.js";

/** Threads whose marketing consent belongs to the customer: their linked threads and subscriptions naming them. */
async function customerThreads(
  tx: DbTx,
  shopId: string,
  customerId: string | undefined,
  threads: readonly { pageId: string; psid: string }[],
) {
  const named = customerId
    ? await tx.marketingSubscription.findMany({ where: { shopId, customerId }, select: { pageId: true, psid: true } })
    : [];
  return [...new Map([...threads, ...named].map((t) => [`${t.pageId}:${t.psid}`, t])).values()];
}

/**
 * customers/redact: Meta is told to unsubscribe every thread of the customer (a durable job per PSID), then their
 * subscriptions (tokens) and ledger rows are deleted; the ledger keeps one row per Page that names no one.
 */
export async function redactMarketing(
  tx: DbTx,
  deps: Pick<Deps, "cipher">,
  input: { shopId: string; customerId: string | undefined; threads: readonly { pageId: string; psid: string }[] },
  now: Date,
) {
  const threads = await customerThreads(tx, input.shopId, input.customerId, input.threads);
  let unsubscribes = 0;
  for (const t of threads) {
    const { unsubscribeQueued } = await stopMarketing(tx, deps, {
      shopId: input.shopId,
      pageId: t.pageId,
      psid: t.psid,
      actor: "gdpr",
      source: "customers_redact",
      reason: "redacted",
      at: now,
      now,
      redacted: true,
    });
    if (unsubscribeQueued) unsubscribes++;
  }
  // Pending Shopify syncs of the customer carry their id: they go too (the customer is being deleted anyway).
  if (input.customerId) {
    const shop = await tx.shop.findUniqueOrThrow({ where: { id: input.shopId }, select: { domain: true } });
    await tx.outboxJob.deleteMany({
      where: { queueKey: consentQueueKey(shop.domain, input.customerId), status: { not: "running" } },
    });
  }
  const subscriptions = await tx.marketingSubscription.deleteMany({
    where: { shopId: input.shopId, OR: threads.map((t) => ({ pageId: t.pageId, psid: t.psid })) },
  });
  const ledgerRows = await redactConsent(tx, input.shopId, input.customerId, threads, now);
  return { subscriptions: threads.length ? subscriptions.count : 0, ledgerRows, unsubscribes };
}

/** customers/data_request: the customer's subscriptions (never the token) and their whole consent ledger. */
export async function exportMarketing(
  tx: DbTx,
  input: { shopId: string; customerId: string | undefined; threads: readonly { pageId: string; psid: string }[] },
) {
  const threads = await customerThreads(tx, input.shopId, input.customerId, input.threads);
  const subscriptions = threads.length
    ? await tx.marketingSubscription.findMany({
        where: { shopId: input.shopId, OR: threads.map((t) => ({ pageId: t.pageId, psid: t.psid })) },
        omit: { tokenCiphertext: true },
      })
    : [];
  const ledger = await consentOfCustomer(tx, input.shopId, input.customerId, threads);
  return {
    marketingSubscriptions: subscriptions,
    consentLedger: ledger.map((row) => ({ ...row, id: row.id.toString() })),
  };
}

/**
 * Meta's data deletion for the merchant who connected Pages: before those Page connections go, every subscribed
 * shopper of those Pages is stopped and unsubscribed at Meta (the job carries the encrypted Page token, since the
 * connection row is deleted in the same transaction).
 */
export async function stopMarketingOfPages(
  tx: DbTx,
  deps: Pick<Deps, "cipher">,
  pages: readonly { shopId: string; pageId: string; tokenCiphertext: string }[],
  now: Date,
): Promise<number> {
  let count = 0;
  for (const page of pages) {
    const subs = await tx.marketingSubscription.findMany({
      where: { pageId: page.pageId, status: "subscribed" },
      select: { psid: true },
    });
    for (const s of subs) {
      await stopMarketing(tx, deps, {
        shopId: page.shopId,
        pageId: page.pageId,
        psid: s.psid,
        actor: "meta",
        source: "meta_data_deletion",
        reason: "Page data deleted at Meta's request",
        at: now,
        now,
        pageTokenCiphertext: page.tokenCiphertext,
      });
      count++;
    }
  }
  return count;
}
