import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { destination } from "pino";
import { createMetaEmulator, type MetaEmulator } from "../../emulators/meta/index.js";
import { loadConfig } from "../../web/server/config.js";
import { openDatabase, type Database } from "../../web/server/db/open-database.js";
import { systemClock } from "../../web/server/lib/clock.js";
import { createLogger } from "../../web/server/lib/logger.js";
import { startServer, type RunningServer } from "../../web/server/server.js";
import { createBenchDatabase } from "../lib/postgres-database.js";

export type DbKind = "pglite" | "postgres";

/** Fixed, fake credentials: nothing here reaches Meta or Shopify. */
export const BENCH_ENV = {
  NODE_ENV: "production",
  SHOPIFY_API_KEY: "bench-api-key",
  SHOPIFY_API_SECRET: "bench-shopify-secret-0123456789",
  SHOPIFY_APP_URL: "https://app.bench.example",
  META_APP_ID: "100200399",
  META_APP_SECRET: "bench-meta-app-secret-abcdef",
  META_VERIFY_TOKEN: "bench-verify-token",
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  LOG_LEVEL: "info",
} as const;

/** The Meta emulator every bench world starts, with the bench app's Meta credentials and the real clock. */
export function createBenchMetaEmulator(): MetaEmulator {
  return createMetaEmulator({
    appId: BENCH_ENV.META_APP_ID,
    appSecret: BENCH_ENV.META_APP_SECRET,
    verifyToken: BENCH_ENV.META_VERIFY_TOKEN,
    clock: systemClock,
  });
}

/**
 * Production logging (info, one JSON line per request, redaction on) written to /dev/null, so the cost of
 * serializing log lines is in the numbers but no terminal or file I/O is.
 */
export function benchAppLogger() {
  return createLogger({ level: "info", destination: destination({ dest: "/dev/null", sync: false }) });
}

/** A fresh database of either kind: PGlite on disk in a temp folder (as production runs it), or a new PostgreSQL database. */
export async function openBenchDatabase(
  kind: DbKind,
  postgresAdminUrl: string,
): Promise<{ database: Database; label: string; dispose: () => Promise<void> }> {
  if (kind === "pglite") {
    const dir = mkdtempSync(join(tmpdir(), "mc-bench-pglite-"));
    const database = await openDatabase({ kind: "pglite", dataDir: dir });
    return {
      database,
      label: "PGlite (on disk)",
      dispose: async () => {
        await database.close().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const created = await createBenchDatabase(postgresAdminUrl);
  // The app's default pool (10), as production opens it from DATABASE_URL.
  const database = await openDatabase({ kind: "postgres", url: created.url });
  return {
    database,
    label: "PostgreSQL",
    dispose: async () => {
      await database.close().catch(() => undefined);
      await created.drop();
    },
  };
}

/** The real server (startServer: migrations, every route, metrics, request logging) on 127.0.0.1, random port. */
export async function startBenchApp(input: {
  database: Database;
  workers: boolean;
  env?: Record<string, string>;
}): Promise<RunningServer> {
  const config = loadConfig({ ...BENCH_ENV, ...(input.env ?? {}) });
  return startServer(config, {
    database: input.database,
    logger: benchAppLogger(),
    clock: systemClock,
    port: 0,
    host: "127.0.0.1",
    workers: input.workers,
  });
}
