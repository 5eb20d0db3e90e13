import type { Deps } from "../deps.js";
import { enqueue } from "../jobs/enqueue.js";
import type { JobHandler } from "../jobs/worker.js";

export const PRUNE_JOB_KIND = "maintenance.prune";
const HOUR_MS = 60 * 60 * 1000;
/** Finished jobs are kept a week for investigation, then dropped; the outbox stays small. */
export const DONE_JOB_RETENTION_MS = 7 * 24 * HOUR_MS;
/** Raw webhook bodies carry shopper data: kept 30 days after processing (enough to replay), no longer. */
export const DELIVERY_RETENTION_MS = 30 * 24 * HOUR_MS;

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

export function pruneJob(deps: Deps): JobHandler {
  return async (_job, { logger }) => {
    const now = deps.clock.now().getTime();
    const jobs = await deps.db.outboxJob.deleteMany({
      where: { status: "done", finishedAt: { lt: new Date(now - DONE_JOB_RETENTION_MS) } },
    });
    const deliveries = await deps.db.webhookDelivery.deleteMany({
      where: { processedAt: { lt: new Date(now - DELIVERY_RETENTION_MS) } },
    });
    // A used nonce only has to outlive its ref: after expiry the ref is refused as expired anyway.
    const nonces = await deps.db.refNonce.deleteMany({ where: { expiresAt: { lt: new Date(now - HOUR_MS) } } });
    logger.info({ jobs: jobs.count, deliveries: deliveries.count, nonces: nonces.count }, "pruned old rows");
  };
}
