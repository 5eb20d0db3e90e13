// The production server's compiled JavaScript: `npm run build` writes it, `npm start` runs it and builds it
// first when it is missing or older than the sources. tsc (not a bundler) keeps the source layout, so stack
// traces, source maps and paths found from a module's location read the same as in the source tree.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const SOURCES = ["web/server", "web/shared", "tsconfig.json", "tsconfig.build.json", "package-lock.json"];
const STAMP = ".build-stamp";

function newestMtime(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Whether `outDir` holds a build at least as new as every source file. */
export function isBuildCurrent(outDir) {
  const stamp = statSync(join(outDir, STAMP), { throwIfNoEntry: false });
  if (!stamp || !existsSync(join(outDir, "web/server/main.js"))) return false;
  return SOURCES.every((source) => newestMtime(join(ROOT, source)) <= stamp.mtimeMs);
}

/** Compiles the server into `outDir` with the type checker; a type error fails the build and writes nothing. */
export function buildServer(outDir, log = (line) => console.error(line)) {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const project = join(ROOT, "tsconfig.build.json");
  log(`building the server (tsc -p tsconfig.build.json → ${relative(ROOT, outDir) || outDir})…`);
  const result = spawnSync(process.execPath, [tsc, "-p", project, "--outDir", outDir], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`the server build failed (tsc exit ${result.status ?? result.signal})`);
  writeFileSync(join(outDir, STAMP), `${new Date().toISOString()}\n`);
}

/** Returns the compiled entry point, building first when needed. */
export function ensureServerBuild({ outDir = join(ROOT, "dist"), log } = {}) {
  const built = !isBuildCurrent(outDir);
  if (built) buildServer(outDir, log);
  return { main: join(outDir, "web/server/main.js"), built };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  buildServer(resolve(ROOT, process.argv[2] ?? "dist"));
}
