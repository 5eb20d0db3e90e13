import type { PrismaClient } from "../db/open-database.js";

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
 * Puts deliveries on disk, with their processing jobs, in ONE statement: atomic without an interactive
 * transaction, one round trip, so acknowledgements stay fast under a burst (PGlite serializes everything
 * on one connection). Deliveries seen before (same source + external id) are skipped. Returns how many
 * were new. The caller acknowledges only after this resolves.
 */
export async function recordDeliveries(db: PrismaClient, deliveries: Delivery[], now: Date): Promise<number> {
  if (deliveries.length === 0) return 0;
  const column = <T>(pick: (d: Delivery) => T) => deliveries.map(pick);
  return db.$executeRawUnsafe(
    `WITH input AS (
       SELECT DISTINCT ON (source, external_id) *
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
           AS t(source, external_id, topic, account, event_id, event_at, body, queue_key)
     ), inserted AS (
       INSERT INTO webhook_delivery (source, external_id, topic, account, event_id, event_at, body, received_at)
       SELECT source, external_id, topic, account, event_id, event_at::timestamptz, body, $9::timestamptz FROM input
       ON CONFLICT (source, external_id) DO NOTHING
       RETURNING id, source, external_id
     )
     INSERT INTO outbox_job (kind, dedupe_key, payload, queue_key, order_at, run_at, max_attempts, created_at, updated_at)
     SELECT '${INBOX_JOB_KIND}', 'inbox:' || i.source || ':' || i.external_id, jsonb_build_object('deliveryId', i.id::text),
            input.queue_key, COALESCE(input.event_at::timestamptz, $9::timestamptz), $9::timestamptz, 10, $9::timestamptz, $9::timestamptz
       FROM inserted i JOIN input ON input.source = i.source AND input.external_id = i.external_id
     ON CONFLICT (dedupe_key) DO NOTHING`,
    column((d) => d.source),
    column((d) => d.externalId),
    column((d) => d.topic),
    column((d) => d.account),
    column((d) => d.eventId ?? null),
    column((d) => (d.eventAt ? d.eventAt.toISOString() : null)),
    column((d) => d.body),
    column((d) => d.queueKey ?? null),
    now.toISOString(),
  );
}
