import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Decision = { action: "none" } | { action: "install" } | { action: "stop"; message: string };
interface ChromiumCheck {
  decideChromium(input: { chromiumPresent: boolean; isRoot: boolean; hasAptGet: boolean; args: string[] }): Decision;
  ensureChromium(options: {
    args: string[];
    chromiumPath?: string;
    isRoot?: boolean;
    hasAptGet?: boolean;
    run?: (command: string, args: string[]) => number;
    log?: (line: string) => void;
  }): boolean;
  INSTALL_HINT: string;
}

let check: ChromiumCheck;
const dir = mkdtempSync(join(tmpdir(), "chromium-check-"));
beforeAll(async () => {
  check = (await import(pathToFileURL(resolve("scripts/chromium-check.mjs")).href)) as ChromiumCheck;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("decideChromium (npm test on a machine without Debian's Chromium)", () => {
  const missing = { chromiumPresent: false, isRoot: true, hasAptGet: true, args: [] };
  it("does nothing when Chromium is installed", () => {
    expect(check.decideChromium({ ...missing, chromiumPresent: true })).toEqual({ action: "none" });
  });
  it("installs it when the user is root and apt-get exists, as playwright install --with-deps would", () => {
    expect(check.decideChromium(missing)).toEqual({ action: "install" });
    expect(check.decideChromium({ ...missing, args: ["test/browser/admin.browser.test.ts"] })).toEqual({
      action: "install",
    });
  });
  it("stops with the exact command when the user cannot install packages", () => {
    for (const input of [
      { ...missing, isRoot: false },
      { ...missing, hasAptGet: false },
    ]) {
      const decision = check.decideChromium(input);
      expect(decision.action).toBe("stop");
      expect(decision.action === "stop" && decision.message).toContain(
        "sudo apt-get update && sudo apt-get install -y chromium",
      );
    }
  });
  it("needs no browser for a run limited to other test files", () => {
    expect(check.decideChromium({ ...missing, isRoot: false, args: ["test/server/config.test.ts"] })).toEqual({
      action: "none",
    });
    expect(check.decideChromium({ ...missing, isRoot: false, args: ["--reporter=dot"] }).action).toBe("stop");
  });
});

describe("ensureChromium", () => {
  it("runs apt-get update, then apt-get install -y chromium, and goes on once the browser is there", () => {
    const chromiumPath = join(dir, "chromium");
    const calls: string[] = [];
    const ok = check.ensureChromium({
      args: [],
      chromiumPath,
      isRoot: true,
      hasAptGet: true,
      log: () => {},
      run: (command, args) => {
        calls.push([command, ...args].join(" "));
        if (args[0] === "install") writeFileSync(chromiumPath, "#!/bin/sh\n");
        return 0;
      },
    });
    expect(ok).toBe(true);
    expect(calls).toEqual(["apt-get update", "apt-get install -y chromium"]);
  });

  it("stops at once, without running anything, when it may not install", () => {
    const lines: string[] = [];
    const ran: string[] = [];
    const ok = check.ensureChromium({
      args: [],
      chromiumPath: join(dir, "absent"),
      isRoot: false,
      hasAptGet: true,
      log: (line) => lines.push(line),
      run: (command) => (ran.push(command), 0),
    });
    expect(ok).toBe(false);
    expect(ran).toEqual([]);
    expect(lines.join("\n")).toContain(check.INSTALL_HINT);
  });

  it("stops with the command when apt-get fails or leaves no browser", () => {
    const lines: string[] = [];
    const failing = check.ensureChromium({
      args: [],
      chromiumPath: join(dir, "absent"),
      isRoot: true,
      hasAptGet: true,
      log: (line) => lines.push(line),
      run: (_command, args) => (args[0] === "install" ? 100 : 0),
    });
    expect(failing).toBe(false);
    expect(lines.at(-1)).toContain(check.INSTALL_HINT);
    const empty = check.ensureChromium({
      args: [],
      chromiumPath: join(dir, "absent"),
      isRoot: true,
      hasAptGet: true,
      log: (line) => lines.push(line),
      run: () => 0,
    });
    expect(empty).toBe(false);
    expect(lines.at(-1)).toMatch(/still missing/);
  });
});
