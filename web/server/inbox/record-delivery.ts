import type { PrismaClient } from "../db/open-database.js";
import { enqueue } from "../jobs/enqueue.js";

export const INBOX_JOB_KIND = "inbox.process";

export interface Delivery {
  source: "shopify" | "meta";
  /** X-Shopify-Webhook-Id, Messenger mid, or a stable hash of the event. */
  externalId: string;
  topic: string;
  /** Shop domain or Page id. */
  account: string;
  eventId?: string | undefined;
  eventAt?: Date | undefined;
  /** The delivery's body as text, exactly as received. */
  body: string;
  /** Deliveries sharing a queue key are processed one at a time in event order (one conversation, one order). */
  queueKey?: string | undefined;
}

/**
 * Puts deliveries on disk, with their processing jobs, in one transaction; the caller acknowledges only
 * after this resolves. Deliveries seen before (same source + external id) are skipped.
 * Returns how many were new.
 */
export async function recordDeliveries(db: PrismaClient, deliveries: Delivery[], now: Date): Promise<number> {
  if (deliveries.length === 0) return 0;
  return db.$transaction(async (tx) => {
    const inserted = await tx.webhookDelivery.createManyAndReturn({
      data: deliveries.map((d) => ({
        source: d.source,
        externalId: d.externalId,
        topic: d.topic,
        account: d.account,
        eventId: d.eventId ?? null,
        eventAt: d.eventAt ?? null,
        body: d.body,
        receivedAt: now,
      })),
      skipDuplicates: true,
      select: { id: true, source: true, externalId: true },
    });
    const byKey = new Map(deliveries.map((d) => [`${d.source}:${d.externalId}`, d]));
    await enqueue(
      tx,
      inserted.map((row) => {
        const delivery = byKey.get(`${row.source}:${row.externalId}`);
        return {
          kind: INBOX_JOB_KIND,
          dedupeKey: `inbox:${row.source}:${row.externalId}`,
          payload: { deliveryId: row.id.toString() },
          queueKey: delivery?.queueKey,
          orderAt: delivery?.eventAt ?? now,
        };
      }),
      now,
    );
    return inserted.length;
  });
}
