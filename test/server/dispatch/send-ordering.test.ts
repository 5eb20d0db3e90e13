import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRateLimiter } from "../../../web/server/dispatch/rate-limiter.js";
import { sendMessageJob } from "../../../web/server/dispatch/send-message.job.js";
import type { ClaimedJob } from "../../../web/server/jobs/job.js";
import { queueMessage, SEND_JOB_KIND } from "../../../web/server/messaging/queue-message.js";
import { captureLogger } from "../../helpers/capture-logger.js";
import { DB_KINDS } from "../../helpers/db.js";
import { startMetaHarness, TEST_PAGE, type MetaHarness } from "../../helpers/meta-harness.js";

const PSID = "7600000000001";
const AMBIGUOUS_MS = 60_000;

for (const kind of DB_KINDS) {
  describe(`a send whose outcome is unknown is not repeated before its echo could arrive [${kind}]`, () => {
    let h: MetaHarness;
    let run: (job: ClaimedJob) => ReturnType<ReturnType<typeof sendMessageJob>>;
    const { logger } = captureLogger("silent");
    beforeAll(async () => {
      // Workers off: the test runs the send job itself, attempt by attempt.
      h = await startMetaHarness(kind, {
        workers: false,
        env: { GRAPH_TIMEOUT_MS: "300", AMBIGUOUS_SEND_RETRY_MS: String(AMBIGUOUS_MS) },
      });
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, PSID);
      // With workers off the webhook is not processed: record what it would have (the shopper just wrote).
      await h.app.database.prisma.conversation.create({
        data: { shopId: h.shopId, pageId: TEST_PAGE.pageId, psid: PSID, lastInteractionAt: h.clock.now() },
      });
      const handler = sendMessageJob(h.app.deps, createRateLimiter(h.app.deps.db, 250));
      run = (job) => handler(job, { logger });
    });
    afterAll(async () => {
      await h?.close();
    });

    async function queued(key: string) {
      const db = h.app.database.prisma;
      await queueMessage(
        db,
        {
          shopId: h.shopId,
          pageId: TEST_PAGE.pageId,
          psid: PSID,
          category: "reply",
          purpose: "reply.test",
          dedupeKey: key,
          content: { message: { text: `Probe ${key}` }, textParts: [`Probe ${key}`] },
        },
        h.clock.now(),
      );
      const message = await db.outboundMessage.findUniqueOrThrow({ where: { dedupeKey: key } });
      const row = await db.outboxJob.findFirstOrThrow({
        where: { kind: SEND_JOB_KIND, payload: { equals: { messageId: message.id.toString() } } },
      });
      const job = { ...row, attempts: 1 } as unknown as ClaimedJob;
      return { message, job };
    }
    const sendCalls = (text: string) =>
      h.meta.requests.filter((r) => JSON.stringify(r.body ?? "").includes(text) && r.path.endsWith("/messages")).length;

    it("waits for the echo after a timed-out call instead of retrying at once", async () => {
      const { message, job } = await queued("timeout-1");
      h.meta.faults.next("timeout");
      const first = await run(job);
      expect(first).toMatchObject({ status: "retry" });
      expect((first as { delayMs?: number }).delayMs).toBeGreaterThanOrEqual(AMBIGUOUS_MS);
      const row = await h.app.database.prisma.outboundMessage.findUniqueOrThrow({ where: { id: message.id } });
      expect(row.sendStartedAt).not.toBeNull();
      // Even if the job runs again early (a sweep, an operator), it does not call Meta inside the window.
      h.clock.advance({ seconds: 30 });
      expect(await run({ ...job, attempts: 2 })).toMatchObject({ status: "retry" });
      expect(sendCalls("Probe timeout-1")).toBe(1);
      h.clock.advance({ seconds: 31 });
      expect(await run({ ...job, attempts: 3 })).toEqual({ status: "done" });
      expect(sendCalls("Probe timeout-1")).toBe(2);
    });

    it("treats a process killed between the Send API call and recording its answer like a timeout", async () => {
      const db = h.app.database.prisma;
      const { message, job } = await queued("killed-1");
      // What a SIGKILL right after the call leaves behind: the committed intent, no answer recorded.
      await db.outboundMessage.update({ where: { id: message.id }, data: { sendStartedAt: h.clock.now() } });
      h.clock.advance({ seconds: 5 });
      expect(await run({ ...job, attempts: 2 })).toMatchObject({
        status: "retry",
        delayMs: AMBIGUOUS_MS - 5_000,
      });
      expect(sendCalls("Probe killed-1")).toBe(0);
    });

    it("retries at once after Meta answered with a 5xx: an answer means it did not send", async () => {
      const db = h.app.database.prisma;
      const { message, job } = await queued("answered-1");
      h.meta.faults.next("5xx");
      const first = await run(job);
      expect(first).toMatchObject({ status: "retry" });
      expect((first as { delayMs?: number }).delayMs ?? 0).toBeLessThan(AMBIGUOUS_MS);
      expect((await db.outboundMessage.findUniqueOrThrow({ where: { id: message.id } })).sendStartedAt).toBeNull();
      expect(await run({ ...job, attempts: 2 })).toEqual({ status: "done" });
      expect(await db.outboundMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
        status: "sent",
      });
    });
  });
}
