import { expect, it } from "vitest";
import { enqueue } from "../../../web/server/jobs/enqueue.js";
import { manualClock } from "../../../web/server/lib/clock.js";
import { DELIVERY_RETENTION_MS, DONE_JOB_RETENTION_MS, pruneJob } from "../../../web/server/maintenance/prune.job.js";
import type { Deps } from "../../../web/server/deps.js";
import { captureLogger } from "../../helpers/capture-logger.js";
import { describeEachDatabase } from "../../helpers/db.js";

describeEachDatabase("hourly prune", (db) => {
  it("drops week-old finished jobs, month-old processed deliveries and expired nonces, and keeps the rest", async () => {
    const { prisma } = db();
    const now = new Date("2026-11-22T12:00:00Z");
    const old = new Date(now.getTime() - DONE_JOB_RETENTION_MS - 1_000);
    const ancient = new Date(now.getTime() - DELIVERY_RETENTION_MS - 1_000);
    await enqueue(
      prisma,
      [
        { kind: "k", dedupeKey: "old-done", payload: {} },
        { kind: "k", dedupeKey: "old-dead", payload: {} },
        { kind: "k", dedupeKey: "recent-done", payload: {} },
        { kind: "k", dedupeKey: "pending", payload: {} },
      ],
      old,
    );
    await prisma.outboxJob.updateMany({
      where: { dedupeKey: { in: ["old-done", "recent-done"] } },
      data: { status: "done", finishedAt: old },
    });
    await prisma.outboxJob.updateMany({ where: { dedupeKey: "recent-done" }, data: { finishedAt: now } });
    await prisma.outboxJob.updateMany({ where: { dedupeKey: "old-dead" }, data: { status: "dead", finishedAt: old } });
    await prisma.webhookDelivery.createMany({
      data: [
        {
          source: "shopify",
          externalId: "ancient",
          topic: "orders/create",
          account: "a",
          body: "{}",
          processedAt: ancient,
        },
        {
          source: "shopify",
          externalId: "unprocessed",
          topic: "orders/create",
          account: "a",
          body: "{}",
          receivedAt: ancient,
        },
        { source: "shopify", externalId: "recent", topic: "orders/create", account: "a", body: "{}", processedAt: now },
      ],
    });
    const shop = await prisma.shop.create({ data: { domain: "prune.myshopify.com" } });
    await prisma.refNonce.createMany({
      data: [
        { nonce: "expired", shopId: shop.id, pageId: "1", psid: "2", consumedAt: ancient, expiresAt: ancient },
        {
          nonce: "live",
          shopId: shop.id,
          pageId: "1",
          psid: "2",
          consumedAt: now,
          expiresAt: new Date(now.getTime() + 60_000),
        },
      ],
    });
    const deps = { db: prisma, clock: manualClock(now) } as unknown as Deps;
    await pruneJob(deps)({} as never, { logger: captureLogger("silent").logger, signal: new AbortController().signal });
    expect((await prisma.outboxJob.findMany({ orderBy: { dedupeKey: "asc" } })).map((j) => j.dedupeKey)).toEqual([
      "old-dead",
      "pending",
      "recent-done",
    ]);
    expect(
      (await prisma.webhookDelivery.findMany({ orderBy: { externalId: "asc" } })).map((d) => d.externalId),
    ).toEqual(["recent", "unprocessed"]);
    expect((await prisma.refNonce.findMany()).map((n) => n.nonce)).toEqual(["live"]);
  });
});
