import { expect, it } from "vitest";
import { claimJobs } from "../../../web/server/jobs/claim.js";
import { sweepExpiredLeases } from "../../../web/server/jobs/lease.js";
import { enqueue } from "../../../web/server/jobs/enqueue.js";
import { settleJob } from "../../../web/server/jobs/settle.js";
import { createWorker } from "../../../web/server/jobs/worker.js";
import { manualClock, systemClock } from "../../../web/server/lib/clock.js";
import { captureLogger } from "../../helpers/capture-logger.js";
import { describeEachDatabase } from "../../helpers/db.js";
import { waitFor } from "../../helpers/wait-for.js";

describeEachDatabase("durable outbox", (db) => {
  const t0 = new Date("2026-11-20T10:00:00Z");

  it("never runs a job enqueued in a rolled-back transaction", async () => {
    const { prisma } = db();
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.shop.create({ data: { domain: "rollback.myshopify.com" } });
        await enqueue(tx, { kind: "test.noop", dedupeKey: "rolled-back", payload: {} }, t0);
        throw new Error("caller fails after enqueue");
      }),
    ).rejects.toThrow("caller fails after enqueue");
    await enqueue(prisma, { kind: "test.noop", dedupeKey: "committed", payload: {} }, t0);
    const claimed = await claimJobs(prisma, { workerId: "w1", limit: 10, now: t0 });
    expect(claimed.map((j) => j.dedupeKey)).toEqual(["committed"]);
    expect(await prisma.shop.count()).toBe(0);
  });

  it("ignores a second job with the same dedupe key", async () => {
    const { prisma } = db();
    expect(await enqueue(prisma, { kind: "k", dedupeKey: "once", payload: { n: 1 } }, t0)).toBe(1);
    expect(await enqueue(prisma, { kind: "k", dedupeKey: "once", payload: { n: 2 } }, t0)).toBe(0);
    expect(await prisma.outboxJob.count()).toBe(1);
  });

  it("counts attempts at claim and hands a job to one worker only", async () => {
    const { prisma } = db();
    await enqueue(prisma, { kind: "k", dedupeKey: "a", payload: {} }, t0);
    const [first, second] = await Promise.all([
      claimJobs(prisma, { workerId: "w1", limit: 1, now: t0 }),
      claimJobs(prisma, { workerId: "w2", limit: 1, now: t0 }),
    ]);
    expect(first.length + second.length).toBe(1);
    const job = await prisma.outboxJob.findFirstOrThrow();
    expect(job).toMatchObject({ status: "running", attempts: 1 });
  });

  it("picks up a job again after the worker holding it died and the lock expired", async () => {
    const { prisma } = db();
    await enqueue(prisma, { kind: "k", dedupeKey: "crash", payload: {} }, t0);
    const [claimed] = await claimJobs(prisma, { workerId: "dead-worker", limit: 1, now: t0 });
    expect(claimed).toBeDefined();
    const early = new Date(t0.getTime() + 60_000);
    expect(await sweepExpiredLeases(prisma, { now: early, leaseMs: 5 * 60_000 })).toBe(0);
    expect(await claimJobs(prisma, { workerId: "w2", limit: 1, now: early })).toHaveLength(0);
    const late = new Date(t0.getTime() + 6 * 60_000);
    expect(await sweepExpiredLeases(prisma, { now: late, leaseMs: 5 * 60_000 })).toBe(1);
    const [again] = await claimJobs(prisma, { workerId: "w2", limit: 1, now: late });
    expect(again).toMatchObject({ dedupeKey: "crash", attempts: 2 });
    // The dead worker's late result must not overwrite the new owner's work.
    expect(
      await settleJob(prisma, { job: claimed!, workerId: "dead-worker", outcome: { status: "done" }, now: late }),
    ).toBe(false);
    expect(await settleJob(prisma, { job: again!, workerId: "w2", outcome: { status: "done" }, now: late })).toBe(true);
  });

  it("backs off after a failure and ends dead with the last error when attempts run out", async () => {
    const { prisma } = db();
    const clock = manualClock(t0);
    await enqueue(prisma, { kind: "k", dedupeKey: "flaky", payload: {}, maxAttempts: 3 }, clock.now());
    const backoff = { baseMs: 1_000, capMs: 10_000, random: () => 0.999999 };
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [job] = await claimJobs(prisma, { workerId: "w", limit: 1, now: clock.now() });
      expect(job?.attempts).toBe(attempt);
      await settleJob(prisma, {
        job: job!,
        workerId: "w",
        outcome: { status: "retry", error: `boom ${attempt}` },
        now: clock.now(),
        backoff,
      });
      const row = await prisma.outboxJob.findFirstOrThrow();
      if (attempt < 3) {
        expect(row.status).toBe("pending");
        expect(row.runAt.getTime() - clock.now().getTime()).toBe(1_000 * 2 ** (attempt - 1));
        expect(await claimJobs(prisma, { workerId: "w", limit: 1, now: clock.now() })).toHaveLength(0);
        clock.set(row.runAt);
      } else {
        expect(row).toMatchObject({ status: "dead", lastError: "boom 3", lockedBy: null });
      }
    }
  });

  it("runs jobs of one queue key one at a time, in order, while other queues proceed", async () => {
    const { prisma } = db();
    await enqueue(
      prisma,
      [
        { kind: "k", dedupeKey: "late", payload: {}, queueKey: "conv-1", orderAt: new Date(t0.getTime() + 2) },
        { kind: "k", dedupeKey: "early", payload: {}, queueKey: "conv-1", orderAt: new Date(t0.getTime() + 1) },
        { kind: "k", dedupeKey: "other", payload: {}, queueKey: "conv-2" },
      ],
      t0,
    );
    const batch1 = await claimJobs(prisma, { workerId: "w", limit: 10, now: t0 });
    expect(batch1.map((j) => j.dedupeKey).sort()).toEqual(["early", "other"]);
    expect(await claimJobs(prisma, { workerId: "w", limit: 10, now: t0 })).toHaveLength(0);
    await settleJob(prisma, {
      job: batch1.find((j) => j.dedupeKey === "early")!,
      workerId: "w",
      outcome: { status: "done" },
      now: t0,
    });
    const batch2 = await claimJobs(prisma, { workerId: "w", limit: 10, now: t0 });
    expect(batch2.map((j) => j.dedupeKey)).toEqual(["late"]);
  });

  it("a worker drains the queue, records failures, and stops gracefully with nothing in flight", async () => {
    const { prisma } = db();
    const { logger } = captureLogger("silent");
    const ran: string[] = [];
    await enqueue(
      prisma,
      Array.from({ length: 30 }, (_, i) => ({
        kind: i === 7 ? "test.fail" : "test.ok",
        dedupeKey: `job-${i}`,
        payload: { i },
        maxAttempts: 1,
      })),
      systemClock.now(),
    );
    const worker = createWorker({
      db: prisma,
      clock: systemClock,
      logger,
      concurrency: 4,
      pollMs: 20,
      handlers: {
        "test.ok": async (job) => {
          ran.push(job.dedupeKey);
        },
        "test.fail": async () => {
          throw new Error("carrier API exploded");
        },
      },
    });
    worker.start();
    await waitFor(
      async () => (await prisma.outboxJob.count({ where: { status: { in: ["pending", "running"] } } })) === 0,
      { what: "drain" },
    );
    await worker.stop();
    expect(worker.inFlight()).toBe(0);
    expect(new Set(ran).size).toBe(29);
    expect(await prisma.outboxJob.findUniqueOrThrow({ where: { dedupeKey: "job-7" } })).toMatchObject({
      status: "dead",
      lastError: "Error: carrier API exploded",
    });
  });
});
