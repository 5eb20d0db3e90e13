import type { MetaEmulator } from "../../emulators/meta/index.js";
import { runCommand } from "../../web/server/cli/commands.js";
import { PAGE_FIELDS } from "../../web/server/pages/connect-page.js";
import type { RunningServer } from "../../web/server/server.js";
import type { BenchmarkOptions } from "../benchmark.js";
import { createBenchMetaEmulator, openBenchDatabase, startBenchApp, type DbKind } from "../meta-ingress/bench-app.js";
import { pollUntil } from "./poll-until.js";

export const BENCH_SHOP = "bench-shop.myshopify.com";
export const BENCH_PAGE = {
  pageId: "1000000000077",
  token: "EAAPAGE-bench-token",
  name: "Bench Shop",
  username: "benchshop",
};

export interface OrderWorld {
  app: RunningServer;
  meta: MetaEmulator;
  databaseLabel: string;
  shopId: string;
  close(): Promise<void>;
}

const SHOPIFY_ADMIN_JOB_KINDS = ["shopify.shop-sync", "storefront.bubble-metafields"];

/**
 * Outbox jobs due and not yet finished; zero means every webhook processed and every message decided.
 * Jobs scheduled for later (the hourly housekeeping) do not count.
 */
export async function pendingJobs(app: RunningServer): Promise<number> {
  return app.deps.db.outboxJob.count({
    where: {
      OR: [{ status: "running" }, { status: "pending", runAt: { lte: new Date() } }],
      // The bench runs no Shopify Admin API: the app's Admin API jobs (shop sync, bubble metafields) retry
      // in the background and have nothing to do with orders.
      NOT: { kind: { in: SHOPIFY_ADMIN_JOB_KINDS } },
    },
  });
}

/**
 * The real app WITH its job workers, on a fresh database, using the Meta emulator as the Graph API (and as
 * the sender of Messenger webhooks), real clock on both; a shop installed and its Page connected through the
 * CLI commands, as the test harness does. Everything on 127.0.0.1.
 */
export async function startOrderWorld(
  kind: DbKind,
  options: BenchmarkOptions,
  env: Record<string, string>,
): Promise<OrderWorld> {
  const meta = createBenchMetaEmulator();
  const graphUrl = await meta.start();
  const opened = await openBenchDatabase(kind, options.postgresAdminUrl).catch(async (error: unknown) => {
    await meta.close();
    throw error;
  });
  let app: RunningServer | undefined;
  const close = async () => {
    // Keep-alive sockets left by the burst would otherwise hold server.close() for the 65 s keep-alive timeout.
    app?.server.closeAllConnections();
    await app?.stop();
    await meta.close();
    await opened.dispose();
  };
  try {
    app = await startBenchApp({ database: opened.database, workers: true, env: { META_GRAPH_URL: graphUrl, ...env } });
    meta.setWebhookUrl(`${app.url}/webhooks/meta`);
    meta.addPage({
      ...BENCH_PAGE,
      subscribedFields: PAGE_FIELDS,
      profile: { get_started: { payload: "GET_STARTED" } },
    });
    const installed = await runCommand(app.deps, "shop:install", { shop: BENCH_SHOP, "access-token": "shpat_bench" });
    await runCommand(app.deps, "page:connect", {
      shop: BENCH_SHOP,
      "page-id": BENCH_PAGE.pageId,
      "page-token": BENCH_PAGE.token,
      "page-username": BENCH_PAGE.username,
    });
    const running = app;
    if (!(await pollUntil(async () => (await pendingJobs(running)) === 0, { timeoutMs: 30_000 })))
      throw new Error(
        `order-burst: set-up jobs did not finish: ${JSON.stringify(
          await running.deps.db.outboxJob.findMany({
            where: { status: { in: ["pending", "running"] } },
            select: { kind: true, status: true, attempts: true, lastError: true },
          }),
        )}`,
      );
    return { app, meta, databaseLabel: opened.label, shopId: String(installed.shopId), close };
  } catch (error) {
    await close();
    throw error;
  }
}
