import type { PrismaClient } from "../../../web/server/db/open-database.js";

/** Every row of every table as text, to prove a secret is stored nowhere in clear. */
export async function dumpDatabase(db: PrismaClient): Promise<string> {
  const tables = await db.$queryRawUnsafe<{ tablename: string }[]>(
    `SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = 'public'`,
  );
  const parts: string[] = [];
  for (const { tablename } of tables) {
    const rows = await db.$queryRawUnsafe<{ row: string }[]>(
      `SELECT row_to_json(t)::text AS row FROM "${tablename}" t`,
    );
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join("\n");
}
