import { fork } from "node:child_process";
import { cpus } from "node:os";
import { resolve } from "node:path";
import { LOAD_GENERATOR_ARG, type LoadPlan, type LoadResult } from "./load-generator.js";

const CHILD = resolve(import.meta.dirname, "load-generator.ts");
/** A stuck run must end the bench, not hang it. */
const RUN_LIMIT_MS = 150_000;

export interface LoadRun extends LoadResult {
  /** CPU time of this (server) process during the whole run, warm-up and fork included (ms), and that run's wall time. */
  serverCpuMs: number;
  wallMs: number;
  /** Share of all cores busy during the run (every process on the machine: generator, app, PostgreSQL, others). */
  machineBusyPercent: number;
  /** Highest resident set size of this (server) process sampled every 100 ms during the run (bytes). */
  peakRssBytes: number;
}

function cpuTotals(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const c of cpus()) {
    const t = c.times.user + c.times.nice + c.times.sys + c.times.irq + c.times.idle;
    total += t;
    busy += t - c.times.idle;
  }
  return { busy, total };
}

/**
 * Runs a load plan in a forked Node process (same tsx loader as this one, inherited through execArgv) and
 * resolves with its result. The child is killed if it does not answer within RUN_LIMIT_MS.
 */
export function runLoad(plan: LoadPlan, limitMs = RUN_LIMIT_MS): Promise<LoadRun> {
  const machineBefore = cpuTotals();
  const serverBefore = process.cpuUsage();
  const wallStart = performance.now();
  let peakRssBytes = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss());
  }, 100);
  const child = fork(CHILD, [LOAD_GENERATOR_ARG], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise<LoadRun>((resolvePromise, reject) => {
    child.once("exit", () => clearInterval(sampler));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`load generator did not finish within ${limitMs} ms`));
    }, limitMs);
    child.once("message", (message: { ok: true; result: LoadResult } | { ok: false; error: string }) => {
      clearTimeout(timer);
      if (!message.ok) return reject(new Error(`load generator failed: ${message.error}`));
      const server = process.cpuUsage(serverBefore);
      const machineAfter = cpuTotals();
      const busy = machineAfter.busy - machineBefore.busy;
      const total = machineAfter.total - machineBefore.total;
      resolvePromise({
        ...message.result,
        serverCpuMs: (server.user + server.system) / 1000,
        wallMs: performance.now() - wallStart,
        machineBusyPercent: total > 0 ? (busy / total) * 100 : Number.NaN,
        peakRssBytes: Math.max(peakRssBytes, process.memoryUsage.rss()),
      });
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`load generator exited with code ${code} before answering`));
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.send(plan);
  });
}
