import { randomBytes } from "node:crypto";
import pg from "pg";

/** Local only: the bench refuses any other host so it can never load a shared server by accident. */
export const DEFAULT_POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

function assertLocal(adminUrl: string): void {
  const host = new URL(adminUrl).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`benchmarks run against a local PostgreSQL only, not ${host}`);
  }
}

/** Databases created and not yet dropped, so an interrupted run (Ctrl-C) can still clean up. */
const live = new Set<() => Promise<void>>();

export async function dropCreatedDatabases(): Promise<void> {
  await Promise.allSettled([...live].map((drop) => drop()));
}

/** Creates an empty, uniquely named database for one benchmark run; `drop` removes it (FORCE ends sessions). */
export async function createBenchDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  assertLocal(adminUrl);
  const name = `mc_bench_${randomBytes(5).toString("hex")}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    // An error event from a dropped connection must not end the run; the query itself rejects.
    client.on("error", () => undefined);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`).catch((error: Error) => {
    throw new Error(`PostgreSQL is required for this benchmark (${adminUrl}): ${error.message}`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    live.delete(drop);
    await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  live.add(drop);
  return { url: url.toString(), drop };
}
