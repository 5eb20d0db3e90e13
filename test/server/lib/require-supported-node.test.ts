import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { unsupportedNodeMessage } from "../../../web/server/lib/require-supported-node.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));

describe("Node version check", () => {
  it("refuses Node older than 22.12 and names the version and the fix", () => {
    for (const old of ["20.18.1", "v21.7.3", "22.11.0"]) {
      expect(unsupportedNodeMessage(old)).toMatch(new RegExp(`needs Node 22\\.12\\.0 or newer; this is Node ${old}`));
    }
    expect(unsupportedNodeMessage("20.1.0")).toMatch(/npm start/);
    for (const ok of ["22.12.0", "22.23.3", "23.0.0", "24.1.0"]) expect(unsupportedNodeMessage(ok)).toBeUndefined();
  });

  // Each entry point runs on a Node that reports 20.18.1: it must stop before loading its config (which would
  // fail with "Invalid configuration" in this empty environment) or starting anything.
  const dir = mkdtempSync(join(tmpdir(), "old-node-"));
  const spoof = join(dir, "pretend-node-20.mjs");
  writeFileSync(spoof, `Object.defineProperty(process.versions, "node", { value: "20.18.1" });\n`);
  for (const [name, entry, args] of [
    ["server", "web/server/main.ts", []],
    ["CLI", "web/server/cli/main.ts", ["shops"]],
    ["sandbox", "sandbox/main.ts", ["--port", "0", "--data-dir", join(dir, "sandbox")]],
  ] as const) {
    it(`the ${name} entry point exits at once with the message on Node 20`, () => {
      const run = spawnSync(process.execPath, ["--import", spoof, "--import", "tsx", entry, ...args], {
        cwd: root,
        encoding: "utf8",
        timeout: 60_000,
        env: { PATH: process.env.PATH, DATA_DIR: join(dir, "data") },
      });
      expect(run.stderr).toMatch(/needs Node 22\.12\.0 or newer; this is Node 20\.18\.1/);
      expect(run.stderr).not.toMatch(/Invalid configuration/);
      expect(run.status).toBe(2);
    }, 90_000);
  }
});
