import { expect, it } from "vitest";
import { claimJobs } from "../../../web/server/jobs/claim.js";
import { enqueue } from "../../../web/server/jobs/enqueue.js";
import { sweepExpiredLeases } from "../../../web/server/jobs/lease.js";
import { settleJob } from "../../../web/server/jobs/settle.js";
import { createWorker, type JobHandler } from "../../../web/server/jobs/worker.js";
import { manualClock, systemClock } from "../../../web/server/lib/clock.js";
import { captureLogger } from "../../helpers/capture-logger.js";
import { describeEachDatabase } from "../../helpers/db.js";
import { waitFor } from "../../helpers/wait-for.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDatabase("job leases", (db) => {
  const t0 = new Date("2026-11-20T10:00:00Z");
  const { logger } = captureLogger("silent");

  it("returns a killed worker's job to the queue within 20 s with the default lease, not before 15 s", async () => {
    const { prisma } = db();
    await enqueue(prisma, { kind: "test.run", dedupeKey: "orphan", payload: {} }, t0);
    // A worker that claimed the job and was SIGKILLed: it never renews or settles.
    expect(await claimJobs(prisma, { workerId: "killed", limit: 1, now: t0 })).toHaveLength(1);
    const clock = manualClock(new Date(t0.getTime() + 14_900));
    const ran: string[] = [];
    const worker = createWorker({
      db: prisma,
      clock,
      logger,
      pollMs: 10,
      workerId: "survivor",
      handlers: { "test.run": async (job) => void ran.push(job.dedupeKey) },
    });
    worker.start();
    try {
      // The first poll sweeps at once; 14.9 s after the claim the lease still holds.
      await sleep(150);
      expect(await prisma.outboxJob.findFirstOrThrow()).toMatchObject({ status: "running", lockedBy: "killed" });
      clock.set(new Date(t0.getTime() + 20_000));
      await waitFor(async () => (await prisma.outboxJob.findFirstOrThrow()).status === "done", { what: "rerun" });
    } finally {
      await worker.stop();
    }
    expect(ran).toEqual(["orphan"]);
    expect(await prisma.outboxJob.findFirstOrThrow()).toMatchObject({ attempts: 2, lockedBy: null });
  });

  // Leases long enough for a loaded machine (a renewal every 500 ms), jobs that outlive them several times.
  const LEASE_MS = 1_500;
  const JOB_MS = 4_500;

  function slowJobWorkers(runs: string[], durationMs: number) {
    const handlers: Record<string, JobHandler> = {
      "test.slow": async (job) => {
        runs.push(job.dedupeKey);
        await sleep(durationMs);
      },
    };
    const make = (workerId: string) =>
      createWorker({ db: db().prisma, clock: systemClock, logger, pollMs: 20, leaseMs: LEASE_MS, workerId, handlers });
    return { a: make("a"), b: make("b") };
  }

  it("renews the lease of a job that outlives it, so another worker never runs it at the same time", async () => {
    const { prisma } = db();
    const runs: string[] = [];
    const { a, b } = slowJobWorkers(runs, JOB_MS);
    await enqueue(prisma, { kind: "test.slow", dedupeKey: "long", payload: {} }, systemClock.now());
    a.start();
    await waitFor(() => runs.length === 1, { what: "a runs the job" });
    b.start();
    try {
      await waitFor(async () => (await prisma.outboxJob.findFirstOrThrow()).status === "done", { what: "done" });
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(runs).toEqual(["long"]);
    expect(await prisma.outboxJob.findFirstOrThrow()).toMatchObject({ attempts: 1 });
  });

  it("keeps renewing while a graceful stop drains the job in flight", async () => {
    const { prisma } = db();
    const runs: string[] = [];
    const { a, b } = slowJobWorkers(runs, JOB_MS);
    await enqueue(prisma, { kind: "test.slow", dedupeKey: "draining", payload: {} }, systemClock.now());
    a.start();
    await waitFor(() => runs.length === 1, { what: "a runs the job" });
    b.start();
    try {
      await a.stop();
      expect(await prisma.outboxJob.findFirstOrThrow()).toMatchObject({ status: "done", attempts: 1 });
    } finally {
      await b.stop();
    }
    expect(runs).toEqual(["draining"]);
  });

  it("aborts a job whose lease passed to another claim, and drops its late result", async () => {
    const { prisma } = db();
    let aborted: unknown;
    const worker = createWorker({
      db: prisma,
      clock: systemClock,
      logger,
      pollMs: 20,
      leaseMs: LEASE_MS,
      workerId: "slow-holder",
      handlers: {
        "test.wait": (_job, { signal }) =>
          new Promise((resolve) => {
            signal.addEventListener("abort", () => {
              aborted = signal.reason;
              resolve({ status: "done" });
            });
          }),
      },
    });
    await enqueue(prisma, { kind: "test.wait", dedupeKey: "stolen", payload: {} }, systemClock.now());
    worker.start();
    try {
      await waitFor(async () => (await prisma.outboxJob.findFirstOrThrow()).status === "running", { what: "claim" });
      // What a sweep and a claim elsewhere leave behind while this worker was stalled.
      await prisma.outboxJob.updateMany({ data: { lockedBy: "new-holder", attempts: { increment: 1 } } });
      await waitFor(() => aborted !== undefined, { timeoutMs: 10_000, what: "abort" });
    } finally {
      await worker.stop();
    }
    expect(String(aborted)).toMatch(/lease taken over/);
    expect(await prisma.outboxJob.findFirstOrThrow()).toMatchObject({ status: "running", lockedBy: "new-holder" });
  });

  it("dead-letters a job whose worker died during its last attempt, with the reason, instead of requeueing it", async () => {
    const { prisma } = db();
    await enqueue(prisma, { kind: "k", dedupeKey: "last-try", payload: {}, maxAttempts: 2 }, t0);
    await enqueue(prisma, { kind: "k", dedupeKey: "has-tries", payload: {}, maxAttempts: 3 }, t0);
    // Both die twice; the first has used its last attempt.
    for (let i = 0; i < 2; i++) {
      const at = new Date(t0.getTime() + i * 20_000);
      expect(await claimJobs(prisma, { workerId: `killed-${i}`, limit: 2, now: at })).toHaveLength(2);
      expect(await sweepExpiredLeases(prisma, { now: new Date(at.getTime() + 16_000), leaseMs: 15_000 })).toBe(2);
    }
    expect(await prisma.outboxJob.findUniqueOrThrow({ where: { dedupeKey: "last-try" } })).toMatchObject({
      status: "dead",
      attempts: 2,
      lastError: expect.stringMatching(/lease expired: worker stopped during the last attempt/),
      lockedBy: null,
      finishedAt: expect.any(Date),
    });
    expect(await prisma.outboxJob.findUniqueOrThrow({ where: { dedupeKey: "has-tries" } })).toMatchObject({
      status: "pending",
      attempts: 2,
      finishedAt: null,
    });
    const later = new Date(t0.getTime() + 60_000);
    expect((await claimJobs(prisma, { workerId: "w", limit: 5, now: later })).map((j) => j.dedupeKey)).toEqual([
      "has-tries",
    ]);
  });

  it("drops a late settle from an earlier claim of the same job by the same worker", async () => {
    const { prisma } = db();
    await enqueue(prisma, { kind: "k", dedupeKey: "twice", payload: {} }, t0);
    const [first] = await claimJobs(prisma, { workerId: "w", limit: 1, now: t0 });
    const later = new Date(t0.getTime() + 16_000);
    expect(await sweepExpiredLeases(prisma, { now: later, leaseMs: 15_000 })).toBe(1);
    const [second] = await claimJobs(prisma, { workerId: "w", limit: 1, now: later });
    expect(second).toMatchObject({ attempts: 2 });
    const retry = { status: "retry", error: "late" } as const;
    expect(await settleJob(prisma, { job: first!, workerId: "w", outcome: retry, now: later })).toBe(false);
    expect(await prisma.outboxJob.findFirstOrThrow()).toMatchObject({ status: "running", attempts: 2 });
    expect(await settleJob(prisma, { job: second!, workerId: "w", outcome: { status: "done" }, now: later })).toBe(
      true,
    );
  });
});
