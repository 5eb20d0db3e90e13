import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM script without types; its shape is checked by these tests
import { ensureServerBuild, isBuildCurrent } from "../../scripts/server-build.mjs";
import { projectPath } from "../../web/server/lib/project-root.js";
import { waitFor } from "../helpers/wait-for.js";

// Inside the repository, as dist/ is, so the compiled code finds the project root the same way.
const outDir = mkdtempSync(projectPath("test-results", "dist-"));
const dataDir = mkdtempSync(projectPath("test-results", "start-data-"));
let server: ChildProcess | undefined;

afterAll(() => {
  server?.kill("SIGKILL");
  rmSync(outDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the production build (npm run build / npm start)", () => {
  it("builds when there is no build, then finds the current one instead of building again", () => {
    expect(isBuildCurrent(outDir)).toBe(false);
    const first = ensureServerBuild({ outDir, log: () => {} });
    expect(first).toEqual({ main: join(outDir, "web/server/main.js"), built: true });
    expect(isBuildCurrent(outDir)).toBe(true);
    expect(ensureServerBuild({ outDir, log: () => {} }).built).toBe(false);
  }, 240_000); // a full type-checked compile; minutes on a loaded 2-core machine

  it("calls a build older than the sources stale", () => {
    const past = new Date(Date.now() - 365 * 24 * 3600_000);
    utimesSync(join(outDir, ".build-stamp"), past, past);
    expect(isBuildCurrent(outDir)).toBe(false);
  });

  it("serves from the compiled JavaScript, migrations and all", async () => {
    server = spawn(process.execPath, [join(outDir, "web/server/main.js")], {
      env: {
        PATH: process.env.PATH,
        SHOPIFY_API_KEY: "key",
        SHOPIFY_API_SECRET: "secret",
        SHOPIFY_APP_URL: "https://app.example.com",
        META_APP_ID: "1",
        META_APP_SECRET: "meta-secret",
        META_VERIFY_TOKEN: "verify",
        ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
        DATA_DIR: dataDir,
        PORT: "0",
        WORKER_CONCURRENCY: "0",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const port = await waitFor(() => /"port":(\d+)/.exec(output)?.[1], { what: "server listening", timeoutMs: 30_000 });
    expect(output).toContain("20261122000000_init");
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
  }, 120_000);
});
