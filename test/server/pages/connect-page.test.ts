import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CommandError, runCommand } from "../../../web/server/cli/commands.js";
import { connectPage, GET_STARTED_PAYLOAD, PAGE_FIELDS } from "../../../web/server/pages/connect-page.js";
import { pausePage, resubscribeIfNeeded } from "../../../web/server/pages/page-health.js";
import { DB_KINDS } from "../../helpers/db.js";
import { startMetaHarness, TEST_PAGE, type MetaHarness } from "../../helpers/meta-harness.js";
import { TEST_SHOP } from "../../helpers/test-app.js";
import { dumpDatabase } from "./support.js";

const OTHER_SHOP = "other-shop.myshopify.com";

for (const kind of DB_KINDS) {
  describe(`Page connection [${kind}]`, () => {
    let h: MetaHarness;
    let seq = 0;
    beforeAll(async () => {
      h = await startMetaHarness(kind, { connectPage: false, workers: false });
      await runCommand(h.app.deps, "shop:install", { shop: OTHER_SHOP, "access-token": "shpat_other" });
    });
    afterAll(async () => {
      await h?.close();
    });

    /** A fresh emulated Page that nothing has subscribed to or configured yet. */
    function newPage() {
      seq += 1;
      const page = {
        pageId: `20000000000${seq}`,
        token: `EAAPAGE-${kind}-${seq}-plain`,
        name: `Page ${seq}`,
        username: `page${seq}shop`,
      };
      h.meta.addPage(page);
      return page;
    }
    const row = (pageId: string) => h.app.deps.db.pageConnection.findUniqueOrThrow({ where: { pageId } });

    it("page:connect verifies the token, reads the Page's name from Graph, subscribes the app, sets the profile and stores the token encrypted", async () => {
      const page = newPage();
      const out = await runCommand(h.app.deps, "page:connect", {
        shop: TEST_SHOP,
        "page-id": page.pageId,
        "page-token": page.token,
      });
      expect(out).toEqual({ shop: TEST_SHOP, pageId: page.pageId, status: "active" });

      const emulated = h.meta.state.pages.get(page.pageId)!;
      expect(emulated.subscribedFields).toEqual(PAGE_FIELDS);
      expect(emulated.profile.get_started).toEqual({ payload: GET_STARTED_PAYLOAD });
      expect(emulated.profile.greeting).toEqual([{ locale: "default", text: expect.any(String) }]);

      const stored = await row(page.pageId);
      expect(stored).toMatchObject({ status: "active", pageName: page.name, pageUsername: page.username });
      const asked = h.meta.requests.find((r) => r.method === "GET" && r.path.endsWith(`/${page.pageId}`));
      expect(asked?.url).toContain("fields=name%2Cusername");
      expect(stored.subscribedAt?.toISOString()).toBe(h.clock.now().toISOString());
      expect(stored.profileSyncedAt?.toISOString()).toBe(h.clock.now().toISOString());
      expect(h.app.deps.cipher.decrypt(stored.tokenCiphertext)).toBe(page.token);
      expect(await dumpDatabase(h.app.deps.db)).not.toContain(page.token);
    });

    it("the harness Page connects through the same path", async () => {
      await runCommand(h.app.deps, "page:connect", {
        shop: TEST_SHOP,
        "page-id": TEST_PAGE.pageId,
        "page-token": TEST_PAGE.token,
      });
      expect((await row(TEST_PAGE.pageId)).status).toBe("active");
    });

    it("refuses a token that does not act for the Page, and stores nothing", async () => {
      const page = newPage();
      const other = newPage();
      await expect(
        runCommand(h.app.deps, "page:connect", { shop: TEST_SHOP, "page-id": page.pageId, "page-token": other.token }),
      ).rejects.toThrow(/token_rejected/);
      await expect(
        runCommand(h.app.deps, "page:connect", { shop: TEST_SHOP, "page-id": page.pageId, "page-token": "EAAbogus" }),
      ).rejects.toBeInstanceOf(CommandError);
      expect(await h.app.deps.db.pageConnection.findUnique({ where: { pageId: page.pageId } })).toBeNull();
      expect(h.meta.state.pages.get(page.pageId)!.subscribedFields).toEqual([]);
    });

    it("a Graph outage is graph_failed, not a bad token, and stores nothing", async () => {
      const page = newPage();
      h.meta.faults.next("5xx");
      await expect(
        connectPage(h.app.deps, { shopDomain: TEST_SHOP, pageId: page.pageId, pageToken: page.token }),
      ).rejects.toMatchObject({ reason: "graph_failed" });
      h.meta.faults.next("non_json");
      await expect(
        runCommand(h.app.deps, "page:connect", { shop: TEST_SHOP, "page-id": page.pageId, "page-token": page.token }),
      ).rejects.toThrow(/graph_failed/);
      expect(await h.app.deps.db.pageConnection.findUnique({ where: { pageId: page.pageId } })).toBeNull();
    });

    it("reconnecting replaces the token, reactivates a paused Page and takes its new name", async () => {
      const page = newPage();
      const deps = h.app.deps;
      await connectPage(deps, { shopDomain: TEST_SHOP, pageId: page.pageId, pageToken: page.token });
      const before = await row(page.pageId);
      h.meta.invalidatePageToken(page.pageId, `${page.token}-rotated`);
      expect(await pausePage(deps.db, page.pageId, "Graph error 190", h.clock.now())).toBe(true);

      h.clock.advance({ minutes: 5 });
      const emulated = h.meta.state.pages.get(page.pageId)!;
      emulated.name = "Renamed Page";
      emulated.username = "renamedpage";
      const out = await connectPage(deps, {
        shopDomain: TEST_SHOP,
        pageId: page.pageId,
        pageToken: `${page.token}-rotated`,
      });
      expect(out.status).toBe("active");
      const after = await row(page.pageId);
      expect(after).toMatchObject({
        id: before.id,
        status: "active",
        statusReason: null,
        authErrorAt: null,
        pageName: "Renamed Page",
        pageUsername: "renamedpage",
      });
      expect(deps.cipher.decrypt(after.tokenCiphertext)).toBe(`${page.token}-rotated`);
      expect(after.subscribedAt!.getTime()).toBeGreaterThan(before.subscribedAt!.getTime());
      expect(await deps.db.pageConnection.count({ where: { pageId: page.pageId } })).toBe(1);
    });

    it("refuses a Page already connected to another shop", async () => {
      const page = newPage();
      await connectPage(h.app.deps, { shopDomain: TEST_SHOP, pageId: page.pageId, pageToken: page.token });
      await expect(
        runCommand(h.app.deps, "page:connect", { shop: OTHER_SHOP, "page-id": page.pageId, "page-token": page.token }),
      ).rejects.toThrow(/page_taken/);
      const stored = await row(page.pageId);
      const shop = await h.app.deps.db.shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } });
      expect(stored.shopId).toBe(shop.id);
    });

    it("refuses an unknown shop", async () => {
      const page = newPage();
      await expect(
        runCommand(h.app.deps, "page:connect", {
          shop: "nope.myshopify.com",
          "page-id": page.pageId,
          "page-token": page.token,
        }),
      ).rejects.toThrow(/shop_not_installed/);
    });

    it("pausePage pauses an active Page once and records why and when", async () => {
      const page = newPage();
      await connectPage(h.app.deps, { shopDomain: TEST_SHOP, pageId: page.pageId, pageToken: page.token });
      const at = h.clock.now();
      expect(await pausePage(h.app.deps.db, page.pageId, "Graph error 190/460", at)).toBe(true);
      h.clock.advance({ minutes: 1 });
      expect(await pausePage(h.app.deps.db, page.pageId, "again", h.clock.now())).toBe(false);
      expect(await row(page.pageId)).toMatchObject({
        status: "paused",
        statusReason: "Graph error 190/460",
        authErrorAt: at,
      });
      expect(await pausePage(h.app.deps.db, "999", "unknown", at)).toBe(false);
    });

    it("resubscribeIfNeeded subscribes again when Meta dropped the app, and leaves a healthy Page alone", async () => {
      const page = newPage();
      await connectPage(h.app.deps, { shopDomain: TEST_SHOP, pageId: page.pageId, pageToken: page.token });
      expect(await resubscribeIfNeeded(h.app.deps, page.pageId)).toBe("subscribed");

      h.meta.state.pages.get(page.pageId)!.subscribedFields = []; // Meta disabled the webhook after an hour of failures
      h.clock.advance({ hours: 2 });
      expect(await resubscribeIfNeeded(h.app.deps, page.pageId)).toBe("resubscribed");
      expect(h.meta.state.pages.get(page.pageId)!.subscribedFields).toEqual(PAGE_FIELDS);
      expect((await row(page.pageId)).subscribedAt?.toISOString()).toBe(h.clock.now().toISOString());

      h.meta.state.pages.get(page.pageId)!.subscribedFields = ["messages"]; // a field missing counts too
      expect(await resubscribeIfNeeded(h.app.deps, page.pageId)).toBe("resubscribed");

      await pausePage(h.app.deps.db, page.pageId, "190", h.clock.now());
      h.meta.state.pages.get(page.pageId)!.subscribedFields = [];
      expect(await resubscribeIfNeeded(h.app.deps, page.pageId)).toBe("not_active");
      expect(await resubscribeIfNeeded(h.app.deps, "123")).toBe("not_active");
    });
  });
}
