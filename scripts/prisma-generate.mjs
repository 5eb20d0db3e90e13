// `prisma generate` falls back to downloading a native query engine when DATABASE_URL is unset,
// which fails offline; any value selects the JS engine path. The URL is never connected to.
import { spawnSync } from "node:child_process";

const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL || "postgresql://generate@localhost/unused",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
const result = spawnSync("prisma", ["generate", "--no-hints"], {
  stdio: "inherit",
  env,
  shell: process.platform === "win32",
});
process.exit(result.status ?? 1);
