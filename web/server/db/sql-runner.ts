import pg from "pg";
import type { PGlite } from "@electric-sql/pglite";

/** Plain SQL access for the migrator (multi-statement scripts, advisory locks), below Prisma. */
export interface SqlRunner {
  exec(sql: string): Promise<void>;
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export function pgliteRunner(db: PGlite): SqlRunner {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
      (await db.query<T>(sql, params)).rows,
    close: async () => {},
  };
}

export async function postgresRunner(url: string): Promise<SqlRunner> {
  const client = new pg.Client({ connectionString: url });
  // A dropped connection fails the migrator's next query; unhandled, the 'error' event would end the process.
  client.on("error", () => undefined);
  await client.connect();
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
      (await client.query(sql, params)).rows as T[],
    close: () => client.end(),
  };
}
