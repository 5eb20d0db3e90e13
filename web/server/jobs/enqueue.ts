import type { DbTx, PrismaClient } from "../db/open-database.js";
import type { JobSpec } from "./job.js";

/**
 * Adds jobs to the outbox inside the caller's transaction, so a rolled-back transaction leaves no job.
 * Duplicate dedupe keys are skipped; returns how many jobs were new.
 */
export async function enqueue(tx: DbTx | PrismaClient, jobs: JobSpec | JobSpec[], now: Date): Promise<number> {
  const list = Array.isArray(jobs) ? jobs : [jobs];
  if (list.length === 0) return 0;
  const result = await tx.outboxJob.createMany({
    data: list.map((job) => ({
      kind: job.kind,
      dedupeKey: job.dedupeKey,
      payload: job.payload,
      queueKey: job.queueKey ?? null,
      orderAt: job.orderAt ?? now,
      runAt: job.runAt ?? now,
      maxAttempts: job.maxAttempts ?? 10,
      createdAt: now,
      updatedAt: now,
    })),
    skipDuplicates: true,
  });
  return result.count;
}
