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
  /** When the request carrying it arrived; defaults to the `now` of the statement. */
  receivedAt?: Date | undefined;
}

/** The identity a delivery is deduplicated on. */
export const deliveryKey = (d: { source: string; externalId: string }): string => `${d.source}\u0000${d.externalId}`;

/**
 * Puts deliveries on disk, with their processing jobs, in ONE statement: atomic without an interactive
 * transaction, one round trip, so acknowledgements stay fast under a burst (PGlite serializes everything
 * on one connection). Deliveries seen before (same source + external id) are skipped. Returns the keys
 * (`deliveryKey`) of the deliveries that were new. The caller acknowledges only after this resolves.
 */
export async function insertDeliveries(db: PrismaClient, deliveries: Delivery[], now: Date): Promise<Set<string>> {
  if (deliveries.length === 0) return new Set();
  const column = <T>(pick: (d: Delivery) => T) => deliveries.map(pick);
  const rows = await db.$queryRawUnsafe<{ source: string; external_id: string }[]>(
    `WITH input AS (
       SELECT DISTINCT ON (source, external_id) *
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
           AS t(source, external_id, topic, account, event_id, event_at, body, queue_key, received_at)
     ), inserted AS (
       INSERT INTO webhook_delivery (source, external_id, topic, account, event_id, event_at, body, received_at)
       SELECT source, external_id, topic, account, event_id, event_at::timestamptz, body,
              COALESCE(received_at::timestamptz, $10::timestamptz) FROM input
       ON CONFLICT (source, external_id) DO NOTHING
       RETURNING id, source, external_id, received_at
     ), jobs AS (
       INSERT INTO outbox_job (kind, dedupe_key, payload, queue_key, order_at, run_at, max_attempts, created_at, updated_at)
       SELECT '${INBOX_JOB_KIND}', 'inbox:' || i.source || ':' || i.external_id, jsonb_build_object('deliveryId', i.id::text),
              input.queue_key, COALESCE(input.event_at::timestamptz, i.received_at), $10::timestamptz, 10, $10::timestamptz, $10::timestamptz
         FROM inserted i JOIN input ON input.source = i.source AND input.external_id = i.external_id
       ON CONFLICT (dedupe_key) DO NOTHING
     )
     SELECT source, external_id FROM inserted`,
    column((d) => d.source),
    column((d) => d.externalId),
    column((d) => d.topic),
    column((d) => d.account),
    column((d) => d.eventId ?? null),
    column((d) => (d.eventAt ? d.eventAt.toISOString() : null)),
    column((d) => d.body),
    column((d) => d.queueKey ?? null),
    column((d) => (d.receivedAt ? d.receivedAt.toISOString() : null)),
    now.toISOString(),
  );
  return new Set(rows.map((r) => deliveryKey({ source: r.source, externalId: r.external_id })));
}
