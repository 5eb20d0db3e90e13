import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { resolve } from "node:path";
import { PrismaClient } from "./generated/client.js";
import { lockDataDir } from "./data-dir-lock.js";
import { migrate, type MigrationResult } from "./migrate.js";
import { pgliteRunner, postgresRunner } from "./sql-runner.js";
import { yieldingPGlite } from "./pglite-yielding.js";

export type { PrismaClient };
export type Db = PrismaClient;
/** The client handed to a `$transaction(async (tx) => …)` callback. */
export type DbTx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dataDir: string }
  | { kind: "memory" };

export interface Database {
  prisma: PrismaClient;
  kind: "postgres" | "pglite";
  migrate(): Promise<MigrationResult>;
  close(): Promise<void>;
}

/**
 * Opens the app's database: PostgreSQL when DATABASE_URL is set (many instances may share it), otherwise
 * embedded PGlite in DATA_DIR (one process at a time, see data-dir-lock.ts). `memory` is for tests.
 */
export async function openDatabase(
  target: DatabaseTarget,
  options: { poolSize?: number; onConnectionError?: (error: Error) => void } = {},
): Promise<Database> {
  if (target.kind === "postgres") {
    const prisma = new PrismaClient({ adapter: new PrismaPg(resilientPool(target.url, options)) });
    return {
      prisma,
      kind: "postgres",
      migrate: async () => {
        const runner = await postgresRunner(target.url);
        try {
          return await migrate(runner);
        } finally {
          await runner.close();
        }
      },
      close: () => prisma.$disconnect(),
    };
  }
  const lock = target.kind === "pglite" ? await lockDataDir(target.dataDir) : undefined;
  try {
    const pglite = target.kind === "pglite" ? new PGlite(resolve(target.dataDir, "pglite")) : new PGlite();
    await pglite.waitReady;
    // pglite-prisma-adapter 0.6 is typed against an older driver-adapter-utils; the runtime contract matches.
    const adapter = new PrismaPGlite(yieldingPGlite(pglite)) as unknown as PrismaPg;
    const prisma = new PrismaClient({ adapter });
    return {
      prisma,
      kind: "pglite",
      migrate: () => migrate(pgliteRunner(pglite)),
      close: async () => {
        await prisma.$disconnect();
        await pglite.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/**
 * A pg pool that survives PostgreSQL going away (restart, failover, network cut): every client gets a
 * permanent error listener, so a connection dropped while idle or mid-query is reported, not an unhandled
 * 'error' event that kills the process; the failed query rejects (a webhook answers 5xx, a job retries) and
 * the pool opens new connections once the server is back. Connecting gives up after 5 s instead of hanging.
 */
function resilientPool(url: string, options: { poolSize?: number; onConnectionError?: (error: Error) => void }) {
  const report = options.onConnectionError ?? (() => undefined);
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: 5_000 });
  pool.on("error", report);
  pool.on("connect", (client) => client.on("error", report));
  return pool;
}
