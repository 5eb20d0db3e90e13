import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrder } from "../../../emulators/shopify/order-factories.js";
import { GraphApiError } from "../../../web/server/messenger/graph/graph-error.js";
import {
  utilityTemplateDefinition,
  utilityTemplateDefinitions,
} from "../../../web/server/notifications/utility-templates.js";
import { applyTemplateStatus } from "../../../web/server/templates/apply-template-status.js";
import { ensureUtilityTemplates, type TemplateDeps } from "../../../web/server/templates/ensure-utility-templates.js";
import { pollTemplateStatuses } from "../../../web/server/templates/poll-template-status.js";
import { enqueueEnsureTemplates, pollTemplatesJob } from "../../../web/server/templates/template-jobs.js";
import { templateLinksFor } from "../../../web/server/tracking-links/signed-link.js";
import { mintSessionToken } from "../../../emulators/shopify/session-token.js";
import { TEST_ENV, TEST_SHOP } from "../../helpers/test-app.js";
import { DB_KINDS } from "../../helpers/db.js";
import { startMetaHarness, TEST_PAGE, type MetaHarness } from "../../helpers/meta-harness.js";
import { waitFor } from "../../helpers/wait-for.js";
import { deliver, link, settle } from "../orders/order-harness.js";

for (const kind of DB_KINDS) {
  describe(`utility templates lifecycle [${kind}]`, () => {
    let h: MetaHarness;
    beforeAll(async () => {
      h = await startMetaHarness(kind);
    });
    afterAll(async () => {
      await h?.close();
    });

    it("creates every template once per language through the Meta emulator, skips unchanged ones, applies status", async () => {
      const db = h.app.database.prisma;
      await enqueueEnsureTemplates(db, TEST_PAGE.pageId, h.clock.now());
      const expected = utilityTemplateDefinitions({ linkBase: templateLinksFor(h.app.deps.config).base }).length;
      await waitFor(
        async () => (await db.utilityTemplate.count({ where: { pageId: TEST_PAGE.pageId } })) === expected,
        { what: "templates stored" },
      );
      expect(h.meta.state.templates.filter((t) => t.pageId === TEST_PAGE.pageId)).toHaveLength(expected);
      expect(await db.utilityTemplate.count({ where: { status: "PENDING", metaTemplateId: { not: null } } })).toBe(
        expected,
      );
      const again = await ensureUtilityTemplates(h.app.deps, TEST_PAGE.pageId);
      expect(again).toMatchObject({ created: 0, recreated: 0, unchanged: expected });

      const key = { pageId: TEST_PAGE.pageId, name: "mc_order_shipped_v1", language: "en_US" };
      expect(await applyTemplateStatus(db, { ...key, event: "APPROVED", reason: "NONE" })).toBe(true);
      expect(await db.utilityTemplate.findFirstOrThrow({ where: key })).toMatchObject({
        status: "APPROVED",
        rejectionReason: null,
      });
      await applyTemplateStatus(db, { ...key, event: "REJECTED", reason: "INCORRECT_CATEGORY" });
      expect(await db.utilityTemplate.findFirstOrThrow({ where: key })).toMatchObject({
        status: "REJECTED",
        rejectionReason: "INCORRECT_CATEGORY",
      });
      expect(await applyTemplateStatus(db, { ...key, name: "someone_elses", event: "APPROVED" })).toBe(false);
      expect(await applyTemplateStatus(db, { ...key, event: "EXPLODED" })).toBe(false);
    });

    it("a merchant's new wording deletes the template at Meta and creates it again; the rest stay", async () => {
      const db = h.app.database.prisma;
      const key = { pageId: TEST_PAGE.pageId, name: "mc_order_delayed_v1", language: "en_US" };
      await h.meta.approveTemplate(key.name, key.language, TEST_PAGE.pageId);
      await waitFor(async () => (await db.utilityTemplate.findFirstOrThrow({ where: key })).status === "APPROVED", {
        what: "delayed template approved",
      });
      const before = h.meta.state.templates.find((t) => t.name === key.name && t.language === key.language)!;
      const others = h.meta.state.templates.filter((t) => t !== before).map((t) => t.id);
      const token = mintSessionToken({
        apiKey: TEST_ENV.SHOPIFY_API_KEY,
        secret: TEST_ENV.SHOPIFY_API_SECRET,
        shop: TEST_SHOP,
        now: new Date(),
      });
      const put = await fetch(`${h.app.url}/api/notifications/settings`, {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ wording: { en: { delayed: "Sorry, {{order_name}} is running late. We are on it." } } }),
      });
      expect(put.status).toBe(200);
      await waitFor(async () => (await db.utilityTemplate.findFirstOrThrow({ where: key })).status === "PENDING", {
        what: "delayed template recreated",
      });
      const now = h.meta.state.templates.filter((t) => t.name === key.name && t.language === key.language);
      expect(now).toHaveLength(1);
      expect(now[0]!.id).not.toBe(before.id);
      expect(JSON.stringify(now[0]!.components)).toContain("Sorry, {{order_name}} is running late. We are on it.");
      expect(await db.utilityTemplate.findFirstOrThrow({ where: key })).toMatchObject({ metaTemplateId: now[0]!.id });
      expect(h.meta.state.templates.filter((t) => t !== now[0]).map((t) => t.id)).toEqual(others);
      expect(await ensureUtilityTemplates(h.app.deps, TEST_PAGE.pageId)).toMatchObject({ created: 0, recreated: 0 });
    });

    it("the webhook lost, polling GET /{page-id}/message_templates brings the status in", async () => {
      const db = h.app.database.prisma;
      const key = { pageId: TEST_PAGE.pageId, name: "mc_order_in_transit_v1", language: "de_DE" };
      const template = h.meta.state.templates.find((t) => t.name === key.name && t.language === key.language)!;
      await pollTemplateStatuses(h.app.deps, TEST_PAGE.pageId); // in step with Meta first
      template.status = "APPROVED"; // approved at Meta, but no webhook reached us
      expect((await db.utilityTemplate.findFirstOrThrow({ where: key })).status).toBe("PENDING");
      expect(await pollTemplateStatuses(h.app.deps, TEST_PAGE.pageId)).toBe(1);
      expect((await db.utilityTemplate.findFirstOrThrow({ where: key })).status).toBe("APPROVED");
      expect(await pollTemplateStatuses(h.app.deps, TEST_PAGE.pageId)).toBe(0);
    });

    it("each poll round also brings templates up to date, e.g. after a deploy changed their definition", async () => {
      const db = h.app.database.prisma;
      const key = { pageId: TEST_PAGE.pageId, name: "mc_order_cancelled_v1", language: "fr_FR" };
      const old = await db.utilityTemplate.findFirstOrThrow({ where: key });
      await db.utilityTemplate.update({ where: { id: old.id }, data: { definitionHash: "from-an-older-release" } });
      const job = { id: 1n, kind: "templates.poll", dedupeKey: "t", queueKey: null, payload: {}, attempts: 1 };
      await pollTemplatesJob(h.app.deps)(
        { ...job, maxAttempts: 3, runAt: new Date(), createdAt: new Date() },
        { logger: h.app.deps.logger, signal: new AbortController().signal },
      );
      h.app.workers.wake();
      const fresh = await waitFor(
        async () => {
          const row = await db.utilityTemplate.findFirstOrThrow({ where: key });
          return row.metaTemplateId !== old.metaTemplateId ? row : undefined;
        },
        { what: "the outdated template recreated" },
      );
      expect(fresh.status).toBe("PENDING");
      expect(fresh.definitionHash).not.toBe("from-an-older-release");
      expect(h.meta.state.templates.filter((t) => t.name === key.name && t.language === key.language)).toHaveLength(1);
    });

    it("a refused re-creation leaves the row pointing at nothing, with Meta's reason", async () => {
      const db = h.app.database.prisma;
      const refusing = {
        ...h.app.deps.graph,
        createMessageTemplate: async () => {
          throw new GraphApiError({
            status: 400,
            code: 100,
            subcode: null,
            type: "OAuthException",
            fbtraceId: null,
            message: "(#100) Invalid parameter",
            transient: false,
            failure: null,
            usage: {} as never,
          });
        },
      };
      const links = templateLinksFor(h.app.deps.config);
      const changed = utilityTemplateDefinition("failure", "en", {
        linkBase: links.base,
        wording: { en: { failure: "Delivery of {{order_name}} failed. Reply here and we will help." } },
      });
      const deps = { ...h.app.deps, graph: refusing } as unknown as TemplateDeps;
      expect(await ensureUtilityTemplates(deps, TEST_PAGE.pageId, [changed])).toMatchObject({ refused: 1 });
      const row = await db.utilityTemplate.findFirstOrThrow({
        where: { pageId: TEST_PAGE.pageId, name: changed.name, language: changed.language },
      });
      expect(row).toMatchObject({ status: "draft", metaTemplateId: null });
      expect(row.rejectionReason).toMatch(/resubmission refused/);
    });

    it("delivers the receipt to the shopper's thread when the window is open (end to end)", async () => {
      const psid = "27000000000000001";
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, psid);
      await settle(h);
      const order = makeOrder({ customer: { id: "7600000000001" }, customerLocale: "en" });
      await link(h, psid, { kind: "customer", id: "7600000000001" });
      await deliver(h, "orders/create", order);
      await deliver(h, "orders/create", order);
      await settle(h);
      const receipts = h.meta
        .thread(TEST_PAGE.pageId, psid)
        ?.items.filter((i) => i.direction === "out" && JSON.stringify(i.request).includes('"template_type":"receipt"'));
      expect(receipts).toHaveLength(1);
      expect(JSON.stringify(receipts?.[0])).toContain(order.name);
      const row = await h.app.database.prisma.outboundMessage.findFirstOrThrow({ where: { orderId: order.id } });
      expect(row).toMatchObject({ status: "sent", purpose: "order.confirmed" });
    });
  });
}
