import type { PrismaClient } from "../../web/server/db/open-database.js";
import { enqueue } from "../../web/server/jobs/enqueue.js";
import type { JobSpec } from "../../web/server/jobs/job.js";
import { createWorker, type JobHandler, type Worker } from "../../web/server/jobs/worker.js";
import { systemClock } from "../../web/server/lib/clock.js";
import type { Logger } from "../../web/server/lib/logger.js";
import { percentile } from "../lib/percentile.js";
import { meterClaims, type ClaimMeter } from "./claim-meter.js";

export type HandlerVariant = "no-op" | "one UPDATE";

export interface ScenarioInput {
  /** The client used to seed and read back results. */
  db: PrismaClient;
  /** The client worker i claims and settles through: its own pool on PostgreSQL (like a separate process). */
  clientForWorker: (index: number) => Promise<PrismaClient>;
  workers: number;
  concurrency: number;
  handler: HandlerVariant;
  jobs: number;
  batchSize: number;
  timeoutMs: number;
  logger: Logger;
}

export interface ScenarioResult {
  seconds: number;
  jobsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  enqueueSeconds: number;
  /** CPU time of this Node process over wall time while draining: near 100 % means Node's thread is the limit. */
  nodeCpuPercent: number;
  /** Mean jobs returned per claim query, and mean claim round trip (ms), over all workers. */
  jobsPerClaim: number;
  claimMs: number;
}

const KIND = "bench.outbox";

function handlerFor(variant: HandlerVariant, db: PrismaClient): JobHandler {
  if (variant === "no-op") return async () => ({ status: "done" });
  // What an inbox job does at minimum: mark its webhook delivery processed. One indexed UPDATE by primary key.
  return async (job) => {
    const { deliveryId } = job.payload as { deliveryId: number };
    await db.webhookDelivery.update({ where: { id: BigInt(deliveryId) }, data: { processedAt: systemClock.now() } });
    return { status: "done" };
  };
}

async function seed(input: ScenarioInput): Promise<number> {
  const { db, jobs, batchSize } = input;
  await db.$executeRawUnsafe(`TRUNCATE outbox_job, webhook_delivery RESTART IDENTITY`);
  const started = performance.now();
  for (let from = 0; from < jobs; from += batchSize) {
    const count = Math.min(batchSize, jobs - from);
    const now = systemClock.now();
    const ids = Array.from({ length: count }, (_, i) => from + i + 1);
    if (input.handler === "one UPDATE") {
      await db.webhookDelivery.createMany({
        data: ids.map((id) => ({
          source: "shopify",
          externalId: `bench-${id}`,
          topic: "orders/updated",
          account: "bench.myshopify.com",
          body: "{}",
          receivedAt: now,
        })),
      });
    }
    const specs: JobSpec[] = ids.map((id) => ({ kind: KIND, dedupeKey: `bench:${id}`, payload: { deliveryId: id } }));
    await enqueue(db, specs, now);
  }
  const seconds = (performance.now() - started) / 1000;
  // A steady-state table has planner statistics; a freshly bulk-loaded one may not until autovacuum runs.
  await db.$executeRawUnsafe(`ANALYZE outbox_job`);
  await db.$executeRawUnsafe(`ANALYZE webhook_delivery`);
  return seconds;
}

/** Enqueues `jobs` jobs, then times `workers` workers draining them; latency is read from the rows. */
export async function runOutboxScenario(input: ScenarioInput): Promise<ScenarioResult> {
  const enqueueSeconds = await seed(input);
  let settled = 0;
  let failed = 0;
  let lastSettledAt = 0;
  let finish: () => void = () => undefined;
  const allSettled = new Promise<void>((resolve) => (finish = resolve));
  const workers: Worker[] = [];
  const meter: ClaimMeter = { claims: 0, jobs: 0, totalMs: 0 };
  for (let i = 0; i < input.workers; i++) {
    const client = meterClaims(await input.clientForWorker(i), meter);
    workers.push(
      createWorker({
        db: client,
        clock: systemClock,
        logger: input.logger,
        concurrency: input.concurrency,
        handlers: { [KIND]: handlerFor(input.handler, client) },
        workerId: `bench-${i}`,
        onSettled: (_job, outcome) => {
          if (outcome.status !== "done") failed++;
          lastSettledAt = performance.now();
          if (++settled === input.jobs) finish();
        },
      }),
    );
  }
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  workers.forEach((w) => w.start());
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(resolve, input.timeoutMs, "timeout")));
  const result = await Promise.race([allSettled, timedOut]);
  clearTimeout(timer);
  const cpu = process.cpuUsage(cpuBefore);
  await Promise.all(workers.map((w) => w.stop(5_000)));
  if (result === "timeout")
    throw new Error(`outbox bench: only ${settled}/${input.jobs} jobs settled in ${input.timeoutMs} ms`);
  if (failed > 0) throw new Error(`outbox bench: ${failed} jobs did not finish as done`);

  const rows = await input.db.$queryRawUnsafe<{ ms: number }[]>(
    `SELECT (EXTRACT(EPOCH FROM (finished_at - created_at)) * 1000)::float8 AS ms FROM outbox_job WHERE status = 'done'`,
  );
  if (rows.length !== input.jobs) throw new Error(`outbox bench: ${rows.length}/${input.jobs} rows done`);
  const latencies = rows.map((r) => Number(r.ms));
  const seconds = (lastSettledAt - started) / 1000;
  return {
    seconds,
    jobsPerSecond: input.jobs / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    enqueueSeconds,
    nodeCpuPercent: ((cpu.user + cpu.system) / 1000 / (lastSettledAt - started)) * 100,
    jobsPerClaim: meter.jobs / Math.max(meter.claims, 1),
    claimMs: meter.totalMs / Math.max(meter.claims, 1),
  };
}
