import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../../helpers/db.js";
import { startMetaHarness, TEST_PAGE, type MetaHarness } from "../../helpers/meta-harness.js";
import { waitForIdle } from "../../helpers/outbound.js";

const PSID = "7000000000000055";

for (const kind of DB_KINDS) {
  describe(`stickers and attachment types Meta adds later reach the app as messages [${kind}]`, () => {
    let h: MetaHarness;
    beforeAll(async () => {
      h = await startMetaHarness(kind);
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, PSID);
      await waitForIdle(h.app.database.prisma);
    });
    afterAll(async () => {
      await h?.close();
    });
    const db = () => h.app.database.prisma;

    it.each([
      [
        "a sticker",
        [{ type: "sticker", payload: { url: "https://scontent.example/s.png", sticker_id: 369239263222822 } }],
      ],
      ["an unknown type", [{ type: "ig_reel_2027", payload: { reel_video_id: "9" } }]],
      ["an attachment without a type", [{ payload: { url: "https://scontent.example/x" } }]],
      ["an attachment that is not an object", ["odd"]],
    ])("%s: recorded, processed (not dead-lettered), and refreshes the window", async (_label, list) => {
      h.clock.advance({ hours: 2 });
      const sent = await h.meta.shopper.sendAttachments(TEST_PAGE.pageId, PSID, list);
      expect(sent.deliveries.map((d) => d.status)).toEqual([200]);
      await waitForIdle(db());
      const mid = (sent.event as unknown as { message: { mid: string } }).message.mid;
      const delivery = await db().webhookDelivery.findFirstOrThrow({ where: { source: "meta", externalId: mid } });
      expect(delivery.topic).toBe("message");
      expect(delivery.processedAt).not.toBeNull();
      expect(await db().outboxJob.count({ where: { status: "dead" } })).toBe(0);
      const conversation = await db().conversation.findUniqueOrThrow({
        where: { pageId_psid: { pageId: TEST_PAGE.pageId, psid: PSID } },
      });
      expect(conversation.lastInteractionAt?.getTime()).toBe(sent.event.timestamp);
    });
  });
}
