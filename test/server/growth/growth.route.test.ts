import { beforeEach, expect, it } from "vitest";
import { mintSessionToken } from "../../../emulators/shopify/session-token.js";
import { runCommand } from "../../../web/server/cli/commands.js";
import { renderQr } from "../../../web/server/growth/growth-qr.js";
import { describeEachApp, TEST_ENV, TEST_SHOP } from "../../helpers/test-app.js";

const PAGE = { pageId: "1000000000001", username: "testshop" };

describeEachApp(
  "GET /api/growth/links",
  (app) => {
    let shopId: string;

    beforeEach(async () => {
      const installed = await runCommand(app().deps, "shop:install", {
        shop: TEST_SHOP,
        "access-token": "shpat_growth_test",
      });
      shopId = String(installed.shopId);
    });

    // App Bridge session tokens are checked by shopify-app-express against the real clock.
    const adminGet = (path: string, shop = TEST_SHOP) => {
      const token = mintSessionToken({
        apiKey: TEST_ENV.SHOPIFY_API_KEY,
        secret: TEST_ENV.SHOPIFY_API_SECRET,
        shop,
        now: new Date(),
      });
      return fetch(`${app().url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    };
    const connect = (data: { pageUsername?: string | null } = {}) =>
      app().deps.db.pageConnection.create({
        data: { shopId, pageId: PAGE.pageId, pageUsername: PAGE.username, tokenCiphertext: "unused", ...data },
      });

    it("lists an m.me link with an attribution ref per entry point", async () => {
      await connect();
      const response = await adminGet("/api/growth/links");
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        page: unknown;
        links: { entryPoint: string; url: string; qr: { svg: string } }[];
      };
      expect(body.page).toEqual({ pageId: PAGE.pageId, username: PAGE.username });
      expect(body.links.map((l) => [l.entryPoint, l.url])).toEqual([
        ["bubble", "https://m.me/testshop?ref=ep.bubble"],
        ["order_status", "https://m.me/testshop?ref=ep.order_status"],
        ["packaging", "https://m.me/testshop?ref=ep.packaging"],
        ["social", "https://m.me/testshop?ref=ep.social"],
        ["offers", "https://m.me/testshop?ref=ep.offers"],
      ]);
      expect(body.links[2]!.qr.svg).toBe("/api/growth/links/packaging/qr.svg");
    });

    it("falls back to the Page id without a username", async () => {
      await connect({ pageUsername: null });
      const body = (await (await adminGet("/api/growth/links")).json()) as { links: { url: string }[] };
      expect(body.links[0]!.url).toBe(`https://m.me/${PAGE.pageId}?ref=ep.bubble`);
    });

    it("serves SVG and PNG QR codes with the right content types", async () => {
      await connect();
      const svg = await adminGet("/api/growth/links/packaging/qr.svg");
      expect(svg.status).toBe(200);
      expect(svg.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
      const svgText = await svg.text();
      expect(svgText).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
      // The code encodes exactly the packaging link (same renderer, same input => same image).
      expect(svgText).toBe((await renderQr("https://m.me/testshop?ref=ep.packaging", "svg")).toString("utf8"));
      expect(svgText).not.toBe((await renderQr("https://m.me/testshop?ref=ep.social", "svg")).toString("utf8"));

      const png = await adminGet("/api/growth/links/social/qr.png?size=256");
      expect(png.status).toBe(200);
      expect(png.headers.get("content-type")).toBe("image/png");
      const bytes = Buffer.from(await png.arrayBuffer());
      expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
      expect(bytes.readUInt32BE(16)).toBe(256); // IHDR width
    });

    it("unknown entry point 404, bad size 400, no Page 409", async () => {
      expect((await adminGet("/api/growth/links/thank_you/qr.svg")).status).toBe(404);
      expect((await adminGet("/api/growth/links/bubble/qr.png?size=99999")).status).toBe(400);
      const none = await adminGet("/api/growth/links");
      expect(none.status).toBe(409);
      expect(await none.json()).toMatchObject({ error: "page_not_connected" });
      expect((await adminGet("/api/growth/links/bubble/qr.svg")).status).toBe(409);
    });

    it("needs an admin session token", async () => {
      await connect();
      const response = await fetch(`${app().url}/api/growth/links`, { headers: { authorization: "Bearer forged" } });
      expect(response.status).toBe(401);
    });
  },
  { workers: false },
);
