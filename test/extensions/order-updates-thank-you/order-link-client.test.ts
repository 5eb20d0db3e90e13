import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintExtensionSessionToken } from "../../../emulators/shopify/session-token.js";
import { runCommand } from "../../../web/server/cli/commands.js";
import { startTestApp, TEST_ENV, TEST_SHOP, type TestApp } from "../../helpers/test-app.js";
import { extensionDir } from "./extension-checks.js";

type LinkResult = { status: "ready"; url: string } | { status: "unavailable" } | { status: "error" };
interface OrderLinkClient {
  requestOrderLink(input: {
    appUrl: string;
    getToken: () => Promise<string>;
    fetch: typeof fetch;
    body: Record<string, string>;
  }): Promise<LinkResult>;
}

/** The extensions' own client (plain JS, bundled by Shopify CLI) against the real server. */
describe("extension client -> POST /ext/order-link", () => {
  let app: TestApp;
  let client: OrderLinkClient;
  const body = { orderId: "gid://shopify/Order/42", confirmationNumber: "ABC123XYZ", entryPoint: "thank_you" };
  const goodToken = async () =>
    mintExtensionSessionToken({
      apiKey: TEST_ENV.SHOPIFY_API_KEY,
      secret: TEST_ENV.SHOPIFY_API_SECRET,
      shop: TEST_SHOP,
      now: new Date(),
    });

  beforeAll(async () => {
    const path = join(extensionDir("order-updates-thank-you"), "src", "order-link.js");
    client = (await import(pathToFileURL(path).href)) as OrderLinkClient;
    app = await startTestApp("pglite", { workers: false });
    await runCommand(app.deps, "shop:install", { shop: TEST_SHOP, "access-token": "shpat_client_test" });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("no Page connected: unavailable (the block hides itself)", async () => {
    expect(await client.requestOrderLink({ appUrl: app.url, getToken: goodToken, fetch, body })).toEqual({
      status: "unavailable",
    });
  });

  it("with a Page: a ready m.me link", async () => {
    const shop = await app.deps.db.shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } });
    await app.deps.db.pageConnection.create({
      data: { shopId: shop.id, pageId: "1000000000001", pageUsername: "testshop", tokenCiphertext: "unused" },
    });
    const result = await client.requestOrderLink({ appUrl: app.url, getToken: goodToken, fetch, body });
    expect(result.status).toBe("ready");
    expect(result.status === "ready" && result.url).toMatch(/^https:\/\/m\.me\/testshop\?ref=v1\./);
  });

  it("a refused token or a throwing token getter is an error the buyer can retry", async () => {
    const forged = async () => "not.a.token";
    expect(await client.requestOrderLink({ appUrl: app.url, getToken: forged, fetch, body })).toEqual({
      status: "error",
    });
    const throwing = async () => {
      throw new Error("sandbox refused");
    };
    expect(await client.requestOrderLink({ appUrl: app.url, getToken: throwing, fetch, body })).toEqual({
      status: "error",
    });
  });

  it("never hands a non-m.me URL to the link", async () => {
    const evil = (async () =>
      new Response(JSON.stringify({ url: "https://evil.example/phish" }), { status: 200 })) as typeof fetch;
    expect(await client.requestOrderLink({ appUrl: app.url, getToken: goodToken, fetch: evil, body })).toEqual({
      status: "error",
    });
  });
});
