import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { PrismaClient } from "../db/open-database.js";
import type { Clock } from "../lib/clock.js";
import type { Logger } from "../lib/logger.js";
import { DEFAULT_BACKOFF, type BackoffOptions } from "./backoff.js";
import { claimJobs } from "./claim.js";
import type { ClaimedJob, JobOutcome } from "./job.js";
import { DEFAULT_LEASE_MS, renewLeases, sweepExpiredLeases } from "./lease.js";
import { settleJob } from "./settle.js";

/**
 * `signal` aborts when the worker gives the job up: a graceful stop that timed out, or a lease this worker
 * could not renew (the job may then run elsewhere, so stop before any further side effect).
 */
export type JobHandler = (job: ClaimedJob, ctx: { logger: Logger; signal: AbortSignal }) => Promise<JobOutcome | void>;

export interface WorkerOptions {
  db: PrismaClient;
  handlers: Record<string, JobHandler>;
  clock: Clock;
  logger: Logger;
  concurrency?: number;
  /** Idle poll interval; `wake()` cuts it short when this process enqueued something. */
  pollMs?: number;
  /** How long a claim stays valid without renewal; renewed every third of it while the job runs. */
  leaseMs?: number;
  backoff?: BackoffOptions;
  workerId?: string;
  onSettled?: (job: ClaimedJob, outcome: JobOutcome) => void;
}

export interface Worker {
  readonly id: string;
  start(): void;
  wake(): void;
  /** Stops claiming, waits for jobs in flight (graceful drain, leases still renewed), up to `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
  inFlight(): number;
}

interface Held {
  job: ClaimedJob;
  abort: AbortController;
  /** Clock time of the last renewal this worker knows succeeded. */
  renewedAt: number;
  /** The handler returned: the lease is being settled, no longer renewed. */
  finished: boolean;
  done?: Promise<void>;
}

export function createWorker(options: WorkerOptions): Worker {
  const id = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const concurrency = options.concurrency ?? 4;
  const pollMs = options.pollMs ?? 500;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const renewEveryMs = Math.max(1, Math.floor(leaseMs / 3));
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const kinds = Object.keys(options.handlers);
  // Keyed by claim (id and attempt): after a lost lease this worker may claim the same job again.
  const running = new Map<string, Held>();
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let renewTimer: NodeJS.Timeout | undefined;
  let renewing: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let loopDone: Promise<void> = Promise.resolve();
  let lastSweep = 0;

  function giveUp(held: Held, reason: string): void {
    if (held.abort.signal.aborted) return;
    options.logger.warn({ jobId: held.job.id.toString(), kind: held.job.kind, reason }, "job lease lost; job aborted");
    held.abort.abort(new Error(reason));
  }

  async function renew(): Promise<void> {
    const held = [...running.values()].filter((h) => !h.finished && !h.abort.signal.aborted);
    if (held.length === 0) return;
    const now = options.clock.now().getTime();
    try {
      const renewed = await renewLeases(options.db, { jobs: held.map((h) => h.job), workerId: id, now: new Date(now) });
      for (const h of held) {
        if (renewed.has(h.job.id)) h.renewedAt = now;
        // Settled meanwhile is fine; still running means another claim owns the job now.
        else if (!h.finished) giveUp(h, "lease taken over after it expired");
      }
    } catch (error) {
      options.logger.warn({ err: error }, "could not renew job leases");
      // Another worker may sweep the job once the lease ends; stop a third of the lease before that.
      for (const h of held) if (now - h.renewedAt >= leaseMs - renewEveryMs) giveUp(h, "lease could not be renewed");
    }
  }

  function renewSoon(): void {
    renewing ??= renew().finally(() => {
      renewing = undefined;
    });
  }

  async function runJob(held: Held): Promise<void> {
    const { job } = held;
    const logger = options.logger.child({ jobId: job.id.toString(), kind: job.kind, attempt: job.attempts });
    let outcome: JobOutcome;
    try {
      const handler = options.handlers[job.kind];
      outcome = handler
        ? ((await handler(job, { logger, signal: held.abort.signal })) ?? { status: "done" })
        : { status: "dead", error: `no handler for job kind ${job.kind}` };
    } catch (error) {
      outcome = { status: "retry", error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
    held.finished = true;
    try {
      const settled = await settleJob(options.db, { job, workerId: id, outcome, now: options.clock.now(), backoff });
      if (!settled) logger.warn({ outcome: outcome.status }, "late result dropped: the job's lease had passed on");
      else if (outcome.status !== "done")
        logger.warn({ outcome: outcome.status, error: outcome.error }, "job not done");
      options.onSettled?.(job, outcome);
    } catch (error) {
      // The lease runs out and the sweep returns the job to the queue; nothing is lost.
      logger.error({ err: error }, "could not record job outcome");
    }
  }

  async function tick(): Promise<number> {
    const now = options.clock.now();
    if (now.getTime() - lastSweep >= renewEveryMs) {
      lastSweep = now.getTime();
      const swept = await sweepExpiredLeases(options.db, { now, leaseMs });
      if (swept > 0) options.logger.warn({ swept }, "returned jobs with expired leases to the queue");
    }
    const free = concurrency - running.size;
    if (free <= 0) return 0;
    const jobs = await claimJobs(options.db, { workerId: id, limit: free, now, kinds });
    for (const job of jobs) {
      const held: Held = { job, abort: new AbortController(), renewedAt: now.getTime(), finished: false };
      const key = claimKey(job);
      running.set(key, held);
      held.done = runJob(held).finally(() => {
        if (running.get(key) === held) running.delete(key);
        wakeUp?.();
      });
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
      // Renewal runs on its own timer, not in the poll loop: a slow claim query must not starve it, and it
      // keeps going while stop() drains, so a draining job is never swept and run twice.
      renewTimer ??= setInterval(renewSoon, renewEveryMs);
      renewTimer.unref();
      loopDone = loop();
    },
    wake() {
      wakeUp?.();
    },
    async stop(timeoutMs = 30_000) {
      stopped = true;
      wakeUp?.();
      await loopDone;
      const drained = Promise.allSettled([...running.values()].map((h) => h.done));
      const timedOut = new Promise<"timeout">((resolve) => setTimeout(resolve, timeoutMs, "timeout").unref());
      if ((await Promise.race([drained, timedOut])) === "timeout") {
        for (const h of running.values()) h.abort.abort(new Error("worker stopped"));
        options.logger.warn(
          { inFlight: running.size, leaseMs },
          "worker stop timed out; unfinished jobs return to the queue when their lease ends",
        );
      }
      clearInterval(renewTimer);
      renewTimer = undefined;
      await renewing;
    },
    inFlight: () => running.size,
  };
}

function claimKey(job: ClaimedJob): string {
  return `${job.id}/${job.attempts}`;
}
