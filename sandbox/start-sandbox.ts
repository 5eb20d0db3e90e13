import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { createMetaEmulator, type MetaEmulator } from "../emulators/meta/index.js";
import { createShopifyAdminEmulator, type ShopifyAdminEmulator } from "../emulators/shopify/admin/admin-emulator.js";
import { createOrderBook, type OrderBook } from "../emulators/shopify/order-book.js";
import { listenControlSocket } from "../web/server/cli/control-socket.js";
import { loadConfig } from "../web/server/config.js";
import { PAGE_FIELDS } from "../web/server/pages/connect-page.js";
import { startServer, type RunningServer } from "../web/server/server.js";
import { startAdminHost } from "./admin/admin-host.js";
import { ensureAdminBuild } from "./admin/build-admin.js";
import {
  loadOrderBookSnapshot,
  restoreMetaEmulator,
  writeEmulatorSnapshots,
  type EmulatorSnapshotWriters,
} from "./persist/emulator-snapshots.js";
import { keepPsidsUnique } from "./persist/psid-floor.js";
import { pollUntil } from "./poll-until.js";
import { sandboxLogger } from "./sandbox-logger.js";
import { ensureApprovedTemplates, seedShopAndPage } from "./seed-sandbox.js";
import {
  SANDBOX_CUSTOMER,
  SANDBOX_PAGE,
  SANDBOX_PROXY_PREFIX,
  SANDBOX_SECRETS,
  SANDBOX_SHOP,
  SANDBOX_SHOP_NAME,
  sandboxEnv,
} from "./sandbox-settings.js";
import { startStorefrontServer, type StorefrontServer } from "./storefront/storefront-server.js";
import { SCOPES } from "../web/server/shopify/shopify-app.js";

export interface SandboxOptions {
  /**
   * Storefront port; the app listens on port+1, the Meta emulator on port+2, the admin on port+3, the Shopify
   * Admin API emulator on port+4. 0: any free ports.
   */
  port?: number;
  /** Embedded database folder, kept between runs (default ./.data/sandbox). */
  dataDir?: string;
  /** Progress lines for the person running the sandbox (default: console.log). */
  log?: (line: string) => void;
  /** The app's own log level (pino) for DATA_DIR/sandbox.log; default "info". Warnings also reach `log`. */
  logLevel?: string;
  /** Where the built admin is kept and served from (ADMIN_DIST_DIR); default web/frontend/dist. Tests use their own. */
  adminDistDir?: string;
}

export interface Sandbox {
  urls: { storefront: string; app: string; healthz: string; emulator: string; threads: string; admin: string };
  dataDir: string;
  shop: string;
  page: typeof SANDBOX_PAGE;
  /** The app's log file (pino JSON lines). */
  logFile: string;
  app: RunningServer;
  meta: MetaEmulator;
  /** Shopify's demo orders (the control panel's). */
  orders: OrderBook;
  /** The shop's Admin API stand-in: what the app wrote there (metafields) is what the storefront renders. */
  shopify: ShopifyAdminEmulator;
  /** Stops everything; the data folder's lock is released when this resolves. */
  close(): Promise<void>;
}

