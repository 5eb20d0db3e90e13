import type { Benchmark, BenchmarkReport } from "../benchmark.js";
import { percentile, round } from "../lib/percentile.js";
import { BENCH_ENV } from "./bench-app.js";
import { startTarget, TARGET_NAMES, type IngressTarget, type TargetName } from "./ingress-targets.js";
import { metaIngressNotes } from "./meta-ingress-notes.js";
import { metaMessageRequests } from "./meta-webhook-requests.js";
import { runLoad, type LoadRun } from "./run-load.js";

const PAGE_ID = "1000000000099";

export interface IngressRow {
  target: IngressTarget;
  run: LoadRun;
  count: number;
  /** Non-2xx answers plus socket errors. */
  errors: number;
  check: string;
}

function flagNumber(value: string | undefined, fallback: number, name: string): number {
  const n = Number(value ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
}

async function measure(
  name: TargetName,
  count: number,
  concurrency: number,
  warmup: number,
  options: Parameters<Benchmark["run"]>[0],
) {
  const target = await startTarget(name, options);
  try {
    const { requests, mids } = metaMessageRequests({
      count: warmup + count,
      pageId: PAGE_ID,
      appSecret: BENCH_ENV.META_APP_SECRET,
      path: target.path,
      shoppers: 500,
    });
    const run = await runLoad({ url: target.url, concurrency, warmup, requests });
    const ok = Object.entries(run.statuses).reduce((n, [s, c]) => (s.startsWith("2") ? n + c : n), 0);
    const errors = count - ok;
    let check = "stores nothing";
    if (target.countRows) {
      // Warm-up requests are stored too; every one of the warmup + count mids must be there exactly once.
      const stored = await target.countRows(mids);
      const expected = mids.length;
      const good = stored.rows === expected && stored.distinct === expected && (stored.jobs ?? expected) === expected;
      check =
        `${good ? "ok" : "MISMATCH"}: ${stored.rows} rows, ${stored.distinct} distinct mids` +
        `${stored.jobs !== undefined ? `, ${stored.jobs} jobs` : ""} for ${expected} requests`;
    }
    return { target, run, count, errors, check };
  } finally {
    await target.close();
  }
}

export const metaIngressBenchmark: Benchmark = {
  name: "meta-ingress",
  description:
    "Signed Messenger webhooks acknowledged per second, p50/p99, real app (workers off) on PGlite and PostgreSQL vs bare and minimal servers",
  async run(options): Promise<BenchmarkReport> {
    const count = flagNumber(options.flags.requests, 5_000, "requests");
    const concurrency = flagNumber(options.flags.concurrency, 50, "concurrency");
    const warmup = flagNumber(options.flags.warmup, 250, "warmup");
    const names = options.flags.targets
      ? (options.flags.targets.split(",").map((s) => s.trim()) as TargetName[])
      : TARGET_NAMES;
    const rows: IngressRow[] = [];
    for (const name of names) {
      if (!TARGET_NAMES.includes(name)) throw new Error(`unknown target ${name}; known: ${TARGET_NAMES.join(", ")}`);
      const row = await measure(name, count, concurrency, warmup, options);
      rows.push(row);
      options.log(
        `meta-ingress ${name}: ${Math.round(count / (row.run.elapsedMs / 1000))} req/s, ` +
          `p50 ${round(percentile(row.run.latenciesMs, 50), 1)} ms, p99 ${round(percentile(row.run.latenciesMs, 99), 1)} ms, ` +
          `errors ${row.errors}; ${row.check}`,
      );
    }
    return {
      summary:
        `${count.toLocaleString("en-US")} signed Messenger \`messages\` webhooks per target (one entry, one event, unique ~90-character mid, ` +
        `~400 bytes, \`X-Hub-Signature-256\` over the exact bytes), ${concurrency} in flight, after ${warmup} warm-up requests that are not timed. ` +
        "The load generator is a forked Node process using `node:http` with a keep-alive `Agent` " +
        `(maxSockets ${concurrency}); latency is request start to last response byte as the generator saw it. ` +
        "Every server runs in the bench process on 127.0.0.1; generator, server and PostgreSQL share the machine's cores.",
      tables: [
        {
          title: `${count.toLocaleString("en-US")} requests, ${concurrency} in flight`,
          headers: [
            "server",
            "database",
            "acks/s",
            "p50 ms",
            "p99 ms",
            "max ms",
            "errors",
            "rows check",
            "server CPU %",
            "generator CPU %",
            "machine busy %",
          ],
          align: ["left", "left", "right", "right", "right", "right", "right", "left", "right", "right", "right"],
          rows: rows.map((r) => [
            r.target.name,
            r.target.database,
            Math.round(r.count / (r.run.elapsedMs / 1000)),
            round(percentile(r.run.latenciesMs, 50), 1),
            round(percentile(r.run.latenciesMs, 99), 1),
            round(Math.max(...r.run.latenciesMs), 1),
            r.errors,
            r.check,
            Math.round((r.run.serverCpuMs / r.run.wallMs) * 100),
            Math.round((r.run.cpuMs / r.run.elapsedMs) * 100),
            Math.round(r.run.machineBusyPercent),
          ]),
        },
      ],
      notes: metaIngressNotes(rows),
    };
  },
};
