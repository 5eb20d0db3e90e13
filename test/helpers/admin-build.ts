import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { ADMIN_DIST_DIR } from "../../web/server/admin-ui/admin-ui.router.js";

/**
 * Where tests keep the admin build their sandboxes serve (ADMIN_DIST_DIR), built when missing. Never
 * web/frontend/dist: that is the production build a developer made, and a test run must leave it alone.
 */
export const TEST_ADMIN_DIST_DIR = resolve("test-results/admin-dist");

/** A fingerprint of the production admin build, to prove a test run did not write it. */
export function productionAdminBuild(): string {
  const index = join(ADMIN_DIST_DIR, "index.html");
  return existsSync(index) ? `built at ${statSync(index).mtimeMs}` : "absent";
}
