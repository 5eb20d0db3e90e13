import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintSessionToken } from "../../../emulators/shopify/session-token.js";
import { queueMessage } from "../../../web/server/messaging/queue-message.js";
import { orderFacts } from "../../../web/server/notifications/order-facts.js";
import { parseShopifyWebhook } from "../../../web/server/notifications/parse-shopify-webhook.js";
import {
  utilityTemplateDefinition,
  utilityTemplateParams,
} from "../../../web/server/notifications/utility-templates.js";
import { templateLinksFor } from "../../../web/server/tracking-links/signed-link.js";
import { DB_KINDS } from "../../helpers/db.js";
import { startMetaHarness, TEST_PAGE, type MetaHarness } from "../../helpers/meta-harness.js";
import { waitForDecision, waitForIdle } from "../../helpers/outbound.js";
import { TEST_ENV, TEST_SHOP } from "../../helpers/test-app.js";

const PSID = "7000000000000001";

for (const kind of DB_KINDS) {
  describe(`Messenger core end to end through the Meta emulator [${kind}]`, () => {
    let h: MetaHarness;
    beforeAll(async () => {
      h = await startMetaHarness(kind);
    });
    afterAll(async () => {
      await h?.close();
    });
    const db = () => h.app.database.prisma;
    const outbound = (psid = PSID) =>
      h.meta.thread(TEST_PAGE.pageId, psid)?.items.filter((i) => i.direction === "out") ?? [];

    it("records a message delivered three times once, and answers it as RESPONSE", async () => {
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, PSID);
      await waitForIdle(db());
      const sent = await h.meta.shopper.sendText(TEST_PAGE.pageId, PSID, "Hi, where is my parcel?", { redeliver: 2 });
      expect(sent.deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
      await waitForIdle(db());
      const mid = (sent.event as unknown as { message: { mid: string } }).message.mid;
      expect(await db().webhookDelivery.count({ where: { source: "meta", externalId: mid } })).toBe(1);
      const reply = await db().outboundMessage.findFirstOrThrow({ where: { purpose: "reply.instant", psid: PSID } });
      expect(reply).toMatchObject({ status: "sent", transport: "RESPONSE" });
      const out = outbound().map((i) => (i.direction === "out" ? i.request : {}));
      expect(out.filter((r) => r.messaging_type === "RESPONSE")).toHaveLength(2); // greeting + instant reply
      const conversation = await db().conversation.findUniqueOrThrow({
        where: { pageId_psid: { pageId: TEST_PAGE.pageId, psid: PSID } },
      });
      expect(conversation.lastInteractionAt?.getTime()).toBe(sent.event.timestamp);
    });

    it("skips an automated reply 25 hours later with the reason 'window closed'", async () => {
      h.clock.advance({ hours: 25 });
      const shop = await db().shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } });
      const before = outbound().length;
      await queueMessage(
        db(),
        {
          shopId: shop.id,
          pageId: TEST_PAGE.pageId,
          psid: PSID,
          category: "reply",
          purpose: "reply.test",
          dedupeKey: "late-reply",
          content: { message: { text: "Following up on your question" }, textParts: ["Following up on your question"] },
        },
        h.clock.now(),
      );
      const decided = await waitForDecision(db(), "late-reply");
      expect(decided).toMatchObject({ status: "skipped", reasonCode: "window_closed" });
      expect(decided.reason).toMatch(/24 hours/);
      expect(outbound()).toHaveLength(before);
    });

    it("sends a human agent's inbox reply within 7 days with the HUMAN_AGENT tag", async () => {
      const token = mintSessionToken({
        apiKey: TEST_ENV.SHOPIFY_API_KEY,
        secret: TEST_ENV.SHOPIFY_API_SECRET,
        shop: TEST_SHOP,
        now: new Date(),
      });
      const post = (text: string, clientId: string) =>
        fetch(`${h.app.url}/api/conversations/${TEST_PAGE.pageId}/${PSID}/messages`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ text, clientId }),
        });
      const clientId = randomUUID();
      expect((await post("Sorry for the wait: your parcel left our warehouse today.", clientId)).status).toBe(202);
      expect((await post("Sorry for the wait: your parcel left our warehouse today.", clientId)).status).toBe(202);
      expect((await post("", randomUUID())).status).toBe(400);
      await waitForIdle(db());
      const replies = await db().outboundMessage.findMany({ where: { purpose: "inbox.reply" } });
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatchObject({
        status: "sent",
        transport: "MESSAGE_TAG:HUMAN_AGENT",
        category: "human_agent_reply",
      });
      const last = outbound().at(-1);
      expect(last?.direction === "out" && last.request).toMatchObject({
        messaging_type: "MESSAGE_TAG",
        tag: "HUMAN_AGENT",
      });
    });

    it("sends a post-purchase update outside the window as a UTILITY template once approved, and skips it before", async () => {
      const shop = await db().shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } });
      // Connecting the Page asked Meta for the app's utility templates; they wait for review.
      const links = templateLinksFor(h.app.deps.config);
      const definition = utilityTemplateDefinition("shipped", "en", { linkBase: links.base });
      await waitForIdle(db());
      const templateRow = () =>
        db().utilityTemplate.findUniqueOrThrow({
          where: {
            pageId_name_language: { pageId: TEST_PAGE.pageId, name: definition.name, language: definition.language },
          },
        });
      expect(await templateRow()).toMatchObject({ status: "PENDING" });
      const parsed = parseShopifyWebhook(
        "orders/create",
        readFileSync(new URL("../../fixtures/shopify/orders-create-multicurrency.json", import.meta.url), "utf8"),
      );
      if (!parsed.ok) throw new Error(parsed.reason);
      const order = orderFacts(parsed.webhook.payload as never);
      const template = utilityTemplateParams("shipped", {
        locale: "en",
        shopName: "Test Shop",
        order,
        shopDomain: TEST_SHOP,
        links,
      });
      const update = (key: string) =>
        queueMessage(
          db(),
          {
            shopId: shop.id,
            pageId: TEST_PAGE.pageId,
            psid: PSID,
            category: "post_purchase_update",
            purpose: "order.shipped",
            dedupeKey: key,
            content: {
              message: { text: "Your order has shipped." },
              utility: { name: definition.name, language: definition.language, template },
              textParts: ["Your order has shipped."],
            },
          },
          h.clock.now(),
        );
      await update("shipped-before-approval");
      expect(await waitForDecision(db(), "shipped-before-approval")).toMatchObject({
        status: "skipped",
        reasonCode: "no_approved_template",
      });

      await h.meta.approveTemplate(definition.name, definition.language, TEST_PAGE.pageId);
      await waitForIdle(db());
      expect(await templateRow()).toMatchObject({ status: "APPROVED" });
      await update("shipped-after-approval");
      expect(await waitForDecision(db(), "shipped-after-approval")).toMatchObject({
        status: "sent",
        transport: "UTILITY",
      });
      const last = outbound().at(-1);
      expect(last?.direction === "out" && last.request).toMatchObject({ messaging_type: "UTILITY" });
      const tags = outbound().map((i) => (i.direction === "out" ? i.request.tag : undefined));
      expect(tags).not.toContain("POST_PURCHASE_UPDATE");
    });

    it("marks a shopper unavailable after error 551, skips them, and reopens when they write again", async () => {
      const psid = "7000000000000551";
      const shop = await db().shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } });
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, psid);
      await waitForIdle(db());
      await h.meta.shopper.block(TEST_PAGE.pageId, psid);
      const reply = (key: string) =>
        queueMessage(
          db(),
          {
            shopId: shop.id,
            pageId: TEST_PAGE.pageId,
            psid,
            category: "reply",
            purpose: "reply.test",
            dedupeKey: key,
            content: { message: { text: "About your question" }, textParts: ["About your question"] },
          },
          h.clock.now(),
        );
      await reply("to-blocked-1");
      expect(await waitForDecision(db(), "to-blocked-1")).toMatchObject({
        status: "failed",
        reasonCode: "recipient_unavailable",
      });
      const conversation = () =>
        db().conversation.findUniqueOrThrow({ where: { pageId_psid: { pageId: TEST_PAGE.pageId, psid } } });
      expect(await conversation()).toMatchObject({ state: "unavailable" });
      const requests = h.meta.requests.length;
      await reply("to-blocked-2");
      expect(await waitForDecision(db(), "to-blocked-2")).toMatchObject({
        status: "skipped",
        reasonCode: "recipient_unavailable",
      });
      expect(h.meta.requests.length).toBe(requests);

      await h.meta.shopper.block(TEST_PAGE.pageId, psid, false);
      await h.meta.shopper.sendText(TEST_PAGE.pageId, psid, "Sorry, I'm back");
      await waitForIdle(db());
      expect(await conversation()).toMatchObject({ state: "reachable" });
      expect(await db().outboundMessage.findFirstOrThrow({ where: { psid, purpose: "reply.instant" } })).toMatchObject({
        status: "sent",
      });
    });
  });
}
