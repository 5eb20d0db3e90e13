import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintSessionToken } from "../../../emulators/shopify/session-token.js";
import { queueMessage } from "../../../web/server/messaging/queue-message.js";
import { DB_KINDS } from "../../helpers/db.js";
import { startMetaHarness, TEST_PAGE, type MetaHarness } from "../../helpers/meta-harness.js";
import { waitForIdle } from "../../helpers/outbound.js";
import { TEST_ENV, TEST_SHOP } from "../../helpers/test-app.js";
import { waitFor } from "../../helpers/wait-for.js";

const PSID = "7000000000000066";
const OTHER = "7000000000000067";

for (const kind of DB_KINDS) {
  describe(`error 10 / 1893063 pauses the Page's sends, shows why, and resumes on a timer [${kind}]`, () => {
    let h: MetaHarness;
    beforeAll(async () => {
      h = await startMetaHarness(kind);
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, PSID);
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, OTHER);
      await waitForIdle(h.app.database.prisma);
    });
    afterAll(async () => {
      await h?.close();
    });
    const db = () => h.app.database.prisma;
    const texts = (psid = PSID) =>
      (h.meta.thread(TEST_PAGE.pageId, psid)?.items ?? []).flatMap((i) =>
        i.direction === "out" ? [String((i.request.message as { text?: string } | undefined)?.text)] : [],
      );
    const queue = async (key: string, text: string, psid = PSID) => {
      const shop = await db().shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } });
      await queueMessage(
        db(),
        {
          shopId: shop.id,
          pageId: TEST_PAGE.pageId,
          psid,
          category: "reply",
          purpose: "reply.test",
          dedupeKey: key,
          content: { message: { text }, textParts: [text] },
        },
        h.clock.now(),
      );
      h.app.workers.wake();
    };
    const message = (key: string) => db().outboundMessage.findUniqueOrThrow({ where: { dedupeKey: key } });
    const pagesApi = async () => {
      const token = mintSessionToken({
        apiKey: TEST_ENV.SHOPIFY_API_KEY,
        secret: TEST_ENV.SHOPIFY_API_SECRET,
        shop: TEST_SHOP,
        now: new Date(),
      });
      const res = await fetch(`${h.app.url}/api/pages`, { headers: { authorization: `Bearer ${token}` } });
      return (
        (await res.json()) as {
          pages: {
            pageId: string;
            status: string;
            sendsPausedUntil: string | null;
            sendsPausedReason: string | null;
          }[];
        }
      ).pages;
    };

    it("the restricted send and those queued meanwhile wait, in order, and go out after the pause", async () => {
      const before = texts().length;
      const otherBefore = texts(OTHER).length;
      const start = h.clock.now().getTime();
      h.meta.faults.next("1893063");
      await queue("restricted-1", "First answer");
      await waitFor(
        async () => (await db().pageConnection.findFirst({ where: { sendsPausedUntil: { not: null } } })) ?? undefined,
        { what: "the Page paused" },
      );
      // Same conversation: waits behind the first (order kept). Another shopper: deferred by the Page's pause.
      await queue("restricted-2", "Second answer");
      await queue("restricted-3", "Answer to someone else", OTHER);
      await waitFor(
        async () => ((await message("restricted-3")).lastError?.includes("Waiting until") ? true : undefined),
        { what: "the other shopper's send deferred" },
      );

      const [page] = await pagesApi();
      expect(page).toMatchObject({
        status: "active",
        sendsPausedReason: expect.stringMatching(/temporarily restricted/),
      });
      expect(new Date(page!.sendsPausedUntil!).getTime()).toBe(start + 3_600_000);
      for (const key of ["restricted-1", "restricted-2", "restricted-3"])
        expect(await message(key)).toMatchObject({ status: "queued" });
      expect(texts()).toHaveLength(before);
      expect(texts(OTHER)).toHaveLength(otherBefore);

      h.clock.advance({ minutes: 61 });
      h.app.workers.wake();
      await waitForIdle(db());
      for (const key of ["restricted-1", "restricted-2", "restricted-3"])
        expect(await message(key)).toMatchObject({ status: "sent" });
      expect(texts().slice(before)).toEqual(["First answer", "Second answer"]);
      expect(texts(OTHER).slice(otherBefore)).toEqual(["Answer to someone else"]);
      const [resumed] = await pagesApi();
      expect(resumed).toMatchObject({ status: "active", sendsPausedUntil: null, sendsPausedReason: null });
      expect(await db().outboxJob.count({ where: { status: "dead" } })).toBe(0);
    });
  });
}
