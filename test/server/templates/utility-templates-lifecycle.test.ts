import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrder } from "../../../emulators/shopify/order-factories.js";
import { GraphApiError } from "../../../web/server/messenger/graph/graph-error.js";
import {
  utilityTemplateDefinition,
  utilityTemplateDefinitions,
} from "../../../web/server/notifications/utility-templates.js";
import { applyTemplateStatus } from "../../../web/server/templates/apply-template-status.js";
import { ensureUtilityTemplates, type TemplateDeps } from "../../../web/server/templates/ensure-utility-templates.js";
import { enqueueEnsureTemplates } from "../../../web/server/templates/template-jobs.js";
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
      const expected = utilityTemplateDefinitions().length;
      await waitFor(
        async () => (await db.utilityTemplate.count({ where: { pageId: TEST_PAGE.pageId } })) === expected,
        { what: "templates stored" },
      );
      expect(h.meta.state.templates.filter((t) => t.pageId === TEST_PAGE.pageId)).toHaveLength(expected);
      expect(await db.utilityTemplate.count({ where: { status: "PENDING", metaTemplateId: { not: null } } })).toBe(
        expected,
      );
      const again = await ensureUtilityTemplates(h.app.deps, TEST_PAGE.pageId);
      expect(again).toMatchObject({ created: 0, resubmitted: 0, unchanged: expected });

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

    it("resubmits a rejected template only after its wording changed", async () => {
      const db = h.app.database.prisma;
      const submitted: string[] = [];
      const graph = {
        createMessageTemplate: async (
          _page: string,
          _token: string,
          def: { name: string; components: [{ text: string }] },
        ) => {
          submitted.push(def.components[0].text);
          return { id: `t-${submitted.length}`, status: "PENDING", usage: {} };
        },
        listMessageTemplates: async () => ({ data: [], paging: undefined }),
      };
      const deps = { ...h.app.deps, graph } as unknown as TemplateDeps;
      const original = utilityTemplateDefinition("delayed", "en");
      await ensureUtilityTemplates(deps, TEST_PAGE.pageId, [original]);
      const key = { pageId: TEST_PAGE.pageId, name: original.name, language: original.language };
      await applyTemplateStatus(db, { ...key, event: "REJECTED", reason: "INVALID_FORMAT" });
      expect(await ensureUtilityTemplates(deps, TEST_PAGE.pageId, [original])).toMatchObject({
        resubmitted: 0,
        unchanged: 1,
      });
      const reworded = {
        ...original,
        components: [
          { ...original.components[0], text: `${original.components[0].text} ` },
        ] as typeof original.components,
      };
      expect(await ensureUtilityTemplates(deps, TEST_PAGE.pageId, [reworded])).toMatchObject({ resubmitted: 1 });
      expect(await db.utilityTemplate.findFirstOrThrow({ where: key })).toMatchObject({
        status: "PENDING",
        rejectionReason: null,
      });
      expect(submitted).toHaveLength(1);
      const refusing = {
        ...graph,
        createMessageTemplate: async () => {
          throw new GraphApiError({
            status: 400,
            code: 100,
            subcode: null,
            type: "OAuthException",
            fbtraceId: null,
            message: "(#100) already exists",
            transient: false,
            failure: null,
            usage: {} as never,
          });
        },
      };
      await applyTemplateStatus(db, { ...key, event: "REJECTED", reason: "INVALID_FORMAT" });
      const third = {
        ...original,
        components: [
          { ...original.components[0], text: `${original.components[0].text}  ` },
        ] as typeof original.components,
      };
      expect(
        await ensureUtilityTemplates({ ...deps, graph: refusing } as unknown as TemplateDeps, TEST_PAGE.pageId, [
          third,
        ]),
      ).toMatchObject({ refused: 1 });
      expect((await db.utilityTemplate.findFirstOrThrow({ where: key })).rejectionReason).toMatch(
        /resubmission refused/,
      );
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
