import type { PrismaClient } from "../db/open-database.js";
import type { ClaimedJob } from "./job.js";

interface ClaimRow {
  id: bigint;
  kind: string;
  dedupe_key: string;
  queue_key: string | null;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  run_at: Date;
  created_at: Date;
}

/**
 * Claims up to `limit` runnable jobs for one worker. SKIP LOCKED lets many workers and processes claim
 * concurrently without waiting on each other; attempts are counted here, at claim, so a worker that dies
 * mid-job still used an attempt. A job waits while an earlier job of its queue is pending or running.
 */
export async function claimJobs(
  db: PrismaClient,
  params: { workerId: string; limit: number; now: Date; kinds?: string[] },
): Promise<ClaimedJob[]> {
  const kinds = params.kinds && params.kinds.length > 0 ? params.kinds : null;
  const rows = await db.$queryRawUnsafe<ClaimRow[]>(
    `WITH candidates AS (
       SELECT j.id FROM outbox_job j
       WHERE j.status = 'pending' AND j.run_at <= $1::timestamptz
         AND ($4::text[] IS NULL OR j.kind = ANY($4::text[]))
         AND (j.queue_key IS NULL OR NOT EXISTS (
           SELECT 1 FROM outbox_job p
           WHERE p.queue_key = j.queue_key AND p.id <> j.id
             AND (p.status = 'running' OR (p.status = 'pending' AND (p.order_at, p.id) < (j.order_at, j.id)))))
       ORDER BY j.run_at, j.id
       LIMIT $2::int
       FOR UPDATE OF j SKIP LOCKED)
     UPDATE outbox_job o
        SET status = 'running', attempts = o.attempts + 1, locked_at = $1::timestamptz, locked_by = $3::text, updated_at = $1::timestamptz
       FROM candidates c
      WHERE o.id = c.id
     RETURNING o.id, o.kind, o.dedupe_key, o.queue_key, o.payload, o.attempts, o.max_attempts, o.run_at, o.created_at`,
    params.now,
    params.limit,
    params.workerId,
    kinds,
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    dedupeKey: row.dedupe_key,
    queueKey: row.queue_key,
    payload: row.payload,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: row.run_at,
    createdAt: row.created_at,
  }));
}
