import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintSessionToken } from "../../../emulators/shopify/session-token.js";
import { createRef } from "../../../web/server/linking/signed-ref.js";
import { runCommand } from "../../../web/server/cli/commands.js";
import { startMetaHarness, TEST_PAGE, type MetaHarness } from "../../helpers/meta-harness.js";
import { waitForIdle } from "../../helpers/outbound.js";
import { TEST_ENV, TEST_SHOP } from "../../helpers/test-app.js";

describe("GET /api/subscribers and admin unlink [postgres]", () => {
  let h: MetaHarness;
  const auth = (shop = TEST_SHOP) => ({
    authorization: `Bearer ${mintSessionToken({ apiKey: TEST_ENV.SHOPIFY_API_KEY, secret: TEST_ENV.SHOPIFY_API_SECRET, shop, now: new Date() })}`,
  });
  beforeAll(async () => {
    h = await startMetaHarness("postgres");
    const ref = createRef({
      keyring: h.app.deps.config.refKeys,
      now: h.clock.now(),
      ttlSeconds: 600,
      claims: {
        shop: TEST_SHOP,
        kind: "customer",
        customerId: "7400000000000001",
        entryPoint: "bubble",
        pageId: TEST_PAGE.pageId,
      },
    });
    await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, "7400000000000101", { ref });
    await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, "7400000000000102");
    await waitForIdle(h.app.database.prisma);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("lists the shop's subscribers with the customer they are linked to (the public contract shape)", async () => {
    const response = await fetch(`${h.app.url}/api/subscribers`, { headers: auth() });
    expect(response.status).toBe(200);
    const { subscribers } = (await response.json()) as {
      subscribers: { psid: string; customerId: string | null; marketing: string; links: { id: string }[] }[];
    };
    const byPsid = Object.fromEntries(subscribers.map((s) => [s.psid, s]));
    expect(byPsid["7400000000000101"]).toMatchObject({ customerId: "7400000000000001", marketing: "none" });
    expect(byPsid["7400000000000102"]).toMatchObject({ customerId: null, marketing: "none" });
    expect((await fetch(`${h.app.url}/api/subscribers?limit=0`, { headers: auth() })).status).toBe(400);
  });

  it("unlinks from the admin, only within the session's shop", async () => {
    const { subscribers } = (await (await fetch(`${h.app.url}/api/subscribers`, { headers: auth() })).json()) as {
      subscribers: { psid: string; links: { id: string }[] }[];
    };
    const linkId = subscribers.find((s) => s.psid === "7400000000000101")!.links[0]!.id;
    await runCommand(h.app.deps, "shop:install", { shop: "other-shop.myshopify.com", "access-token": "shpat_other" });
    expect(
      (await fetch(`${h.app.url}/api/links/${linkId}`, { method: "DELETE", headers: auth("other-shop.myshopify.com") }))
        .status,
    ).toBe(404);
    expect((await fetch(`${h.app.url}/api/links/not-a-uuid`, { method: "DELETE", headers: auth() })).status).toBe(404);
    expect((await fetch(`${h.app.url}/api/links/${linkId}`, { method: "DELETE", headers: auth() })).status).toBe(204);
    expect((await fetch(`${h.app.url}/api/links/${linkId}`, { method: "DELETE", headers: auth() })).status).toBe(404);
    const link = await h.app.database.prisma.shopperLink.findUniqueOrThrow({ where: { id: linkId } });
    expect(link.unlinkedAt).not.toBeNull();
  });
});
