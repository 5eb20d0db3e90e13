import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { ADMIN_DIST_DIR } from "../../web/server/admin-ui/admin-ui.router.js";

const VITE_CONFIG = fileURLToPath(new URL("../../web/frontend/vite.config.ts", import.meta.url));

export interface BuildAdminOptions {
  /** Build even when a build exists (tests build the current source). */
  force?: boolean;
  log?: (line: string) => void;
}

/**
 * `npm run build:admin`, programmatically: the sandbox serves the real built admin, so a fresh clone
 * builds it once (a few seconds) before starting. Returns whether it built.
 */
export async function ensureAdminBuild(options: BuildAdminOptions = {}): Promise<boolean> {
  if (!options.force && existsSync(join(ADMIN_DIST_DIR, "index.html"))) return false;
  options.log?.("building the admin (web/frontend → web/frontend/dist)…");
  await build({ configFile: VITE_CONFIG, logLevel: "warn" });
  if (!existsSync(join(ADMIN_DIST_DIR, "index.html")))
    throw new Error(`the admin build wrote no ${ADMIN_DIST_DIR}/index.html`);
  return true;
}
