import type { PrismaClient } from "../db/open-database.js";
import { backoffDelayMs, type BackoffOptions } from "./backoff.js";
import type { ClaimedJob, JobOutcome } from "./job.js";

/**
 * Records a job's outcome. Only the holder of this claim's lease may settle it: if the lease ran out and
 * the job was claimed again (elsewhere, or here as a new attempt), this late result is dropped (returns
 * false). The attempt number fences the claim, since one worker may claim the same job twice.
 */
export async function settleJob(
  db: PrismaClient,
  params: { job: ClaimedJob; workerId: string; outcome: JobOutcome; now: Date; backoff?: BackoffOptions },
): Promise<boolean> {
  const { job, outcome, now } = params;
  const where = { id: job.id, lockedBy: params.workerId, status: "running", attempts: job.attempts };
  const unlock = { lockedAt: null, lockedBy: null, updatedAt: now };
  if (outcome.status === "done") {
    const r = await db.outboxJob.updateMany({
      where,
      data: { ...unlock, status: "done", finishedAt: now, lastError: null },
    });
    return r.count === 1;
  }
  const lastError = outcome.error.slice(0, 2_000);
  if (outcome.status === "dead" || job.attempts >= job.maxAttempts) {
    const r = await db.outboxJob.updateMany({ where, data: { ...unlock, status: "dead", finishedAt: now, lastError } });
    return r.count === 1;
  }
  const delay = outcome.delayMs ?? backoffDelayMs(job.attempts, params.backoff);
  const r = await db.outboxJob.updateMany({
    where,
    data: { ...unlock, status: "pending", runAt: new Date(now.getTime() + delay), lastError },
  });
  return r.count === 1;
}
