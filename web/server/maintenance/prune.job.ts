import type { Deps } from "../deps.js";
import { INBOX_JOB_KIND } from "../inbox/record-delivery.js";
import { enqueue } from "../jobs/enqueue.js";
import type { JobHandler } from "../jobs/worker.js";

export const PRUNE_JOB_KIND = "maintenance.prune";
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Finished jobs are kept a week for investigation, then dropped; the outbox stays small. */
export const DONE_JOB_RETENTION_MS = 7 * DAY_MS;
/** What a pruned outbound message keeps as content: a valid, empty OutboundContent, marked. */
export const PRUNED_CONTENT = { textParts: [], pruned: true } as const;

/** One prune per hour across all instances (the dedupe key is the hour). */
export async function schedulePrune(deps: Pick<Deps, "db" | "clock">): Promise<void> {
  const now = deps.clock.now();
  const slot = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  await enqueue(
    deps.db,
    { kind: PRUNE_JOB_KIND, dedupeKey: `maintenance.prune:${slot}`, payload: { slot }, maxAttempts: 3 },
    now,
  );
}

/**
 * Shopper data is kept only as long as it serves a purpose (retention settings in config.ts, 30 days by
 * default): raw webhook bodies after processing (enough to replay), the text of messages once they were
 * sent, skipped or failed (the row stays: status, reason and rule are the merchant's record), and webhook
 * deliveries that could never be processed (their dead job is the only way to find them, so both go).
 */
export function pruneJob(deps: Pick<Deps, "db" | "clock" | "config">): JobHandler {
  return async (_job, { logger }) => {
    const now = deps.clock.now().getTime();
    const { webhookBodyDays, outboundBodyDays, deadDeliveryDays } = deps.config.retention;
    const jobs = await deps.db.outboxJob.deleteMany({
      where: { status: "done", finishedAt: { lt: new Date(now - DONE_JOB_RETENTION_MS) } },
    });
    const deliveries = await deps.db.webhookDelivery.deleteMany({
      where: { processedAt: { lt: new Date(now - webhookBodyDays * DAY_MS) } },
    });
    const deadDeliveries = await deps.db.$executeRawUnsafe(
      `WITH dead AS (
         DELETE FROM outbox_job
          WHERE kind = $1 AND status = 'dead' AND finished_at < $2::timestamptz
          RETURNING (payload->>'deliveryId')::bigint AS delivery_id
       )
       DELETE FROM webhook_delivery WHERE processed_at IS NULL AND id IN (SELECT delivery_id FROM dead)`,
      INBOX_JOB_KIND,
      new Date(now - deadDeliveryDays * DAY_MS).toISOString(),
    );
    const outboundBodies = await deps.db.$executeRawUnsafe(
      `UPDATE outbound_message SET content = $1::jsonb
        WHERE status IN ('sent', 'skipped', 'failed') AND content->>'pruned' IS NULL
          AND COALESCE(sent_at, decided_at, created_at) < $2::timestamptz`,
      JSON.stringify(PRUNED_CONTENT),
      new Date(now - outboundBodyDays * DAY_MS).toISOString(),
    );
    // A used nonce only has to outlive its ref: after expiry the ref is refused as expired anyway.
    const nonces = await deps.db.refNonce.deleteMany({ where: { expiresAt: { lt: new Date(now - HOUR_MS) } } });
    logger.info(
      { jobs: jobs.count, deliveries: deliveries.count, deadDeliveries, outboundBodies, nonces: nonces.count },
      "pruned old rows",
    );
  };
}