/**
 * The whole product on one machine: the Meta emulator (Graph API, m.me, threads), the real app on the
 * embedded database, a seeded shop with its Page connected and templates approved, and a stand-in for
 * Shopify's storefront (the real theme extension, the app proxy, an order button). Nothing leaves 127.0.0.1.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const log = options.log ?? ((line: string) => console.log(line));
  const base = options.port ?? 0;
  const dataDir = resolve(options.dataDir ?? "./.data/sandbox");
  const cleanups: (() => Promise<void> | void)[] = [];
  // Saved once the app holds the data folder (below); until then changes have nowhere to go.
  const saved: { snapshots?: EmulatorSnapshotWriters } = {};
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    // Last, after the app drained its jobs into the emulator and the emulator stopped: nothing changes after.
    saved.snapshots?.close();
    saved.snapshots = undefined;
  };
  try {
    // The app serves the built admin; a fresh clone has none yet.
    await ensureAdminBuild({ log, ...(options.adminDistDir ? { outDir: options.adminDistDir } : {}) });
    const meta = createMetaEmulator({
      appId: SANDBOX_SECRETS.META_APP_ID,
      appSecret: SANDBOX_SECRETS.META_APP_SECRET,
      verifyToken: SANDBOX_SECRETS.META_VERIFY_TOKEN,
      onChange: () => saved.snapshots?.meta.schedule(),
    });
    const restored = restoreMetaEmulator(dataDir, meta);
    const orders = createOrderBook({ shop: SANDBOX_SHOP, snapshot: loadOrderBookSnapshot(dataDir) });
    const graphUrl = await meta.start(base ? base + 2 : 0);
    cleanups.push(() => meta.close());
    // A restored Page keeps what the app set on it since (profile, subscriptions); only a new one is seeded.
    if (!meta.state.pages.has(SANDBOX_PAGE.pageId)) {
      meta.addPage({
        ...SANDBOX_PAGE,
        subscribedFields: PAGE_FIELDS,
        profile: { get_started: { payload: "GET_STARTED" } },
      });
    }

    // The shop's Admin API (SHOPIFY_ADMIN_API_URL): shop name, expiring tokens, the bubble's metafield.
    const shopify = createShopifyAdminEmulator({
      apiKey: SANDBOX_SECRETS.SHOPIFY_API_KEY,
      apiSecret: SANDBOX_SECRETS.SHOPIFY_API_SECRET,
    });
    const adminApiUrl = await shopify.start(base && base + 4 <= 65535 ? base + 4 : 0);
    cleanups.push(() => shopify.close());
    shopify.addShop({ domain: SANDBOX_SHOP, name: SANDBOX_SHOP_NAME, scope: SCOPES.join(",") });

    const appPort = base ? base + 1 : await freePort();
    const logLevel = options.logLevel ?? "info";
    const { logger, file: logFile } = sandboxLogger({ dataDir, level: logLevel, console: log });
    const config = loadConfig({
      ...sandboxEnv({ appPort, dataDir, graphUrl, adminApiUrl, logLevel }),
      ...(options.adminDistDir ? { ADMIN_DIST_DIR: options.adminDistDir } : {}),
    });
    const app = await startServer(config, { port: appPort, host: "127.0.0.1", logger });
    cleanups.push(() => app.stop());
    const snapshots = writeEmulatorSnapshots(dataDir, meta, orders, (error) =>
      log(`could not save the emulators' state: ${error.message}`),
    );
    saved.snapshots = snapshots;
    if (!restored) await keepPsidsUnique(app.deps, meta);
    const control = await listenControlSocket(app.deps, dataDir);
    cleanups.push(() => new Promise<void>((done) => control.close(() => done())));

    const webhookUrl = `${app.url}/webhooks/meta`;
    meta.setWebhookUrl(webhookUrl);
    const handshake = await meta.verifyWebhook(webhookUrl, SANDBOX_SECRETS.META_VERIFY_TOKEN);
    if (!handshake.ok) throw new Error(`the app refused Meta's webhook handshake (HTTP ${handshake.status})`);

    await seedShopAndPage(app.deps, shopify);
    await pollUntil(
      () => shopify.appMetafields(SANDBOX_SHOP).messenger?.page_username,
      "the app to write the bubble's Page to the app installation",
    );
    const templates = await ensureApprovedTemplates(app.deps, meta);
    log(`seeded ${SANDBOX_SHOP} with Page ${SANDBOX_PAGE.username}; ${templates} utility templates approved`);
    snapshots.meta.flush();

    const threads = `${graphUrl}/__emulator/thread`;
    const admin = await startAdminHost({
      appUrl: app.url,
      shop: SANDBOX_SHOP,
      apiKey: SANDBOX_SECRETS.SHOPIFY_API_KEY,
      apiSecret: SANDBOX_SECRETS.SHOPIFY_API_SECRET,
      port: base && base + 3 <= 65535 ? base + 3 : 0,
    });
    cleanups.push(() => admin.close());
    const storefront: StorefrontServer = await startStorefrontServer({
      appUrl: app.url,
      shop: SANDBOX_SHOP,
      shopName: SANDBOX_SHOP_NAME,
      apiKey: SANDBOX_SECRETS.SHOPIFY_API_KEY,
      apiSecret: SANDBOX_SECRETS.SHOPIFY_API_SECRET,
      apiVersion: config.shopify.apiVersion,
      orderBook: orders,
      onOrdersChanged: () => snapshots.shopify.schedule(),
      appMetafields: () => shopify.appMetafields(SANDBOX_SHOP),
      proxyPrefix: SANDBOX_PROXY_PREFIX,
      defaultCustomer: SANDBOX_CUSTOMER,
      linkBase: config.meta.linkBase,
      threadsUrl: threads,
      adminUrl: `${admin.url}/`,
      port: base,
    });
    cleanups.push(() => storefront.close());
    return {
      urls: {
        storefront: storefront.url,
        app: app.url,
        healthz: `${app.url}/healthz`,
        emulator: graphUrl,
        threads,
        admin: `${admin.url}/`,
      },
      dataDir,
      logFile,
      shop: SANDBOX_SHOP,
      page: SANDBOX_PAGE,
      app,
      meta,
      orders,
      shopify,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A port the OS says is free now; the app needs its own URL (SHOPIFY_APP_URL) before it listens. */
async function freePort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", done);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}
