import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { PrismaClient } from "../db/open-database.js";
import type { Clock } from "../lib/clock.js";
import type { Logger } from "../lib/logger.js";
import { DEFAULT_BACKOFF, type BackoffOptions } from "./backoff.js";
import { claimJobs, heartbeat, sweepStaleLocks } from "./claim.js";
import type { ClaimedJob, JobOutcome } from "./job.js";
import { settleJob } from "./settle.js";

export type JobHandler = (job: ClaimedJob, ctx: { logger: Logger; signal: AbortSignal }) => Promise<JobOutcome | void>;

export interface WorkerOptions {
  db: PrismaClient;
  handlers: Record<string, JobHandler>;
  clock: Clock;
  logger: Logger;
  concurrency?: number;
  /** Idle poll interval; `wake()` cuts it short when this process enqueued something. */
  pollMs?: number;
  lockTimeoutMs?: number;
  backoff?: BackoffOptions;
  workerId?: string;
  onSettled?: (job: ClaimedJob, outcome: JobOutcome) => void;
}

export interface Worker {
  readonly id: string;
  start(): void;
  wake(): void;
  /** Stops claiming, waits for jobs in flight (graceful drain), up to `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
  inFlight(): number;
}

export function createWorker(options: WorkerOptions): Worker {
  const id = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const concurrency = options.concurrency ?? 4;
  const pollMs = options.pollMs ?? 500;
  const lockTimeoutMs = options.lockTimeoutMs ?? 5 * 60_000;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const kinds = Object.keys(options.handlers);
  const running = new Map<bigint, Promise<void>>();
  const abort = new AbortController();
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let wakeUp: (() => void) | undefined;
  let loopDone: Promise<void> = Promise.resolve();
  let lastSweep = 0;
  let lastHeartbeat = 0;

  async function runJob(job: ClaimedJob): Promise<void> {
    const logger = options.logger.child({ jobId: job.id.toString(), kind: job.kind, attempt: job.attempts });
    let outcome: JobOutcome;
    try {
      const handler = options.handlers[job.kind];
      outcome = handler
        ? ((await handler(job, { logger, signal: abort.signal })) ?? { status: "done" })
        : { status: "dead", error: `no handler for job kind ${job.kind}` };
    } catch (error) {
      outcome = { status: "retry", error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
    try {
      await settleJob(options.db, { job, workerId: id, outcome, now: options.clock.now(), backoff });
      if (outcome.status !== "done") logger.warn({ outcome: outcome.status, error: outcome.error }, "job not done");
      options.onSettled?.(job, outcome);
    } catch (error) {
      // The lock sweep will return the job to the queue; nothing is lost.
      logger.error({ err: error }, "could not record job outcome");
    }
  }

  async function tick(): Promise<number> {
    const now = options.clock.now();
    if (now.getTime() - lastSweep > Math.min(lockTimeoutMs / 2, 30_000)) {
      lastSweep = now.getTime();
      const swept = await sweepStaleLocks(options.db, { now, lockTimeoutMs });
      if (swept > 0) options.logger.warn({ swept }, "returned stale jobs to the queue");
    }
    if (running.size > 0 && now.getTime() - lastHeartbeat > lockTimeoutMs / 3) {
      lastHeartbeat = now.getTime();
      await heartbeat(options.db, { ids: [...running.keys()], workerId: id, now });
    }
    const free = concurrency - running.size;
    if (free <= 0) return 0;
    const jobs = await claimJobs(options.db, { workerId: id, limit: free, now, kinds });
    for (const job of jobs) {
      const promise = runJob(job).finally(() => {
        running.delete(job.id);
        wakeUp?.();
      });
      running.set(job.id, promise);
    }
    return jobs.length;
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      let claimed = 0;
      try {
        claimed = await tick();
      } catch (error) {
        options.logger.error({ err: error }, "worker poll failed");
      }
      if (stopped) break;
      const full = running.size >= concurrency;
      if (claimed > 0 && !full) continue;
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        timer = setTimeout(resolve, full ? pollMs * 4 : pollMs);
      });
      clearTimeout(timer);
      wakeUp = undefined;
    }
  }

  return {
    id,
    start() {
      if (!stopped) return;
      stopped = false;
      loopDone = loop();
    },
    wake() {
      wakeUp?.();
    },
    async stop(timeoutMs = 30_000) {
      stopped = true;
      wakeUp?.();
      await loopDone;
      const drained = Promise.allSettled([...running.values()]);
      const timedOut = new Promise<"timeout">((resolve) => setTimeout(resolve, timeoutMs, "timeout").unref());
      if ((await Promise.race([drained, timedOut])) === "timeout") {
        abort.abort();
        options.logger.warn(
          { inFlight: running.size },
          "worker stop timed out; unfinished jobs return after the lock expires",
        );
      }
    },
    inFlight: () => running.size,
  };
}
