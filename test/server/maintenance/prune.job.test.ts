import { expect, it } from "vitest";
import { enqueue } from "../../../web/server/jobs/enqueue.js";
import { manualClock } from "../../../web/server/lib/clock.js";
import { INBOX_JOB_KIND } from "../../../web/server/inbox/record-delivery.js";
import { DONE_JOB_RETENTION_MS, PRUNED_CONTENT, pruneJob } from "../../../web/server/maintenance/prune.job.js";
import type { PrismaClient } from "../../../web/server/db/open-database.js";
import { captureLogger } from "../../helpers/capture-logger.js";
import { describeEachDatabase } from "../../helpers/db.js";
import { testConfig } from "../../helpers/test-app.js";

const DAY_MS = 24 * 3600 * 1000;
const DELIVERY_RETENTION_MS = 30 * DAY_MS; // WEBHOOK_BODY_RETENTION_DAYS default

async function prune(prisma: PrismaClient, now: Date, env: Record<string, string> = {}) {
  const deps = { db: prisma, clock: manualClock(now), config: testConfig(env) };
  await pruneJob(deps)({} as never, { logger: captureLogger("silent").logger, signal: new AbortController().signal });
}

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
    await prune(prisma, now);
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

  it("empties the bodies of finished outbound messages after OUTBOUND_BODY_RETENTION_DAYS, keeping the record", async () => {
    const { prisma } = db();
    const now = new Date("2026-11-22T12:00:00Z");
    const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
    const shop = await prisma.shop.create({ data: { domain: "prune-out.myshopify.com" } });
    const body = { message: { text: "Your order #1001 for Jane is confirmed" }, textParts: ["Jane"] };
    const message = (dedupeKey: string, status: string, at: Date) => ({
      shopId: shop.id,
      pageId: "1",
      psid: "2",
      category: "post_purchase_update",
      purpose: "order.confirmed",
      dedupeKey,
      content: body,
      status,
      reasonCode: status === "skipped" ? "window_closed" : null,
      createdAt: at,
      decidedAt: status === "queued" ? null : at,
      sentAt: status === "sent" ? at : null,
    });
    await prisma.outboundMessage.createMany({
      data: [
        message("old-sent", "sent", daysAgo(11)),
        message("old-skipped", "skipped", daysAgo(11)),
        message("old-failed", "failed", daysAgo(11)),
        message("old-queued", "queued", daysAgo(11)),
        message("recent-sent", "sent", daysAgo(9)),
      ],
    });
    await prune(prisma, now, { OUTBOUND_BODY_RETENTION_DAYS: "10" });
    const rows = await prisma.outboundMessage.findMany({ orderBy: { dedupeKey: "asc" } });
    expect(rows.map((r) => [r.dedupeKey, r.status, r.content])).toEqual([
      ["old-failed", "failed", PRUNED_CONTENT],
      ["old-queued", "queued", body],
      ["old-sent", "sent", PRUNED_CONTENT],
      ["old-skipped", "skipped", PRUNED_CONTENT],
      ["recent-sent", "sent", body],
    ]);
    expect(rows.find((r) => r.dedupeKey === "old-skipped")?.reasonCode).toBe("window_closed");
    // With the default (30 days) the same rows would all have been kept.
    await prisma.outboundMessage.updateMany({ data: { content: body } });
    await prune(prisma, now);
    expect(
      (await prisma.outboundMessage.findMany()).every((r) => JSON.stringify(r.content) === JSON.stringify(body)),
    ).toBe(true);
  });

  it("drops deliveries that could never be processed, with their dead job, after DEAD_DELIVERY_RETENTION_DAYS", async () => {
    const { prisma } = db();
    const now = new Date("2026-11-22T12:00:00Z");
    const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
    const delivery = (externalId: string) => ({
      source: "shopify",
      externalId,
      topic: "orders/create",
      account: "a",
      body: '{"email":"jane@example.com"}',
      receivedAt: daysAgo(20),
    });
    await prisma.webhookDelivery.createMany({
      data: [delivery("dead-old"), delivery("dead-recent"), delivery("retrying")],
    });
    const ids = Object.fromEntries(
      (await prisma.webhookDelivery.findMany()).map((d) => [d.externalId, String(d.id)] as const),
    );
    const inboxJob = (externalId: string, status: string, finishedAt: Date | null) => ({
      kind: INBOX_JOB_KIND,
      dedupeKey: `inbox:shopify:${externalId}`,
      payload: { deliveryId: ids[externalId] },
      status,
      finishedAt,
    });
    await prisma.outboxJob.createMany({
      data: [
        inboxJob("dead-old", "dead", daysAgo(6)),
        inboxJob("dead-recent", "dead", daysAgo(4)),
        inboxJob("retrying", "pending", null),
        { kind: "send.message", dedupeKey: "send-dead-old", payload: {}, status: "dead", finishedAt: daysAgo(6) },
      ],
    });
    await prune(prisma, now, { DEAD_DELIVERY_RETENTION_DAYS: "5" });
    expect(
      (await prisma.webhookDelivery.findMany({ orderBy: { externalId: "asc" } })).map((d) => d.externalId),
    ).toEqual(["dead-recent", "retrying"]);
    expect((await prisma.outboxJob.findMany({ orderBy: { dedupeKey: "asc" } })).map((j) => j.dedupeKey)).toEqual([
      "inbox:shopify:dead-recent",
      "inbox:shopify:retrying",
      "send-dead-old",
    ]);
  });
});
