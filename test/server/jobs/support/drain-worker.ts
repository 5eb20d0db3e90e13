// Child process for the multi-process outbox test: drains the outbox of one PostgreSQL database with
// several workers, recording every run, and exits when nothing is left.
import { openDatabase } from "../../../../web/server/db/open-database.js";
import { createWorker } from "../../../../web/server/jobs/worker.js";
import { systemClock } from "../../../../web/server/lib/clock.js";
import { createLogger } from "../../../../web/server/lib/logger.js";

const [url, label, workersArg] = process.argv.slice(2);
if (!url || !label) throw new Error("usage: drain-worker <url> <label> [workers]");
const db = await openDatabase({ kind: "postgres", url }, { poolSize: 6 });
const logger = createLogger({ level: "warn" });
const workers = Array.from({ length: Number(workersArg ?? 2) }, (_, i) =>
  createWorker({
    db: db.prisma,
    clock: systemClock,
    logger,
    concurrency: 8,
    pollMs: 20,
    workerId: `${label}-${i}`,
    handlers: {
      "test.record": async (job) => {
        await db.prisma.$executeRawUnsafe(
          `INSERT INTO job_runs (dedupe_key, worker) VALUES ($1, $2)`,
          job.dedupeKey,
          label,
        );
      },
    },
  }),
);
for (const worker of workers) worker.start();
for (;;) {
  const left = await db.prisma.outboxJob.count({ where: { status: { in: ["pending", "running"] } } });
  if (left === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 50));
}
await Promise.all(workers.map((w) => w.stop()));
await db.close();
