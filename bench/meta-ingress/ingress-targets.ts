import type { BenchmarkOptions } from "../benchmark.js";
import { createBenchDatabase } from "../lib/postgres-database.js";
import { BENCH_ENV, openBenchDatabase, startBenchApp, type DbKind } from "./bench-app.js";
import { startBareServer, startMinimalDurableServer } from "./baseline-servers.js";

export interface IngressTarget {
  name: string;
  database: string;
  url: string;
  path: string;
  /** How many stored rows each mid left, or undefined when the target stores nothing. */
  countRows?: (mids: string[]) => Promise<{ rows: number; distinct: number; jobs?: number }>;
  close(): Promise<void>;
}

export type TargetName = "bare" | "minimal" | "app-pglite" | "app-postgres";
export const TARGET_NAMES: TargetName[] = ["bare", "minimal", "app-pglite", "app-postgres"];

async function startApp(kind: DbKind, options: BenchmarkOptions): Promise<IngressTarget> {
  const opened = await openBenchDatabase(kind, options.postgresAdminUrl);
  try {
    // Workers off: nothing claims the recorded jobs, so only the acknowledgement path is measured.
    const app = await startBenchApp({ database: opened.database, workers: false });
    const db = app.deps.db;
    return {
      name: "real app, workers off",
      database: opened.label,
      url: app.url,
      path: "/webhooks/meta",
      countRows: async (mids) => {
        const [d] = await db.$queryRawUnsafe<{ rows: bigint; distinct: bigint }[]>(
          `SELECT count(*) AS rows, count(DISTINCT external_id) AS distinct FROM webhook_delivery
            WHERE source = 'meta' AND external_id = ANY($1::text[])`,
          mids,
        );
        const [j] = await db.$queryRawUnsafe<{ jobs: bigint }[]>(
          `SELECT count(*) AS jobs FROM outbox_job WHERE dedupe_key = ANY($1::text[])`,
          mids.map((m) => `inbox:meta:${m}`),
        );
        return { rows: Number(d?.rows), distinct: Number(d?.distinct), jobs: Number(j?.jobs) };
      },
      close: async () => {
        await app.stop();
        await opened.dispose();
      },
    };
  } catch (error) {
    await opened.dispose();
    throw error;
  }
}

/** Starts one target on 127.0.0.1 with an empty database of its own. */
export async function startTarget(name: TargetName, options: BenchmarkOptions): Promise<IngressTarget> {
  if (name === "bare") {
    const s = await startBareServer();
    return { name: "bare node:http, 200", database: "none", url: s.url, path: "/", close: s.close };
  }
  if (name === "minimal") {
    const created = await createBenchDatabase(options.postgresAdminUrl);
    try {
      const s = await startMinimalDurableServer(created.url, BENCH_ENV.META_APP_SECRET);
      return {
        name: "minimal: node:http + signature + 1 INSERT (pg Pool)",
        database: "PostgreSQL",
        url: s.url,
        path: "/",
        ...(s.countRows ? { countRows: s.countRows } : {}),
        close: async () => {
          await s.close();
          await created.drop();
        },
      };
    } catch (error) {
      await created.drop();
      throw error;
    }
  }
  return startApp(name === "app-pglite" ? "pglite" : "postgres", options);
}
