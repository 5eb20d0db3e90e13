// Runs after `npm install`/`npm ci`: generates the Prisma client so a fresh clone works offline.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

if (!existsSync("prisma/schema.prisma")) process.exit(0);
const result = spawnSync(process.execPath, ["scripts/prisma-generate.mjs"], { stdio: "inherit" });
process.exit(result.status ?? 1);
