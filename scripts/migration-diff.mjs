// Writes the next migration's SQL: the diff between the schema saved with the latest migration and
// prisma/schema.prisma. Usage: npm run db:diff -- <name>
// Prisma's diff needs a reachable PostgreSQL (DATABASE_URL, default the local server); it changes nothing there.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:diff -- <snake_case_name>");
  process.exit(2);
}
const dir = "prisma/migrations";
const previous = readdirSync(dir)
  .filter((d) => /^\d{14}_/.test(d))
  .sort()
  .at(-1);
const from = previous ? ["--from-schema-datamodel", join(dir, previous, "schema.prisma")] : ["--from-empty"];
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres",
};
const result = spawnSync(
  "prisma",
  ["migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { env, encoding: "utf8" },
);
if (result.status !== 0) {
  console.error(result.stderr);
  process.exit(result.status ?? 1);
}
if (!/\b(CREATE|ALTER|DROP)\b/.test(result.stdout)) {
  console.log("schema.prisma matches the latest migration: nothing to write.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const target = join(dir, `${stamp}_${name}`);
if (existsSync(target)) throw new Error(`${target} exists`);
mkdirSync(target);
writeFileSync(join(target, "migration.sql"), result.stdout);
copyFileSync("prisma/schema.prisma", join(target, "schema.prisma"));
console.log(`wrote ${target}/migration.sql`);
