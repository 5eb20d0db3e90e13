import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../../web/server/db/migrate.js";
import { postgresRunner, type SqlRunner } from "../../../web/server/db/sql-runner.js";
import { createPostgresDatabase, POSTGRES_ADMIN_URL } from "../../helpers/db.js";

/** Everything about the schema that matters: columns, types, nullability, defaults, keys, indexes. */
async function describeSchema(runner: SqlRunner) {
  const columns = await runner.query(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, datetime_precision
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
      ORDER BY table_name, column_name`,
  );
  const constraints = await runner.query(
    `SELECT conrelid::regclass::text AS table_name, conname, contype, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'
      ORDER BY 1, 2`,
  );
  const indexes = await runner.query(
    `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
      ORDER BY tablename, indexname`,
  );
  return { columns, constraints, indexes };
}

describe("migrations and schema.prisma agree", () => {
  let fromMigrations: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let fromSchema: Awaited<ReturnType<typeof createPostgresDatabase>>;
  beforeAll(async () => {
    [fromMigrations, fromSchema] = await Promise.all([createPostgresDatabase(), createPostgresDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([fromMigrations?.drop(), fromSchema?.drop()]);
  });

  it("gives the same columns, types, nullability, defaults, keys and indexes", async () => {
    // What schema.prisma describes, as SQL, produced by Prisma itself (works offline with the JS engine).
    const diff = spawnSync(
      "prisma",
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      {
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: POSTGRES_ADMIN_URL },
      },
    );
    expect(diff.status, diff.stderr).toBe(0);
    const viaSchema = await postgresRunner(fromSchema.url);
    const viaMigrations = await postgresRunner(fromMigrations.url);
    try {
      await viaSchema.exec(diff.stdout);
      await migrate(viaMigrations);
      const expected = await describeSchema(viaSchema);
      const actual = await describeSchema(viaMigrations);
      expect(expected.columns.length).toBeGreaterThan(20);
      expect(actual.columns).toEqual(expected.columns);
      expect(actual.constraints).toEqual(expected.constraints);
      expect(actual.indexes).toEqual(expected.indexes);
    } finally {
      await Promise.all([viaSchema.close(), viaMigrations.close()]);
    }
  });
});
