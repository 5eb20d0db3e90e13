import type { MetaEmulator } from "../../emulators/meta/index.js";
import { runCommand } from "../../web/server/cli/commands.js";
import { loadConfig } from "../../web/server/config.js";
import { createDeps, type Deps } from "../../web/server/deps.js";
import { PAGE_FIELDS } from "../../web/server/pages/connect-page.js";
import type { BenchmarkOptions } from "../benchmark.js";
import { BENCH_ENV, benchAppLogger, createBenchMetaEmulator } from "../meta-ingress/bench-app.js";
import { BENCH_PAGE, BENCH_SHOP } from "../order-burst/order-world.js";
import { startAppProcess, type AppProcess } from "./app-process.js";
import { createBenchDatabase } from "./postgres-database.js";

export interface ProcessWorld {
  meta: MetaEmulator;
  /** The bench's own connection to the app's database (set-up and checks), not serving anything. */
  deps: Deps;
  shopId: string;
  apps: AppProcess[];
  close(): Promise<void>;
}

/**
 * One PostgreSQL database, the Meta emulator in this process, a shop installed and its Page connected
 * through the CLI commands, and `processes` app instances in processes of their own (production path,
 * workers on) sharing that database; Messenger webhooks (echoes) go to the first instance.
 */
export async function startProcessWorld(
  options: BenchmarkOptions,
  processes: number,
  env: Record<string, string> = {},
): Promise<ProcessWorld> {
  const meta = createBenchMetaEmulator();
  const graphUrl = await meta.start();
  const database = await createBenchDatabase(options.postgresAdminUrl);
  const appEnv = { DATABASE_URL: database.url, META_GRAPH_URL: graphUrl, ...env };
  const apps: AppProcess[] = [];
  let deps: Deps | undefined;
  const close = async () => {
    await Promise.allSettled(apps.map((a) => a.stop()));
    await deps?.database.close().catch(() => undefined);
    await meta.close();
    await database.drop();
  };
  try {
    deps = await createDeps(loadConfig({ ...BENCH_ENV, ...appEnv, WORKER_CONCURRENCY: "0" }), {
      logger: benchAppLogger(),
    });
    await deps.database.migrate();
    meta.addPage({
      ...BENCH_PAGE,
      subscribedFields: PAGE_FIELDS,
      profile: { get_started: { payload: "GET_STARTED" } },
    });
    const installed = await runCommand(deps, "shop:install", { shop: BENCH_SHOP, "access-token": "shpat_bench" });
    await runCommand(deps, "page:connect", {
      shop: BENCH_SHOP,
      "page-id": BENCH_PAGE.pageId,
      "page-token": BENCH_PAGE.token,
      "page-username": BENCH_PAGE.username,
    });
    // One at a time: each applies pending migrations under the advisory lock (none left by now).
    for (let i = 0; i < processes; i++) apps.push(await startAppProcess(appEnv));
    meta.setWebhookUrl(`${(apps[0] as AppProcess).url}/webhooks/meta`);
    return { meta, deps, shopId: String(installed.shopId), apps, close };
  } catch (error) {
    await close();
    throw error;
  }
}
