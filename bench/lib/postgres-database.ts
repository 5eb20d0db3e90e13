import { randomBytes } from "node:crypto";
import pg from "pg";

/** Local only: the bench refuses any other host so it can never load a shared server by accident. */
export const DEFAULT_POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

/** Bench databases are named mc_bench_<pid>_<random>, so a later run can tell whose process is gone. */
const PREFIX = "mc_bench_";

function assertLocal(adminUrl: string): void {
  const host = new URL(adminUrl).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`benchmarks run against a local PostgreSQL only, not ${host}`);
  }
}

/**
 * Every pg Pool and Client the bench opens goes through here: dropping a database WITH (FORCE) ends its
 * sessions, and an idle pooled connection that is ended emits 'error', which crashes Node when nobody
 * listens. The bench expects that at teardown, so it is reported, never fatal.
 */
export function survivingTeardown<T extends pg.Pool | pg.Client>(
  connection: T,
  onError: (error: Error) => void = () => {},
): T {
  connection.on("error", onError);
  return connection;
}

async function adminQuery(adminUrl: string, sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = survivingTeardown(new pg.Client({ connectionString: adminUrl }));
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Databases created and not yet dropped, so an interrupted run (Ctrl-C) can still clean up. */
const live = new Set<() => Promise<void>>();

export async function dropCreatedDatabases(): Promise<void> {
  await Promise.allSettled([...live].map((drop) => drop()));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Drops bench databases left by runs whose process no longer exists (killed with SIGKILL, machine
 * restarted); databases of a bench still running elsewhere are left alone. Returns the dropped names.
 */
export async function dropOrphanedDatabases(adminUrl: string): Promise<string[]> {
  assertLocal(adminUrl);
  const rows = await adminQuery(adminUrl, "SELECT datname FROM pg_database WHERE datname LIKE $1", [`${PREFIX}%`]);
  const dropped: string[] = [];
  for (const { datname } of rows.rows as { datname: string }[]) {
    const pid = Number(/^mc_bench_(\d+)_[0-9a-f]+$/.exec(datname)?.[1]);
    if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) continue;
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    dropped.push(datname);
  }
  return dropped;
}

/** Creates an empty, uniquely named database for one benchmark run; `drop` removes it (FORCE ends sessions). */
export async function createBenchDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  assertLocal(adminUrl);
  const name = `${PREFIX}${process.pid}_${randomBytes(5).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`).catch((error: Error) => {
    throw new Error(`PostgreSQL is required for this benchmark (${adminUrl}): ${error.message}`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropping: Promise<void> | undefined;
  const drop = () =>
    (dropping ??= adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(
      () => {
        live.delete(drop);
      },
      (error: unknown) => {
        dropping = undefined; // a later call (the run's finally, Ctrl-C) tries again
        throw error;
      },
    ));
  live.add(drop);
  return { url: url.toString(), drop };
}
