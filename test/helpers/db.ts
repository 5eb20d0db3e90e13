import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe } from "vitest";
import { openDatabase, type Database } from "../../web/server/db/open-database.js";

/** The PostgreSQL server tests use; it must be reachable (CI and developer machines run one). */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type DbKind = "pglite" | "postgres";
export const DB_KINDS: DbKind[] = ["pglite", "postgres"];

/** Creates an empty PostgreSQL database for one test file and returns its URL and a drop function. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `mc_test_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  // A dropped connection rejects the query; an unhandled 'error' event would end the test process instead.
  admin.on("error", () => undefined);
  await admin.connect().catch((error: Error) => {
    throw new Error(`PostgreSQL is required for the tests (${POSTGRES_ADMIN_URL}): ${error.message}`);
  });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      client.on("error", () => undefined);
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface TestDatabase extends Database {
  url?: string;
  truncate(): Promise<void>;
}

export async function openTestDatabase(kind: DbKind): Promise<TestDatabase> {
  let drop: (() => Promise<void>) | undefined;
  let url: string | undefined;
  let db: Database;
  if (kind === "postgres") {
    const created = await createPostgresDatabase();
    drop = created.drop;
    url = created.url;
    db = await openDatabase({ kind: "postgres", url }, { poolSize: 8 });
  } else {
    db = await openDatabase({ kind: "memory" });
  }
  await db.migrate();
  return {
    ...db,
    url,
    truncate: async () => {
      const tables = await db.prisma.$queryRawUnsafe<{ tablename: string }[]>(
        `SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
      );
      if (tables.length === 0) return;
      await db.prisma.$executeRawUnsafe(
        `TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`,
      );
    },
    close: async () => {
      await db.close();
      await drop?.();
    },
  };
}

/** Runs the same suite on embedded PGlite and on PostgreSQL, with empty tables before each test. */
export function describeEachDatabase(name: string, suite: (db: () => TestDatabase, kind: DbKind) => void): void {
  for (const kind of DB_KINDS) {
    describe(`${name} [${kind}]`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await openTestDatabase(kind);
      });
      afterAll(async () => {
        await database?.close();
      });
      beforeEach(async () => {
        await database?.truncate();
      });
      suite(() => {
        if (!database) throw new Error("database not open yet");
        return database;
      }, kind);
    });
  }
}
