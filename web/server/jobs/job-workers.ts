import type { Deps } from "../deps.js";
import { jobHandlers } from "./job-handlers.js";
import { createWorker, type Worker } from "./worker.js";
import { schedulePageHealth } from "../pages/page-health.job.js";
import { schedulePrune } from "../maintenance/prune.job.js";
import { scheduleTemplatePoll } from "../templates/template-jobs.js";

export interface JobWorkers {
  start(): void;
  wake(): void;
  stop(): Promise<void>;
}

/** The process's workers over the shared outbox; several processes may run them against one PostgreSQL. */
export function createJobWorkers(deps: Deps): JobWorkers {
  const count = deps.config.workerConcurrency > 0 ? 1 : 0;
  const workers: Worker[] = Array.from({ length: count }, () =>
    createWorker({
      db: deps.db,
      clock: deps.clock,
      logger: deps.logger.child({ component: "worker" }),
      concurrency: deps.config.workerConcurrency,
      pollMs: 200,
      backoff: deps.config.jobBackoff,
      leaseMs: deps.config.jobLeaseMs,
      handlers: jobHandlers(deps),
    }),
  );
  let timer: NodeJS.Timeout | undefined;
  // Hourly housekeeping: every instance asks, the dedupe keys make it once per hour in all.
  const schedule = () =>
    Promise.all([schedulePageHealth(deps), schedulePrune(deps), scheduleTemplatePoll(deps)]).catch((error: unknown) =>
      deps.logger.warn({ err: error }, "could not schedule hourly jobs"),
    );
  return {
    start: () => {
      workers.forEach((w) => w.start());
      if (workers.length > 0 && !timer) {
        void schedule();
        timer = setInterval(schedule, 5 * 60_000);
        timer.unref();
      }
    },
    wake: () => workers.forEach((w) => w.wake()),
    stop: async () => {
      clearInterval(timer);
      timer = undefined;
      await Promise.all(workers.map((w) => w.stop()));
    },
  };
}
