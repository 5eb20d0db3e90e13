import { existsSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { ADMIN_DIST_DIR } from "../../web/server/admin-ui/admin-ui.router.js";

const VITE_CONFIG = fileURLToPath(new URL("../../web/frontend/vite.config.ts", import.meta.url));
// Unfinished builds wait here, where no linter, typechecker or git looks (same disk as the repo, so the swap is a rename).
const STAGING = fileURLToPath(new URL("../../node_modules/.cache/messenger-admin-build", import.meta.url));

export interface BuildAdminOptions {
  /** Build even when a build exists (tests build the current source). */
  force?: boolean;
  /** Where the build goes (default web/frontend/dist, the production build); tests use a folder of their own. */
  outDir?: string;
  log?: (line: string) => void;
}

/**
 * `npm run build:admin`, programmatically: the sandbox serves the real built admin, so a fresh clone
 * builds it once (a few seconds) before starting. Returns whether it built. The build goes to a folder of
 * its own and is swapped in whole, so a sandbox starting in another process never sees half a build.
 */
export async function ensureAdminBuild(options: BuildAdminOptions = {}): Promise<boolean> {
  const outDir = options.outDir ?? ADMIN_DIST_DIR;
  if (!options.force && existsSync(join(outDir, "index.html"))) return false;
  options.log?.(`building the admin (web/frontend → ${outDir})…`);
  const fresh = join(STAGING, `${process.pid}-${Date.now()}`);
  const old = `${fresh}.old`;
  try {
    // Errors only: the sandbox console stays a few lines (`npm run build:admin` still shows the warnings).
    await build({ configFile: VITE_CONFIG, logLevel: "error", build: { outDir: fresh, emptyOutDir: true } });
    if (!existsSync(join(fresh, "index.html"))) throw new Error(`the admin build wrote no ${fresh}/index.html`);
    try {
      if (existsSync(outDir)) renameSync(outDir, old);
      renameSync(fresh, outDir);
    } catch (error) {
      // Another process installed a build at the same moment: theirs is as good as ours unless forced.
      if (options.force || !existsSync(join(outDir, "index.html"))) throw error;
    }
  } finally {
    rmSync(fresh, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
  return true;
}
