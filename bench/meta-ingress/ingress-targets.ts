import type { BenchmarkOptions } from "../benchmark.js";
import { createBenchDatabase } from "../lib/postgres-database.js";
import type { RunningServer } from "../../web/server/server.js";
import { BENCH_ENV, openBenchDatabase, startBenchApp, type DbKind } from "./bench-app.js";
import { startBareServer, startMinimalDurableServer } from "./baseline-servers.js";
import { startNaiveInlineServer } from "./naive-inline-server.js";

export interface IngressTarget {
  name: string;
  database: string;
  url: string;
  path: string;
  /** How many stored rows each mid left, or undefined when the target stores nothing. */
  countRows?: (mids: string[]) => Promise<{ rows: number; distinct: number; jobs?: number }>;
  close(): Promise<void>;
}

export type TargetName =
  | "bare"
  | "minimal"
  | "app-postgres"
  | "app-postgres-no-group-commit"
  | "naive-postgres"
  | "app-pglite";
export const TARGET_NAMES: TargetName[] = [
  "bare",
  "minimal",
  "app-postgres",
  "app-postgres-no-group-commit",
  "naive-postgres",
  "app-pglite",
];

/** The Page the bench's webhooks are addressed to; connected, so the naive handler does the whole job. */
export const INGRESS_PAGE_ID = "1000000000099";

async function connectBenchPage(app: RunningServer): Promise<void> {
  const shop = await app.deps.db.shop.create({ data: { domain: "ingress-bench.myshopify.com" } });
  await app.deps.db.pageConnection.create({
    data: { shopId: shop.id, pageId: INGRESS_PAGE_ID, tokenCiphertext: app.deps.cipher.encrypt("EAA-bench") },
  });
}

function appRows(app: RunningServer): NonNullable<IngressTarget["countRows"]> {
  const db = app.deps.db;
  return async (mids) => {
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
  };
}

async function startApp(
  kind: DbKind,
  options: BenchmarkOptions,
  variant: { name: string; env?: Record<string, string>; naive?: boolean },
): Promise<IngressTarget> {
  const opened = await openBenchDatabase(kind, options.postgresAdminUrl);
  let app: RunningServer | undefined;
  try {
    // Workers off: nothing claims the recorded jobs, so only the acknowledgement path is measured.
    app = await startBenchApp({
      database: opened.database,
      workers: false,
      ...(variant.env ? { env: variant.env } : {}),
    });
    await connectBenchPage(app);
    const running = app;
    const naive = variant.naive ? await startNaiveInlineServer(app.deps) : undefined;
    return {
      name: variant.name,
      database: opened.label,
      url: naive?.url ?? app.url,
      path: "/webhooks/meta",
      ...(naive ? {} : { countRows: appRows(app) }),
      close: async () => {
        await naive?.close();
        running.server.closeAllConnections();
        await running.stop();
        await opened.dispose();
      },
    };
  } catch (error) {
    await app?.stop().catch(() => undefined);
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
  if (name === "app-pglite") return startApp("pglite", options, { name: "real app, workers off" });
  if (name === "app-postgres-no-group-commit")
    return startApp("postgres", options, {
      name: "real app, workers off, group commit off (`INBOX_GROUP_COMMIT_MS=0`)",
      env: { INBOX_GROUP_COMMIT_MS: "0" },
    });
  if (name === "naive-postgres")
    return startApp("postgres", options, {
      name: "naive: the inbox job's work inline, 200 after it (no inbox)",
      naive: true,
    });
  return startApp("postgres", options, { name: "real app, workers off" });
}
