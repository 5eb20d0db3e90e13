import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueue } from "../../../web/server/jobs/enqueue.js";
import { openTestDatabase, type TestDatabase } from "../../helpers/db.js";

const script = fileURLToPath(new URL("./support/drain-worker.ts", import.meta.url));

function runProcess(url: string, label: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, url, label, "2"], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

describe("outbox shared by two processes on one PostgreSQL database", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase("postgres");
    await db.prisma.$executeRawUnsafe(`CREATE TABLE job_runs (dedupe_key text NOT NULL, worker text NOT NULL)`);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("runs each of 5,000 jobs exactly once", async () => {
    const now = new Date();
    const jobs = Array.from({ length: 5_000 }, (_, i) => ({
      kind: "test.record",
      dedupeKey: `job-${i}`,
      payload: { i },
    }));
    for (let i = 0; i < jobs.length; i += 1_000) await enqueue(db.prisma, jobs.slice(i, i + 1_000), now);

    const codes = await Promise.all([runProcess(db.url!, "proc-a"), runProcess(db.url!, "proc-b")]);
    expect(codes).toEqual([0, 0]);

    const [totals] = await db.prisma.$queryRawUnsafe<{ runs: number; distinct_jobs: number }[]>(
      `SELECT count(*)::int AS runs, count(DISTINCT dedupe_key)::int AS distinct_jobs FROM job_runs`,
    );
    expect(totals).toEqual({ runs: 5_000, distinct_jobs: 5_000 });
    const perProcess = await db.prisma.$queryRawUnsafe<{ worker: string; n: number }[]>(
      `SELECT worker, count(*)::int AS n FROM job_runs GROUP BY worker ORDER BY worker`,
    );
    expect(perProcess.map((p) => p.worker)).toEqual(["proc-a", "proc-b"]);
    expect(await db.prisma.outboxJob.count({ where: { status: "done", attempts: 1 } })).toBe(5_000);
  });
});
