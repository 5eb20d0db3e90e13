// Child-process entry: POSTs a prepared list of requests with a fixed number in flight over keep-alive
// connections (node:http Agent), and reports per-request acknowledgement latency. Forked by run-load.ts so
// the generator has its own event loop (it still shares the machine's cores with the server under test).
import { Agent, request } from "node:http";

export interface LoadRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadPlan {
  url: string;
  concurrency: number;
  /** The first `warmup` requests run before the clock starts (JIT, connection set-up, caches). */
  warmup: number;
  requests: LoadRequest[];
  /**
   * Open loop: start measured request i at i / ratePerSecond seconds, whether or not earlier ones have
   * been answered (up to `concurrency` in flight), as webhooks arrive in production. Absent: closed loop,
   * `concurrency` requests always in flight.
   */
  ratePerSecond?: number;
}

export interface LoadResult {
  /** Measured requests only (after the warm-up). */
  latenciesMs: number[];
  statuses: Record<string, number>;
  /** Socket errors and timeouts; a non-2xx answer counts under its status, not here. */
  errors: number;
  elapsedMs: number;
  /** Wall-clock (epoch ms) when the measured phase started and ended. */
  startedAt: number;
  endedAt: number;
  /** CPU time of the generator process during the measured phase (ms). */
  cpuMs: number;
  /** Epoch ms at which each measured request was sent. */
  sentAt: number[];
}

const TIMEOUT_MS = 30_000;

function send(agent: Agent, base: URL, r: LoadRequest): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const body = Buffer.from(r.body, "utf8");
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path: r.path,
        method: "POST",
        headers: { ...r.headers, "content-length": String(body.length) },
        timeout: TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
        res.on("error", () => resolve({ status: 0, ms: performance.now() - started }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve({ status: 0, ms: performance.now() - started }));
    req.end(body);
  });
}

async function runAll(agent: Agent, base: URL, list: LoadRequest[], concurrency: number, ratePerSecond?: number) {
  const latencies: number[] = new Array<number>(list.length);
  const sentAt: number[] = new Array<number>(list.length);
  const t0 = performance.now();
  const epoch0 = Date.now();
  const statuses: Record<string, number> = {};
  let errors = 0;
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < list.length; i = next++) {
      if (ratePerSecond) {
        const due = (i * 1000) / ratePerSecond - (performance.now() - t0);
        if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
      }
      sentAt[i] = epoch0 + (performance.now() - t0);
      const { status, ms } = await send(agent, base, list[i] as LoadRequest);
      latencies[i] = ms;
      if (status === 0) errors++;
      else statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, list.length) }, lane));
  return { latencies, statuses, errors, sentAt };
}

export async function runPlan(plan: LoadPlan): Promise<LoadResult> {
  const base = new URL(plan.url);
  const agent = new Agent({ keepAlive: true, maxSockets: plan.concurrency });
  try {
    await runAll(agent, base, plan.requests.slice(0, plan.warmup), plan.concurrency);
    const cpu = process.cpuUsage();
    const startedAt = Date.now();
    const t0 = performance.now();
    const measured = await runAll(agent, base, plan.requests.slice(plan.warmup), plan.concurrency, plan.ratePerSecond);
    const elapsedMs = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    return {
      latenciesMs: measured.latencies,
      statuses: measured.statuses,
      errors: measured.errors,
      elapsedMs,
      startedAt,
      endedAt: startedAt + elapsedMs,
      cpuMs: (used.user + used.system) / 1000,
      sentAt: measured.sentAt,
    };
  } finally {
    agent.destroy();
  }
}

/** fork() passes this argument; a plain import (e.g. of the types) must not start listening. */
export const LOAD_GENERATOR_ARG = "--bench-load-generator";

// Only when forked: one plan in, one result out, then exit.
if (process.send && process.argv.includes(LOAD_GENERATOR_ARG)) {
  process.once("message", (plan: LoadPlan) => {
    runPlan(plan).then(
      (result) => process.send?.({ ok: true, result }, undefined, {}, () => process.exit(0)),
      (error: unknown) => process.send?.({ ok: false, error: String(error) }, undefined, {}, () => process.exit(1)),
    );
  });
}
