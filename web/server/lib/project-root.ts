import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository root (the folder with package.json), found from this module's own location. The server
 * runs from source (tsx) and from the compiled `dist/`, one level deeper, so a fixed `../..` would point at
 * different folders in the two; walking up finds the same root from both.
 */
function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the repository, e.g. projectPath("prisma", "migrations"). */
export function projectPath(...segments: string[]): string {
  return join(PROJECT_ROOT, ...segments);
}
