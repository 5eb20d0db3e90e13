import { mkdtempSync, mkdirSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMigrations, migrate, MIGRATIONS_DIR } from "../../../web/server/db/migrate.js";
import { postgresRunner } from "../../../web/server/db/sql-runner.js";
import { createPostgresDatabase } from "../../helpers/db.js";

describe("SQL migrator on PostgreSQL", () => {
  let target: Awaited<ReturnType<typeof createPostgresDatabase>>;
  beforeAll(async () => {
    target = await createPostgresDatabase();
  });
  afterAll(async () => {
    await target?.drop();
  });

  it("applies each migration exactly once when several instances start together", async () => {
    const runners = await Promise.all([1, 2, 3].map(() => postgresRunner(target.url)));
    try {
      const results = await Promise.all(runners.map((r) => migrate(r)));
      const applied = results.flatMap((r) => r.applied);
      expect(applied).toEqual(listMigrations().map((m) => m.name));
      const rows = await runners[0]!.query<{ migration_name: string; finished_at: Date | null; checksum: string }>(
        `SELECT migration_name, finished_at, checksum FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      expect(rows.map((r) => r.migration_name)).toEqual(applied);
      for (const row of rows) {
        expect(row.finished_at).not.toBeNull();
        expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      }
      expect((await migrate(runners[0]!)).applied).toEqual([]);
    } finally {
      await Promise.all(runners.map((r) => r.close()));
    }
  });

  it("refuses to run when an applied migration was edited afterwards", async () => {
    const dir = mkdtempSync(join(tmpdir(), "migrations-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const first = listMigrations(dir)[0]!;
    writeFileSync(join(dir, first.name, "migration.sql"), `${first.sql}\n-- edited\n`);
    const runner = await postgresRunner(target.url);
    try {
      await expect(migrate(runner, dir)).rejects.toThrow(/was changed after it was applied/);
    } finally {
      await runner.close();
    }
  });

  it("rolls back a failing migration completely and reports which one", async () => {
    const fresh = await createPostgresDatabase();
    const dir = mkdtempSync(join(tmpdir(), "migrations-"));
    mkdirSync(join(dir, "20990101000000_broken"));
    writeFileSync(
      join(dir, "20990101000000_broken", "migration.sql"),
      "CREATE TABLE half (id int); SELECT * FROM missing_table;",
    );
    const runner = await postgresRunner(fresh.url);
    try {
      await expect(migrate(runner, dir)).rejects.toThrow(/20990101000000_broken failed/);
      const tables = await runner.query(`SELECT 1 FROM pg_tables WHERE tablename = 'half'`);
      expect(tables).toHaveLength(0);
      const recorded = await runner.query(`SELECT 1 FROM "_prisma_migrations"`);
      expect(recorded).toHaveLength(0);
    } finally {
      await runner.close();
      await fresh.drop();
    }
  });
});
