import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueMessage } from "../../../web/server/messaging/queue-message.js";
import { systemClock } from "../../../web/server/lib/clock.js";
import { startMetaHarness, TEST_PAGE, type MetaHarness } from "../../helpers/meta-harness.js";
import { waitFor } from "../../helpers/wait-for.js";
import { waitForIdle } from "../../helpers/outbound.js";
import { TEST_SHOP } from "../../helpers/test-app.js";
import type { Clock } from "../../../web/server/lib/clock.js";

const SHOPPERS = Array.from({ length: 100 }, (_, i) => `71000000000${String(i).padStart(5, "0")}`);

describe("dispatcher under Meta faults [postgres]", () => {
  let h: MetaHarness<Clock>;
  let shopId: string;
  beforeAll(async () => {
    // Real time: retries wait for real backoff delays. Short Graph timeout so injected hangs fail fast.
    h = await startMetaHarness("postgres", {
      clock: systemClock,
      env: {
        GRAPH_TIMEOUT_MS: "5000",
        WORKER_CONCURRENCY: "32",
        JOB_BACKOFF_BASE_MS: "50",
        AMBIGUOUS_SEND_RETRY_MS: "1000",
      },
    });
    shopId = (await h.app.database.prisma.shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } })).id;
    for (const psid of SHOPPERS) await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, psid);
    await waitForIdle(h.app.database.prisma);
  });
  afterAll(async () => {
    h?.meta.faults.clear();
    await h?.close();
  });

  async function queue(count: number, prefix: string) {
    const db = h.app.database.prisma;
    for (let i = 0; i < count; i += 100) {
      await db.$transaction(
        async (tx) => {
          for (let j = i; j < Math.min(count, i + 100); j++) {
            const psid = SHOPPERS[j % SHOPPERS.length]!;
            await queueMessage(
              tx,
              {
                shopId,
                pageId: TEST_PAGE.pageId,
                psid,
                category: "reply",
                purpose: "reply.test",
                dedupeKey: `${prefix}-${j}`,
                content: { message: { text: `Reply number ${j}` }, textParts: [`Reply number ${j}`] },
              },
              h.clock.now(),
            );
          }
        },
        { timeout: 60_000, maxWait: 60_000 },
      );
    }
  }

  it("delivers 1,000 messages exactly once with 20% 5xx/timeouts and 5% rate limiting", async () => {
    const db = h.app.database.prisma;
    h.meta.faults.set({ rate5xx: 0.1, rateTimeout: 0.1, rate613: 0.05, seed: 42, regainMinutes: null });
    try {
      await queue(1_000, "fault");
      await waitFor(
        async () => (await db.outboundMessage.count({ where: { purpose: "reply.test", status: "queued" } })) === 0,
        { timeoutMs: 240_000, what: "all 1,000 decided" },
      );
    } finally {
      h.meta.faults.clear();
    }
    expect(await db.outboundMessage.count({ where: { purpose: "reply.test", status: "sent" } })).toBe(1_000);
    const delivered = h.meta
      .threads()
      .flatMap((t) => t.items)
      .filter(
        (i) =>
          i.direction === "out" &&
          String((i.request.message as { text?: string })?.text ?? "").startsWith("Reply number"),
      );
    const texts = delivered.map((i) => (i.direction === "out" ? (i.request.message as { text: string }).text : ""));
    expect(texts).toHaveLength(1_000);
    expect(new Set(texts).size).toBe(1_000);
    const retried = await db.outboxJob.count({ where: { kind: "message.send", attempts: { gt: 1 } } });
    expect(retried).toBeGreaterThan(100);
  }, 300_000);

  it("pauses the Page on error 190 and sends nothing more to it", async () => {
    const db = h.app.database.prisma;
    // A password change: every call with the old token now gets error 190.
    h.meta.invalidatePageToken(TEST_PAGE.pageId);
    await queue(30, "auth");
    await waitFor(
      async () =>
        (await db.outboundMessage.count({ where: { dedupeKey: { startsWith: "auth-" }, status: "queued" } })) === 0,
      { timeoutMs: 30_000, what: "auth batch decided" },
    );
    expect(await db.pageConnection.findUniqueOrThrow({ where: { pageId: TEST_PAGE.pageId } })).toMatchObject({
      status: "paused",
    });
    const byStatus = await db.outboundMessage.groupBy({
      by: ["status", "reasonCode"],
      where: { dedupeKey: { startsWith: "auth-" } },
      _count: true,
    });
    const sent = byStatus.filter((r) => r.status === "sent").reduce((n, r) => n + r._count, 0);
    const failed = byStatus.find((r) => r.reasonCode === "page_auth_broken")?._count ?? 0;
    const paused = byStatus.find((r) => r.reasonCode === "page_paused")?._count ?? 0;
    // Sends already in flight when the first 190 came back fail the same way; everything after is skipped.
    expect(sent).toBe(0);
    expect(failed).toBeGreaterThanOrEqual(1);
    expect(failed + paused).toBe(30);
    const requestsBefore = h.meta.requests.length;
    await queue(5, "after-pause");
    await waitFor(
      async () =>
        (await db.outboundMessage.count({ where: { dedupeKey: { startsWith: "after-pause" }, status: "skipped" } })) ===
        5,
      { what: "skips after pause" },
    );
    expect(h.meta.requests.length).toBe(requestsBefore);
  }, 60_000);
});
