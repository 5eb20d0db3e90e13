import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Benchmark } from "../benchmark.js";
import { percentile, round } from "../lib/percentile.js";
// @ts-expect-error plain ESM script without types
import { ensureServerBuild } from "../../scripts/server-build.mjs";
import { projectPath } from "../../web/server/lib/project-root.js";

interface StartupSample {
  /** Spawn to the first 200 from /healthz. */
  readyMs: number;
  /** Resident set size of the server process at that moment. */
  rssMb: number;
}

const ENV = {
  SHOPIFY_API_KEY: "bench-key",
  SHOPIFY_API_SECRET: "bench-secret",
  SHOPIFY_APP_URL: "https://bench.example.com",
  META_APP_ID: "1",
  META_APP_SECRET: "bench-meta-secret",
  META_VERIFY_TOKEN: "bench-verify",
  ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
  WORKER_CONCURRENCY: "0",
  LOG_LEVEL: "info",
  PORT: "0",
};

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) / 1024 : Number.NaN;
}

/** Starts the server with `args`, waits for /healthz, measures, and kills it. */
async function startOnce(args: string[], dataDir: string): Promise<StartupSample> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: projectPath(),
    env: { PATH: process.env.PATH, ...ENV, DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "ignore"],
  });
  try {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 60_000;
    for (;;) {
      const port = /"port":(\d+)/.exec(output)?.[1];
      if (port) {
        const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return { readyMs: performance.now() - started, rssMb: rssMb(child.pid as number) };
      }
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

export const startupBenchmark: Benchmark = {
  name: "startup",
  description: "server start-up time and RSS: tsx from source against compiled dist/ (npm start)",
  async run({ log, flags }) {
    const runs = Number(flags.runs ?? 5);
    const { main } = ensureServerBuild({ log }) as { main: string };
    const work = mkdtempSync(join(tmpdir(), "mc-startup-"));
    try {
      // Migrate once, then start every run from a copy of that folder: the figure is process start-up,
      // not the first install's migrations.
      const template = join(work, "template");
      await startOnce([main], template);
      const modes = [
        { label: "tsx from source (before)", args: ["--import", "tsx", "web/server/main.ts"] },
        { label: "compiled dist/ (npm start)", args: [main] },
      ];
      const rows: (string | number)[][] = [];
      for (const mode of modes) {
        const samples: StartupSample[] = [];
        for (let i = 0; i < runs; i++) {
          const dataDir = join(work, `${samples.length}-${mode.args.length}`);
          cpSync(template, dataDir, { recursive: true });
          samples.push(await startOnce(mode.args, dataDir));
          log(`${mode.label}: ${Math.round(samples.at(-1)?.readyMs ?? 0)} ms`);
        }
        const ready = samples.map((s) => s.readyMs);
        const rss = samples.map((s) => s.rssMb);
        rows.push([
          mode.label,
          runs,
          round(percentile(ready, 50), 0),
          round(Math.max(...ready), 0),
          round(percentile(rss, 50), 0),
        ]);
      }
      return {
        summary: `Time from spawning the server process (embedded PGlite, already migrated, workers off) to its first 200 from \`/healthz\`, and its RSS then; median of ${runs} starts per mode.`,
        tables: [{ headers: ["how it runs", "starts", "ready p50 (ms)", "ready max (ms)", "RSS p50 (MB)"], rows }],
        notes: [
          "Compiled JavaScript skips tsx's on-the-fly transpiling of every module at start, and the transpiler itself is never loaded. `npm start` checks that `dist/` is newer than the sources and rebuilds (tsc, about 10 s) only when it is not.",
        ],
      };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};
