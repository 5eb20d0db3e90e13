/** Vocabulary of the durable outbox (pg-boss/graphile naming). */
export const JOB_STATUS = { pending: "pending", running: "running", done: "done", dead: "dead" } as const;
export type JobStatus = (typeof JOB_STATUS)[keyof typeof JOB_STATUS];

export interface ClaimedJob {
  id: bigint;
  kind: string;
  dedupeKey: string;
  queueKey: string | null;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  createdAt: Date;
}

/** What a handler tells the worker. Throwing counts as `retry` with backoff. */
export type JobOutcome =
  | { status: "done" }
  | { status: "retry"; error: string; delayMs?: number }
  | { status: "dead"; error: string };

export interface JobSpec {
  kind: string;
  /** Unique forever: enqueueing the same key again is a no-op. */
  dedupeKey: string;
  payload: object;
  /** Jobs with the same queue key run one at a time, in orderAt order (per conversation, per order). */
  queueKey?: string;
  orderAt?: Date;
  runAt?: Date;
  maxAttempts?: number;
}
