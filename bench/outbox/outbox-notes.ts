import type { OutboxRow } from "./outbox-benchmark.js";

/** Reading notes for the outbox table; refined after investigating the first runs. */
export function outboxNotes(_rows: OutboxRow[]): string[] {
  return [
    "p50/p99 are `finished_at − created_at` per job. All jobs are enqueued before the clock starts, so this is " +
      "mostly time spent waiting in the backlog (p50 ≈ half the drain time plus the untimed enqueue), not per-job cost.",
  ];
}
