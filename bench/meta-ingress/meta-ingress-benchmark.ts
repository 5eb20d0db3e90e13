import type { Benchmark, BenchmarkReport } from "../benchmark.js";
import { join } from "node:path";
import { profileCpu } from "../lib/cpu-profile.js";
import { percentile, round } from "../lib/percentile.js";
import { BENCH_ENV } from "./bench-app.js";
import { INGRESS_PAGE_ID, startTarget, TARGET_NAMES, type IngressTarget, type TargetName } from "./ingress-targets.js";
import { metaIngressNotes } from "./meta-ingress-notes.js";
import { metaMessageRequests } from "./meta-webhook-requests.js";
import { runLoad, type LoadRun } from "./run-load.js";

export interface IngressRow {
  key: TargetName;
  /** Which round of the run (1-based): rows of one round ran back to back. */
  round: number;
  target: IngressTarget;
  run: LoadRun;
  count: number;
  warmup: number;
  /** Non-2xx answers plus socket errors. */
  errors: number;
  check: string;
  /** With --cpu-prof: the server process's busiest places during the measured run. */
  profile?: { place: string; percent: number }[];
}

function flagNumber(value: string | undefined, fallback: number, name: string): number {
  const n = Number(value ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
}

async function measure(
  name: TargetName,
  round_: number,
  count: number,
  concurrency: number,
  warmup: number,
  options: Parameters<Benchmark["run"]>[0],
) {
  const target = await startTarget(name, options);
  try {
    const { requests, mids } = metaMessageRequests({
      count: warmup + count,
      pageId: INGRESS_PAGE_ID,
      appSecret: BENCH_ENV.META_APP_SECRET,
      path: target.path,
      shoppers: 500,
    });
    const plan = { url: target.url, concurrency, warmup, requests };
    const profileDir = options.flags["cpu-prof"];
    let profile: IngressRow["profile"];
    let run;
    if (profileDir) {
      const profiled = await profileCpu(
        () => runLoad(plan, 600_000),
        join(profileDir, `meta-ingress-${name}.cpuprofile`),
      );
      run = profiled.result;
      profile = profiled.summary;
    } else run = await runLoad(plan, 600_000);
    const ok = Object.entries(run.statuses).reduce((n, [s, c]) => (s.startsWith("2") ? n + c : n), 0);
    const errors = count - ok;
    let check = target.database === "none" ? "stores nothing" : "no inbox row (processed inline)";
    if (target.countRows) {
      // Warm-up requests are stored too; every one of the warmup + count mids must be there exactly once.
      const stored = await target.countRows(mids);
      const expected = mids.length;
      const good = stored.rows === expected && stored.distinct === expected && (stored.jobs ?? expected) === expected;
      check =
        `${good ? "ok" : "MISMATCH"}: ${stored.rows} rows, ${stored.distinct} distinct mids` +
        `${stored.jobs !== undefined ? `, ${stored.jobs} jobs` : ""} for ${expected} requests`;
    }
    return { key: name, round: round_, target, run, count, warmup, errors, check, ...(profile ? { profile } : {}) };
  } finally {
    await target.close();
  }
}

export const rate = (r: IngressRow) => r.count / (r.run.elapsedMs / 1000);
/** The server's CPU per acknowledged request, warm-up included (its CPU time covers the warm-up too). */
const cpuPerAckUs = (r: IngressRow) => (r.run.serverCpuMs * 1000) / (r.count + r.warmup);

function medianRow(list: IngressRow[]): IngressRow {
  const sorted = [...list].sort((a, b) => rate(a) - rate(b));
  return sorted[Math.floor((sorted.length - 1) / 2)] as IngressRow;
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
    const rounds = flagNumber(options.flags.rounds, 3, "rounds");
    for (const name of names)
      if (!TARGET_NAMES.includes(name)) throw new Error(`unknown target ${name}; known: ${TARGET_NAMES.join(", ")}`);
    // Targets take turns, round after round: load from other work on the box then hits every target alike,
    // and each row is the target's median round (by rate), with the range of all its rounds.
    const runs = new Map<TargetName, IngressRow[]>(names.map((n) => [n, []]));
    for (let round_ = 1; round_ <= rounds; round_++) {
      for (const name of names) {
        const row = await measure(name, round_, count, concurrency, warmup, options);
        runs.get(name)?.push(row);
        if (row.profile)
          options.log(`  CPU: ${row.profile.map((p) => `${p.place} ${p.percent.toFixed(1)}%`).join(", ")}`);
        options.log(
          `meta-ingress round ${round_} ${name}: ${Math.round(rate(row))} req/s, ` +
            `p50 ${round(percentile(row.run.latenciesMs, 50), 1)} ms, p99 ${round(percentile(row.run.latenciesMs, 99), 1)} ms, ` +
            `CPU ${Math.round(cpuPerAckUs(row))} µs/ack, errors ${row.errors}; ${row.check}`,
        );
      }
    }
    const rows = names.map((name) => medianRow(runs.get(name) ?? []));
    const ranges = new Map(
      names.map((name) => {
        const rates = (runs.get(name) ?? []).map(rate);
        return [name, `${Math.round(Math.min(...rates))}–${Math.round(Math.max(...rates))}`];
      }),
    );
    const allRuns = [...runs.values()].flat();
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
            `acks/s, ${rounds} rounds`,
            "p50 ms",
            "p99 ms",
            "max ms",
            "errors",
            "rows check",
            "server CPU µs/ack",
            "server CPU %",
            "server peak RSS MiB",
            "generator CPU %",
            "machine busy %",
          ],
          align: [
            "left",
            "left",
            "right",
            "right",
            "right",
            "right",
            "right",
            "right",
            "left",
            "right",
            "right",
            "right",
            "right",
            "right",
          ],
          rows: rows.map((r, i) => [
            r.target.name,
            r.target.database,
            Math.round(rate(r)),
            ranges.get(names[i] as TargetName) ?? "",
            round(percentile(r.run.latenciesMs, 50), 1),
            round(percentile(r.run.latenciesMs, 99), 1),
            round(Math.max(...r.run.latenciesMs), 1),
            r.errors,
            r.check,
            Math.round(cpuPerAckUs(r)),
            Math.round((r.run.serverCpuMs / r.run.wallMs) * 100),
            Math.round(r.run.peakRssBytes / 2 ** 20),
            Math.round((r.run.cpuMs / r.run.elapsedMs) * 100),
            Math.round(r.run.machineBusyPercent),
          ]),
        },
      ],
      notes: metaIngressNotes(rows, allRuns, rounds),
    };
  },
};
