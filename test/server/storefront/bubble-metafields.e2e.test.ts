import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintSessionToken } from "../../../emulators/shopify/session-token.js";
import { deliverWebhook, signWebhook } from "../../../emulators/shopify/sign-webhook.js";
import { renderBubbleBlock } from "../../../sandbox/storefront/render-storefront-page.js";
import { runCommand } from "../../../web/server/cli/commands.js";
import { pageHealthJob } from "../../../web/server/pages/page-health.job.js";
import { captureLogger } from "../../helpers/capture-logger.js";
import { DB_KINDS } from "../../helpers/db.js";
import { startMetaHarness, TEST_PAGE, type MetaHarness } from "../../helpers/meta-harness.js";
import { waitForIdle } from "../../helpers/outbound.js";
import { TEST_ENV, TEST_SHOP } from "../../helpers/test-app.js";
import { waitFor } from "../../helpers/wait-for.js";

/**
 * The bubble knows its Page only through Shopify: the app writes the app-installation metafield the block
 * reads, and the block is rendered (liquidjs, the real file) from what the Shopify emulator stores, nothing
 * else. Shoppers see the shop's name as the Admin API reports it.
 */
for (const kind of DB_KINDS) {
  describe(`the bubble's Page and the shop's name from Shopify [${kind}]`, () => {
    let h: MetaHarness;
    beforeAll(async () => {
      h = await startMetaHarness(kind, { connectPage: false });
      h.shopify.state.shop(TEST_SHOP).name = "Linen & Co.";
    });
    afterAll(async () => {
      await h?.close();
    });
    const stored = () => h.shopify.appMetafields(TEST_SHOP);
    const render = () => renderBubbleBlock({ appMetafields: stored() });
    const sessionToken = () =>
      mintSessionToken({
        apiKey: TEST_ENV.SHOPIFY_API_KEY,
        secret: TEST_ENV.SHOPIFY_API_SECRET,
        shop: TEST_SHOP,
        now: new Date(),
      });

    it("before any Page is connected the app wrote nothing and the block renders nothing", async () => {
      await waitForIdle(h.app.database.prisma);
      expect(stored()).toEqual({});
      expect((await render()).trim()).toBe("");
    });

    it("page:connect → the app installation's messenger.page_username metafield → the bubble's m.me link", async () => {
      await runCommand(h.app.deps, "page:connect", {
        shop: TEST_SHOP,
        "page-id": TEST_PAGE.pageId,
        "page-token": TEST_PAGE.token,
      });
      await waitFor(() => stored().messenger?.page_username, { what: "the bubble metafield" });
      expect(stored()).toEqual({
        messenger: { page_username: { value: TEST_PAGE.username, type: "single_line_text_field" } },
      });
      const set = h.shopify.requests.find((r) => JSON.stringify(r.body).includes("metafieldsSet"))!;
      const installation = h.shopify.state.shop(TEST_SHOP).appInstallationId;
      expect(set.body).toMatchObject({
        variables: { metafields: [{ ownerId: installation, namespace: "messenger", key: "page_username" }] },
      });
      const html = await render();
      expect(html).toContain(`href="https://m.me/${TEST_PAGE.username}?ref=ep.bubble"`);
      expect(html).toContain(`data-page="${TEST_PAGE.username}"`);
    });

    it("messages to shoppers use the shop's name from the Admin API, never the myshopify handle", async () => {
      await waitFor(async () => (await h.app.deps.db.shop.findUnique({ where: { domain: TEST_SHOP } }))?.name, {
        what: "the shop sync",
      });
      const shop = await h.app.deps.db.shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } });
      expect(shop).toMatchObject({
        name: "Linen & Co.",
        currencyCode: "EUR",
        ianaTimezone: "Europe/Vilnius",
        countryCode: "LT",
      });
      const psid = "9100000000000777";
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, psid);
      const texts = () =>
        JSON.stringify(h.meta.thread(TEST_PAGE.pageId, psid)?.items.filter((i) => i.direction === "out"));
      await waitFor(() => texts().includes("Linen & Co."), { what: "the greeting with the shop's name" });
      expect(texts()).not.toContain("test-shop");
      const res = await fetch(`${h.app.url}/api/shop`, { headers: { authorization: `Bearer ${sessionToken()}` } });
      expect(((await res.json()) as { shop: { displayName: string } }).shop.displayName).toBe("Linen & Co.");
    });

    it("shop/update: the app reads the shop again from the Admin API", async () => {
      h.shopify.state.shop(TEST_SHOP).name = "Linen and Wool";
      const webhook = signWebhook({
        topic: "shop/update",
        shop: TEST_SHOP,
        // The payload is only a trigger: the app reads the current name from the Admin API.
        body: { id: 1, name: "Linen and Wool", domain: TEST_SHOP, myshopify_domain: TEST_SHOP },
        secret: TEST_ENV.SHOPIFY_API_SECRET,
        apiVersion: "2026-10",
      });
      expect((await deliverWebhook(`${h.app.url}/webhooks/shopify`, webhook)).status).toBe(200);
      await waitFor(
        async () => (await h.app.deps.db.shop.findUnique({ where: { domain: TEST_SHOP } }))?.name === "Linen and Wool",
        { what: "the shop's new name" },
      );
    });

    it("a Page renamed on Facebook: the hourly round follows and the metafield gets the new username", async () => {
      const page = h.meta.state.pages.get(TEST_PAGE.pageId)!;
      page.username = "linenandwool";
      page.name = "Linen and Wool";
      await pageHealthJob(h.app.deps)({} as never, {
        logger: captureLogger("silent").logger,
        signal: new AbortController().signal,
      });
      await waitFor(() => stored().messenger?.page_username?.value === "linenandwool", { what: "the new username" });
      expect(await render()).toContain('href="https://m.me/linenandwool?ref=ep.bubble"');
      const row = await h.app.deps.db.pageConnection.findUniqueOrThrow({ where: { pageId: TEST_PAGE.pageId } });
      expect(row).toMatchObject({ pageName: "Linen and Wool", pageUsername: "linenandwool" });
    });

    it("disconnecting the Page deletes the metafield and the bubble disappears", async () => {
      const res = await fetch(`${h.app.url}/api/pages/${TEST_PAGE.pageId}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${sessionToken()}` },
      });
      expect(res.status).toBe(200);
      await waitFor(() => !stored().messenger?.page_username, { what: "the metafield to go" });
      expect((await render()).trim()).toBe("");
      expect(h.shopify.requests.some((r) => JSON.stringify(r.body).includes("metafieldsDelete"))).toBe(true);
    });
  });
}
