import { createMetaEmulator } from "../../emulators/meta/index.js";
import { createShopifyAdminEmulator, type ShopifyAdminEmulator } from "../../emulators/shopify/admin/admin-emulator.js";
import { runCommand } from "../../web/server/cli/commands.js";
import { PAGE_FIELDS } from "../../web/server/pages/connect-page.js";
import { SCOPES } from "../../web/server/shopify/shopify-app.js";
import { manualClock, type Clock, type ManualClock } from "../../web/server/lib/clock.js";
import type { DbKind } from "./db.js";
import { startTestApp, TEST_ENV, TEST_SHOP, type TestApp } from "./test-app.js";

export const TEST_PAGE = {
  pageId: "1000000000001",
  token: "EAAPAGE-test-token-1",
  name: "Test Shop Page",
  username: "testshop",
};

/** Every webhook field the app subscribes a Page to; the list lives with the connect service. */
export { PAGE_FIELDS };

export interface MetaHarness<C extends Clock = ManualClock> {
  app: TestApp;
  meta: ReturnType<typeof createMetaEmulator>;
  /** The shop's Admin API (SHOPIFY_ADMIN_API_URL), with TEST_SHOP added and its expiring token installed. */
  shopify: ShopifyAdminEmulator;
  clock: C;
  shopId: string;
  close(): Promise<void>;
}

/**
 * The real app wired to the Meta emulator (as Graph API and as webhook sender), sharing one manual clock,
 * with a shop installed and a Page connected. Nothing here reaches Meta or Shopify.
 */
export async function startMetaHarness<C extends Clock = ManualClock>(
  kind: DbKind,
  options: { env?: Record<string, string>; start?: string; workers?: boolean; connectPage?: boolean; clock?: C } = {},
): Promise<MetaHarness<C>> {
  const clock = (options.clock ?? manualClock(options.start ?? "2026-11-20T12:00:00Z")) as C;
  const meta = createMetaEmulator({
    appId: TEST_ENV.META_APP_ID,
    appSecret: TEST_ENV.META_APP_SECRET,
    verifyToken: TEST_ENV.META_VERIFY_TOKEN,
    clock,
  });
  const graphUrl = await meta.start();
  const shopify = createShopifyAdminEmulator({
    apiKey: TEST_ENV.SHOPIFY_API_KEY,
    apiSecret: TEST_ENV.SHOPIFY_API_SECRET,
    clock,
  });
  const adminApiUrl = await shopify.start();
  // The shop granted what the app declares (Shopify-managed installation).
  shopify.addShop({ domain: TEST_SHOP, scope: SCOPES.join(",") });
  const app = await startTestApp(kind, {
    clock,
    workers: options.workers ?? true,
    env: { META_GRAPH_URL: graphUrl, SHOPIFY_ADMIN_API_URL: adminApiUrl, ...(options.env ?? {}) },
  });
  meta.setWebhookUrl(`${app.url}/webhooks/meta`);
  meta.addPage({ ...TEST_PAGE, subscribedFields: PAGE_FIELDS, profile: { get_started: { payload: "GET_STARTED" } } });
  const token = shopify.issueOfflineToken(TEST_SHOP);
  const installed = await runCommand(app.deps, "shop:install", {
    shop: TEST_SHOP,
    "access-token": token.access_token,
    "refresh-token": token.refresh_token,
    "expires-in": String(token.expires_in),
  });
  if (options.connectPage !== false) {
    await runCommand(app.deps, "page:connect", {
      shop: TEST_SHOP,
      "page-id": TEST_PAGE.pageId,
      "page-token": TEST_PAGE.token,
    });
  }
  return {
    app,
    meta,
    shopify,
    clock,
    shopId: String(installed.shopId),
    close: async () => {
      await app.close();
      await meta.close();
      await shopify.close();
    },
  };
}
