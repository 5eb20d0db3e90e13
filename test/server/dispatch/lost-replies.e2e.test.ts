import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock, type Clock } from "../../../web/server/lib/clock.js";
import { queueMessage } from "../../../web/server/messaging/queue-message.js";
import { startMetaHarness, TEST_PAGE, type MetaHarness } from "../../helpers/meta-harness.js";
import { waitForIdle } from "../../helpers/outbound.js";
import { waitFor } from "../../helpers/wait-for.js";
import { TEST_SHOP } from "../../helpers/test-app.js";

const SHOPPERS = Array.from({ length: 50 }, (_, i) => `75000000000${String(i).padStart(5, "0")}`);

describe("send calls whose answer is lost after Meta delivered the message [postgres]", () => {
  let h: MetaHarness<Clock>;
  beforeAll(async () => {
    h = await startMetaHarness("postgres", {
      clock: systemClock,
      env: {
        GRAPH_TIMEOUT_MS: "1500",
        WORKER_CONCURRENCY: "16",
        JOB_BACKOFF_BASE_MS: "50",
        AMBIGUOUS_SEND_RETRY_MS: "6000",
      },
    });
    for (const psid of SHOPPERS) await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, psid);
    await waitForIdle(h.app.database.prisma);
  });
  afterAll(async () => {
    h?.meta.faults.clear();
    await h?.close();
  });

  it("sends each message once: the echo confirms a timed-out send before the retry", async () => {
    const db = h.app.database.prisma;
    const shop = await db.shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } });
    // Echoes come after the client gave up (GRAPH_TIMEOUT_MS 1500), so each lost reply takes the path that
    // waits for the echo after a timeout, not the one where the echo beats the answer.
    h.meta.setEchoDelay(2_500);
    h.meta.faults.set({ rateLostReply: 0.15, seed: 7 });
    try {
      for (let i = 0; i < 200; i++) {
        const psid = SHOPPERS[i % SHOPPERS.length]!;
        const text = `Lost-reply probe ${i}`;
        await queueMessage(
          db,
          {
            shopId: shop.id,
            pageId: TEST_PAGE.pageId,
            psid,
            category: "reply",
            purpose: "reply.test",
            dedupeKey: `lost-${i}`,
            content: { message: { text }, textParts: [text] },
          },
          h.clock.now(),
        );
      }
      await waitFor(
        async () => (await db.outboundMessage.count({ where: { purpose: "reply.test", status: "queued" } })) === 0,
        { timeoutMs: 120_000, what: "all 200 decided" },
      );
    } finally {
      h.meta.faults.clear();
    }
    const texts = h.meta
      .threads()
      .flatMap((t) => t.items)
      .flatMap((i) => (i.direction === "out" ? [String((i.request.message as { text?: string })?.text ?? "")] : []))
      .filter((t) => t.startsWith("Lost-reply probe"));
    expect(texts).toHaveLength(200);
    expect(new Set(texts).size).toBe(200);
    expect(await db.outboundMessage.count({ where: { purpose: "reply.test", status: "sent" } })).toBe(200);
    // The faults really happened: some sends were only confirmed by their echo.
    expect(
      await db.outboundMessage.count({ where: { purpose: "reply.test", reason: { contains: "echo" } } }),
    ).toBeGreaterThan(10);
  }, 180_000);
});
