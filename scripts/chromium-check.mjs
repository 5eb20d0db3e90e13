// Debian's Chromium for the browser tests, as `playwright install --with-deps` would provide a browser:
// installed when missing and this user may install packages (root with apt-get), otherwise the run stops at
// once with the exact command. playwright-core drives /usr/bin/chromium and never downloads a browser.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

export const CHROMIUM_PATH = "/usr/bin/chromium";
export const INSTALL_COMMANDS = [
  ["apt-get", ["update"]],
  ["apt-get", ["install", "-y", "chromium"]],
];
export const INSTALL_HINT = "sudo apt-get update && sudo apt-get install -y chromium";

/**
 * Pure decision. `args` are the test command's own arguments: a run limited to files outside test/browser
 * needs no browser.
 * @param {{ chromiumPresent: boolean, isRoot: boolean, hasAptGet: boolean, args: string[] }} input
 * @returns {{ action: "none" } | { action: "install" } | { action: "stop", message: string }}
 */
export function decideChromium({ chromiumPresent, isRoot, hasAptGet, args }) {
  if (chromiumPresent) return { action: "none" };
  const files = args.filter((a) => !a.startsWith("-"));
  if (files.length > 0 && !files.some((f) => f.includes("browser"))) return { action: "none" };
  if (isRoot && hasAptGet) return { action: "install" };
  return {
    action: "stop",
    message:
      `Chromium is not installed (${CHROMIUM_PATH}); the browser tests need it. Install it with:\n\n` +
      `  ${INSTALL_HINT}\n\nthen run the tests again.` +
      (hasAptGet
        ? ""
        : "\n(apt-get was not found: install Debian's chromium package with this system's package manager.)"),
  };
}

/** Looks for an executable on PATH without running it. */
export function onPath(name, path = process.env.PATH ?? "") {
  return path.split(delimiter).some((dir) => dir && existsSync(join(dir, name)));
}

/**
 * Applies the decision; returns false when the run must stop. `run` spawns one command (stdio inherited).
 * @param {{ args: string[], chromiumPath?: string, isRoot?: boolean, hasAptGet?: boolean,
 *   run?: (command: string, args: string[]) => number, log?: (line: string) => void }} options
 */
export function ensureChromium(options) {
  const chromiumPath = options.chromiumPath ?? CHROMIUM_PATH;
  const log = options.log ?? ((line) => console.log(line));
  const run =
    options.run ??
    ((command, args) =>
      spawnSync(command, args, {
        stdio: "inherit",
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      }).status ?? 1);
  const decision = decideChromium({
    chromiumPresent: existsSync(chromiumPath),
    isRoot: options.isRoot ?? process.getuid?.() === 0,
    hasAptGet: options.hasAptGet ?? onPath("apt-get"),
    args: options.args,
  });
  if (decision.action === "none") return true;
  if (decision.action === "stop") {
    log(decision.message);
    return false;
  }
  log(
    `\n== chromium: not installed; installing Debian's package (${INSTALL_COMMANDS.map(([c, a]) => [c, ...a].join(" ")).join(" && ")})`,
  );
  for (const [command, args] of INSTALL_COMMANDS) {
    if (run(command, args) !== 0) {
      log(`Installing Chromium failed (${command} ${args.join(" ")}). Install it yourself:\n\n  ${INSTALL_HINT}`);
      return false;
    }
  }
  if (!existsSync(chromiumPath)) {
    log(`apt-get finished but ${chromiumPath} is still missing. Install it yourself:\n\n  ${INSTALL_HINT}`);
    return false;
  }
  return true;
}
