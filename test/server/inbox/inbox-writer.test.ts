import { expect, it } from "vitest";
import type { PrismaClient } from "../../../web/server/db/open-database.js";
import { createInboxWriter, type InboxWriterOptions } from "../../../web/server/inbox/inbox-writer.js";
import type { Delivery } from "../../../web/server/inbox/record-delivery.js";
import { manualClock } from "../../../web/server/lib/clock.js";
import { describeEachDatabase } from "../../helpers/db.js";

const t0 = new Date("2026-12-01T10:00:00Z");

function delivery(id: string, extra: Partial<Delivery> = {}): Delivery {
  return {
    source: "meta",
    externalId: id,
    topic: "message",
    account: "1000000000001",
    body: `{"mid":"${id}"}`,
    queueKey: `meta:1000000000001:${id}`,
    ...extra,
  };
}

/** Counts the statements the writer sends, and can hold them until released. */
function instrumented(prisma: PrismaClient) {
  const stats = { statements: 0, inFlight: 0, maxInFlight: 0 };
  let gate: Promise<void> | undefined;
  let open: (() => void) | undefined;
  const db = new Proxy(prisma, {
    get(target, key, receiver) {
      if (key !== "$queryRawUnsafe") return Reflect.get(target, key, receiver) as unknown;
      return async (sql: string, ...values: unknown[]) => {
        stats.statements++;
        stats.inFlight++;
        stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
        try {
          if (gate) await gate;
          return await target.$queryRawUnsafe(sql, ...values);
        } finally {
          stats.inFlight--;
        }
      };
    },
  });
  return {
    db,
    stats,
    hold() {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    release() {
      gate = undefined;
      open?.();
    },
  };
}

const options = (o: Partial<InboxWriterOptions> = {}): InboxWriterOptions => ({
  windowMs: 5,
  maxBatch: 500,
  maxInFlight: 2,
  ...o,
});

describeEachDatabase("inbox group commit", (db) => {
  it("writes requests arriving together in one statement, each row with its job", async () => {
    const { db: counted, stats } = instrumented(db().prisma);
    const writer = createInboxWriter(counted, manualClock(t0), options());
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => writer.record([delivery(`m_${i}`)])));
    expect(results).toEqual(Array.from({ length: 40 }, () => 1));
    expect(stats.statements).toBe(1);
    expect(await db().prisma.webhookDelivery.count()).toBe(40);
    const jobs = await db().prisma.outboxJob.findMany({ where: { kind: "inbox.process" } });
    expect(jobs).toHaveLength(40);
    expect(new Set(jobs.map((j) => j.queueKey)).size).toBe(40);
  });

  it("sends a statement per request when group commit is off", async () => {
    const { db: counted, stats } = instrumented(db().prisma);
    const writer = createInboxWriter(counted, manualClock(t0), options({ windowMs: 0, maxInFlight: 64 }));
    await Promise.all(Array.from({ length: 10 }, (_, i) => writer.record([delivery(`m_${i}`)])));
    expect(stats.statements).toBe(10);
  });

  it("answers no request before the statement carrying it has committed", async () => {
    const probe = instrumented(db().prisma);
    const writer = createInboxWriter(probe.db, manualClock(t0), options({ windowMs: 1 }));
    probe.hold();
    let answered = false;
    const pending = writer.record([delivery("m_held")]).then((n) => {
      answered = true;
      return n;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(probe.stats.statements).toBe(1);
    expect(answered).toBe(false);
    probe.release();
    expect(await pending).toBe(1);
    expect(await db().prisma.webhookDelivery.count({ where: { externalId: "m_held" } })).toBe(1);
  });

  it("detects duplicates per delivery id, inside one statement and across statements", async () => {
    const writer = createInboxWriter(db().prisma, manualClock(t0), options());
    const [a, b, c] = await Promise.all([
      writer.record([delivery("m_same")]),
      writer.record([delivery("m_same")]),
      writer.record([delivery("m_other"), delivery("m_same")]),
    ]);
    expect([a, b, c]).toEqual([1, 0, 1]);
    expect(await writer.record([delivery("m_same"), delivery("m_new")])).toBe(1);
    expect(await db().prisma.webhookDelivery.count()).toBe(3);
    expect(await db().prisma.outboxJob.count()).toBe(3);
  });

  it("fails only the request whose delivery the database refuses", async () => {
    const { db: counted, stats } = instrumented(db().prisma);
    const writer = createInboxWriter(counted, manualClock(t0), options());
    // PostgreSQL text cannot hold a NUL character: the shared statement fails, then each request is tried alone.
    const results = await Promise.allSettled([
      writer.record([delivery("m_good_1")]),
      writer.record([delivery("m_bad", { body: "before\u0000after" })]),
      writer.record([delivery("m_good_2")]),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(stats.statements).toBe(4);
    const stored = await db().prisma.webhookDelivery.findMany({ orderBy: { externalId: "asc" } });
    expect(stored.map((d) => d.externalId)).toEqual(["m_good_1", "m_good_2"]);
  });

  it("keeps at most maxInFlight statements running, and the requests waiting meanwhile share the next one", async () => {
    const probe = instrumented(db().prisma);
    const writer = createInboxWriter(probe.db, manualClock(t0), options({ windowMs: 0, maxInFlight: 2 }));
    probe.hold();
    const first = [writer.record([delivery("m_1")]), writer.record([delivery("m_2")])];
    const waiting = Array.from({ length: 20 }, (_, i) => writer.record([delivery(`m_w${i}`)]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(probe.stats.statements).toBe(2);
    probe.release();
    await Promise.all([...first, ...waiting]);
    expect(probe.stats.maxInFlight).toBe(2);
    expect(probe.stats.statements).toBe(3);
    expect(await db().prisma.webhookDelivery.count()).toBe(22);
  });

  it("splits a burst into statements of at most maxBatch deliveries, never splitting a request", async () => {
    const { db: counted, stats } = instrumented(db().prisma);
    const writer = createInboxWriter(counted, manualClock(t0), options({ maxBatch: 10, maxInFlight: 1 }));
    const two = (i: number) => [delivery(`m_${i}_a`), delivery(`m_${i}_b`)];
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => writer.record(two(i))));
    expect(results.every((n) => n === 2)).toBe(true);
    expect(stats.statements).toBe(3);
    expect(await db().prisma.webhookDelivery.count()).toBe(24);
  });
});
