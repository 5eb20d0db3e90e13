import { spawn } from "node:child_process";
import pg from "pg";
import { expect, it } from "vitest";
import {
  createBenchDatabase,
  dropCreatedDatabases,
  dropOrphanedDatabases,
  survivingTeardown,
} from "../../bench/lib/postgres-database.js";
import { POSTGRES_ADMIN_URL } from "../helpers/db.js";

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

const nameOf = (url: string) => new URL(url).pathname.slice(1);

it("drops its database while a pool still holds idle connections, and the pool's error is heard, not fatal", async () => {
  const created = await createBenchDatabase(POSTGRES_ADMIN_URL);
  const errors: Error[] = [];
  const pool = survivingTeardown(new pg.Pool({ connectionString: created.url, max: 3 }), (e) => errors.push(e));
  await Promise.all([pool.query("SELECT 1"), pool.query("SELECT 2"), pool.query("SELECT 3")]);
  await created.drop();
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(errors.length).toBeGreaterThan(0);
  expect(await databaseExists(nameOf(created.url))).toBe(false);
  await pool.end().catch(() => undefined);
});

it("drops every database not yet dropped when the run is cut short", async () => {
  const a = await createBenchDatabase(POSTGRES_ADMIN_URL);
  const b = await createBenchDatabase(POSTGRES_ADMIN_URL);
  await dropCreatedDatabases();
  expect(await databaseExists(nameOf(a.url))).toBe(false);
  expect(await databaseExists(nameOf(b.url))).toBe(false);
});

it("drops databases left by a bench process that is gone, and keeps those of live ones", async () => {
  // A process that exits at once: its pid names a database nobody will drop.
  const child = spawn(process.execPath, ["-e", ""]);
  const deadPid = await new Promise<number>((resolve) => child.on("exit", () => resolve(child.pid as number)));
  const orphan = `mc_bench_${deadPid}_0123456789`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${orphan}`);
  await admin.end();
  const mine = await createBenchDatabase(POSTGRES_ADMIN_URL);
  try {
    const dropped = await dropOrphanedDatabases(POSTGRES_ADMIN_URL);
    expect(dropped).toContain(orphan);
    expect(await databaseExists(orphan)).toBe(false);
    expect(await databaseExists(nameOf(mine.url))).toBe(true);
  } finally {
    await mine.drop();
  }
});
