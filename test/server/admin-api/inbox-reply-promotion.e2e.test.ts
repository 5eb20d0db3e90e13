import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintSessionToken } from "../../../emulators/shopify/session-token.js";
import { DB_KINDS } from "../../helpers/db.js";
import { startMetaHarness, TEST_PAGE, type MetaHarness } from "../../helpers/meta-harness.js";
import { waitForIdle } from "../../helpers/outbound.js";
import { TEST_ENV, TEST_SHOP } from "../../helpers/test-app.js";

const PSID = "7000000000000077";
const OFFER = "Thanks for writing! Use code SAVE10 for 10% off your next order.";

for (const kind of DB_KINDS) {
  describe(`a person's reply may promote inside the 24 h window, not after it [${kind}]`, () => {
    let h: MetaHarness;
    beforeAll(async () => {
      h = await startMetaHarness(kind);
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, PSID);
      await h.meta.shopper.sendText(TEST_PAGE.pageId, PSID, "Do you have this in blue?");
      await waitForIdle(h.app.database.prisma);
    });
    afterAll(async () => {
      await h?.close();
    });
    const reply = async (text: string) => {
      const token = mintSessionToken({
        apiKey: TEST_ENV.SHOPIFY_API_KEY,
        secret: TEST_ENV.SHOPIFY_API_SECRET,
        shop: TEST_SHOP,
        now: new Date(),
      });
      const res = await fetch(`${h.app.url}/api/conversations/${TEST_PAGE.pageId}/${PSID}/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ text, clientId: randomUUID() }),
      });
      expect(res.status).toBe(202);
      await waitForIdle(h.app.database.prisma);
      return h.app.database.prisma.outboundMessage.findFirstOrThrow({
        where: { purpose: "inbox.reply", psid: PSID },
        orderBy: { id: "desc" },
      });
    };

    it("inside the window: the promotional reply goes out as RESPONSE and reaches the shopper", async () => {
      expect(await reply(OFFER)).toMatchObject({ status: "sent", transport: "RESPONSE" });
      const last = h.meta.thread(TEST_PAGE.pageId, PSID)?.items.at(-1);
      expect(last?.direction === "out" && last.request).toMatchObject({ message: { text: OFFER } });
    });

    it("after 24 hours it could only go out HUMAN_AGENT, where Meta forbids promotion: skipped with Meta's rule", async () => {
      h.clock.advance({ hours: 30 });
      expect(await reply(OFFER)).toMatchObject({
        status: "skipped",
        reasonCode: "promotional_content",
        rule: "no_promotion_in_tagged_messages",
      });
      expect(await reply("Yes, blue is back in stock in size M.")).toMatchObject({
        status: "sent",
        transport: "MESSAGE_TAG:HUMAN_AGENT",
      });
    });
  });
}
