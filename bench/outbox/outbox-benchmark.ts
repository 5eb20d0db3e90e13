import { openDatabase, type Database, type PrismaClient } from "../../web/server/db/open-database.js";
import type { Benchmark, BenchmarkOptions, BenchmarkReport } from "../benchmark.js";
import type { MarkdownTable } from "../lib/markdown-table.js";
import { round } from "../lib/percentile.js";
import { createBenchDatabase } from "../lib/postgres-database.js";
import { runOutboxScenario, type HandlerVariant, type ScenarioResult } from "./run-outbox-scenario.js";
import { outboxNotes } from "./outbox-notes.js";

type DbKind = "pglite" | "postgres";
const CONCURRENCY = 8;

function list(flag: string | undefined, fallback: string[]): string[] {
  return flag ? flag.split(",").map((s) => s.trim()) : fallback;
}

export interface OutboxRow {
  db: DbKind;
  handler: HandlerVariant;
  workers: number;
  result: ScenarioResult;
}

async function openKind(kind: DbKind, options: BenchmarkOptions) {
  if (kind === "pglite") {
    const database = await openDatabase({ kind: "memory" });
    await database.migrate();
    // PGlite is one in-process connection: every worker shares it, as in production on PGlite.
    return { database, clientForWorker: async () => database.prisma, close: () => database.close() };
  }
  const created = await createBenchDatabase(options.postgresAdminUrl);
  const extra: Database[] = [];
  try {
    const database = await openDatabase({ kind: "postgres", url: created.url }, { poolSize: 4 });
    await database.migrate();
    // Each worker gets its own pool (concurrency + 2, as a separate process would have) so the pool is not the limit.
    const clients = new Map<number, PrismaClient>();
    const clientForWorker = async (i: number) => {
      const existing = clients.get(i);
      if (existing) return existing;
      const opened = await openDatabase({ kind: "postgres", url: created.url }, { poolSize: CONCURRENCY + 2 });
      extra.push(opened);
      clients.set(i, opened.prisma);
      return opened.prisma;
    };
    return {
      database,
      clientForWorker,
      close: async () => {
        await Promise.all([database, ...extra].map((d) => d.close()));
        await created.drop();
      },
    };
  } catch (error) {
    await created.drop();
    throw error;
  }
}

function table(rows: OutboxRow[], jobs: number): MarkdownTable {
  return {
    title: `${jobs.toLocaleString("en-US")} jobs, concurrency ${CONCURRENCY} per worker`,
    headers: [
      "database",
      "handler",
      "workers",
      "jobs/s",
      "seconds",
      "p50 enqueue→done (ms)",
      "p99 enqueue→done (ms)",
      "Node CPU %",
      "jobs/claim",
      "claim ms",
    ],
    rows: rows.map(({ db, handler, workers, result: r }) => [
      db === "pglite" ? "PGlite (memory)" : "PostgreSQL",
      handler,
      workers,
      Math.round(r.jobsPerSecond),
      round(r.seconds, 2),
      Math.round(r.p50Ms),
      Math.round(r.p99Ms),
      Math.round(r.nodeCpuPercent),
      round(r.jobsPerClaim, 1),
      round(r.claimMs, 1),
    ]),
  };
}

export const outboxBenchmark: Benchmark = {
  name: "outbox",
  description: "jobs/s through the durable outbox (claim → handler → settle) on PGlite and PostgreSQL, 1/2/4 workers",
  async run(options): Promise<BenchmarkReport> {
    const jobs = Number(options.flags.jobs ?? 5_000);
    const kinds = list(options.flags.db, ["pglite", "postgres"]) as DbKind[];
    const workerCounts = list(options.flags.workers, ["1", "2", "4"]).map(Number);
    const handlers = list(options.flags.handler, ["no-op", "update"]).map(
      (h): HandlerVariant => (h === "update" ? "one UPDATE" : "no-op"),
    );
    const rows: OutboxRow[] = [];
    for (const kind of kinds) {
      const opened = await openKind(kind, options);
      try {
        for (const handler of handlers) {
          for (const workers of workerCounts) {
            const result = await runOutboxScenario({
              db: opened.database.prisma,
              clientForWorker: opened.clientForWorker,
              workers,
              concurrency: CONCURRENCY,
              handler,
              jobs,
              batchSize: 500,
              timeoutMs: 90_000,
              logger: options.logger,
            });
            rows.push({ db: kind, handler, workers, result });
            options.log(
              `outbox ${kind} ${handler} ×${workers}: ${Math.round(result.jobsPerSecond)} jobs/s, ` +
                `${round(result.seconds, 2)} s, p50 ${Math.round(result.p50Ms)} ms, p99 ${Math.round(result.p99Ms)} ms, ` +
                `Node CPU ${Math.round(result.nodeCpuPercent)} %, ${round(result.jobsPerClaim, 1)} jobs/claim, ` +
                `claim ${round(result.claimMs, 1)} ms (enqueue ${round(result.enqueueSeconds, 2)} s, not timed)`,
            );
          }
        }
      } finally {
        await opened.close();
      }
    }
    return {
      summary:
        `${jobs.toLocaleString("en-US")} jobs are enqueued in batches of 500 (not timed), then 1, 2 or 4 workers ` +
        `(\`createWorker\`, concurrency ${CONCURRENCY} each, all in this one Node process) drain them: claim with ` +
        "`FOR UPDATE SKIP LOCKED`, run the handler, settle. The clock runs from `start()` to the last settled job. " +
        'Handlers: "no-op" returns done; "one UPDATE" sets `processed_at` on its own `webhook_delivery` row through ' +
        "Prisma, the least an inbox job does.",
      tables: [table(rows, jobs)],
      notes: outboxNotes(rows),
    };
  },
};
