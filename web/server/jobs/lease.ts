import type { PrismaClient } from "../db/open-database.js";

/**
 * A claimed job is leased, not owned: `locked_at` is when its holder last renewed the lease. A holder that
 * dies (SIGKILL, OOM, lost machine) stops renewing, so its jobs come back after `leaseMs` instead of
 * waiting for a long lock timeout; a live holder renews every third of the lease (see worker.ts).
 */
export const DEFAULT_LEASE_MS = 15_000;

/**
 * Returns jobs whose lease ran out to the queue. A job that already used all its attempts goes dead
 * instead, with the reason: its worker stopped during the last attempt.
 */
export async function sweepExpiredLeases(db: PrismaClient, params: { now: Date; leaseMs: number }): Promise<number> {
  const cutoff = new Date(params.now.getTime() - params.leaseMs);
  return db.$executeRawUnsafe(
    `UPDATE outbox_job
        SET status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'pending' END,
            last_error = CASE WHEN attempts >= max_attempts THEN 'lease expired: worker stopped during the last attempt' ELSE last_error END,
            finished_at = CASE WHEN attempts >= max_attempts THEN $1::timestamptz ELSE NULL END,
            locked_at = NULL, locked_by = NULL, run_at = $1::timestamptz, updated_at = $1::timestamptz
      WHERE status = 'running' AND locked_at < $2::timestamptz`,
    params.now,
    cutoff,
  );
}

/**
 * Renews the leases this worker still holds and returns the ids it renewed. A job missing from the answer
 * was swept and maybe claimed again (by another worker, or by this one as a new attempt): its holder must
 * stop working on it. `attempts` fences each lease to one claim of the job.
 */
export async function renewLeases(
  db: PrismaClient,
  params: { jobs: { id: bigint; attempts: number }[]; workerId: string; now: Date },
): Promise<Set<bigint>> {
  if (params.jobs.length === 0) return new Set();
  const rows = await db.$queryRawUnsafe<{ id: bigint }[]>(
    `UPDATE outbox_job o
        SET locked_at = $1::timestamptz
       FROM unnest($2::bigint[], $3::int[]) AS held(id, attempts)
      WHERE o.id = held.id AND o.attempts = held.attempts AND o.locked_by = $4::text AND o.status = 'running'
     RETURNING o.id`,
    params.now,
    params.jobs.map((job) => job.id),
    params.jobs.map((job) => job.attempts),
    params.workerId,
  );
  return new Set(rows.map((row) => row.id));
}
