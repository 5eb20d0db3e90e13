import { readFileSync } from "node:fs";
import { cpus, loadavg, platform, release, totalmem } from "node:os";
import { resolve } from "node:path";
import pg from "pg";
import { survivingTeardown } from "./postgres-database.js";

export interface Machine {
  cpu: string;
  cpuCount: number;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  pglite: string;
  /** 1-minute load average when the run started: other work on the box (tests, builds) skews timings. */
  load: number;
}

async function postgresVersion(adminUrl: string): Promise<string> {
  const client = survivingTeardown(new pg.Client({ connectionString: adminUrl }));
  try {
    await client.connect();
    const result = await client.query<{ server_version: string }>("SHOW server_version");
    return result.rows[0]?.server_version ?? "unknown";
  } catch (error) {
    return `unreachable (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function packageVersion(name: string): string {
  try {
    // Read the file directly: the package's `exports` map does not expose package.json.
    const path = resolve(import.meta.dirname, "..", "..", "node_modules", name, "package.json");
    return (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

/** Where the numbers came from: results only compare between runs on the same line of this. */
export async function describeMachine(postgresAdminUrl: string): Promise<Machine> {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? "unknown",
    cpuCount: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    postgres: await postgresVersion(postgresAdminUrl),
    pglite: packageVersion("@electric-sql/pglite"),
    load: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

export function formatMachine(m: Machine): string {
  return (
    `${m.cpuCount} × ${m.cpu}, ${m.memoryGiB} GiB RAM, ${m.os}; Node ${m.node}; ` +
    `PostgreSQL ${m.postgres} on 127.0.0.1; PGlite ${m.pglite} (in memory)`
  );
}
