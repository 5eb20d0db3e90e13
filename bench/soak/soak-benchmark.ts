import { relative, resolve } from "node:path";
import type { Benchmark, BenchmarkReport } from "../benchmark.js";
import { lineChartSvg, writeChart } from "../lib/line-chart.js";
import { percentile, round } from "../lib/percentile.js";
import { startProcessWorld } from "../lib/process-world.js";
import { BENCH_ENV } from "../meta-ingress/bench-app.js";
import { metaMessageRequests } from "../meta-ingress/meta-webhook-requests.js";
import { runLoad } from "../meta-ingress/run-load.js";
import { BENCH_PAGE } from "../order-burst/order-world.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const MiB = 2 ** 20;

interface MemorySample {
  minute: number;
  rss: number;
  heapUsed: number;
}

function positive(value: string | undefined, fallback: number, name: string): number {
  const n = Number(value ?? fallback);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den > 0 ? num / den : 0;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(xs.length, 1);

export const soakBenchmark: Benchmark = {
  name: "soak",
  description:
    "Signed Messenger webhooks at a steady rate for 10 minutes (--minutes 1 for development) to the app in its own process: RSS and heap trend",
  async run(options): Promise<BenchmarkReport> {
    const minutes = positive(options.flags.minutes, 10, "minutes");
    const rate = positive(options.flags.rate, 50, "rate");
    const count = Math.round(minutes * 60 * rate);
    const world = await startProcessWorld(options, 1);
    const app = world.apps[0];
    if (!app) throw new Error("soak: no app process");
    try {
      const { requests } = metaMessageRequests({
        count,
        pageId: BENCH_PAGE.pageId,
        appSecret: BENCH_ENV.META_APP_SECRET,
        path: "/webhooks/meta",
        shoppers: 500,
      });
      options.log(`soak: ${count} webhooks at ${rate}/s for ${minutes} min to process ${app.pid}`);
      const samples: MemorySample[] = [];
      const t0 = performance.now();
      const sample = async () => {
        const m = await app.memory();
        samples.push({ minute: (performance.now() - t0) / 60_000, rss: m.rss, heapUsed: m.heapUsed });
      };
      await sample();
      const timer = setInterval(() => void sample().catch(() => undefined), 5_000);
      let run;
      try {
        run = await runLoad(
          { url: app.url, concurrency: 50, warmup: 0, requests, ratePerSecond: rate },
          (minutes * 60 + 600) * 1000,
        );
      } finally {
        clearInterval(timer);
      }
      await sample();
      const ok = Object.entries(run.statuses).reduce((n, [s, c]) => (s.startsWith("2") ? n + c : n), 0);
      const stored = await world.deps.db.webhookDelivery.count({ where: { source: "meta", topic: "message" } });
      // The first minute is warm-up (JIT, pools, caches filling); the trend is read over the rest.
      const steady = samples.filter((s) => s.minute >= Math.min(1, minutes / 5));
      const rssSlope = slope(steady.map((s) => ({ x: s.minute, y: s.rss / MiB })));
      const heapSlope = slope(steady.map((s) => ({ x: s.minute, y: s.heapUsed / MiB })));
      const firstMinute = steady.filter((s) => s.minute < (steady[0]?.minute ?? 0) + 1);
      const lastMinute = steady.filter((s) => s.minute > minutes - 1);
      const heapFirst = mean(firstMinute.map((s) => s.heapUsed)) / MiB;
      const heapLast = mean(lastMinute.map((s) => s.heapUsed)) / MiB;
      // "No growth": heap trend under 1 MiB per minute (noise of GC timing) over the steady part.
      const noGrowth = heapSlope < 1;
      const written = writeChart(
        resolve(ROOT, "docs", "bench", "soak-memory.svg"),
        lineChartSvg({
          title: `App process memory, ${rate} webhooks/s for ${minutes} min`,
          xLabel: "minutes",
          yLabel: "MiB",
          series: [
            { label: "RSS", color: "#d62728", points: samples.map((s) => ({ x: s.minute, y: s.rss / MiB })) },
            {
              label: "V8 heap used",
              color: "#1f77b4",
              points: samples.map((s) => ({ x: s.minute, y: s.heapUsed / MiB })),
            },
          ],
        }),
      );
      const png = written.find((p) => p.endsWith(".png"));
      options.log(
        `soak: ${ok}/${count} acknowledged; heap ${heapFirst.toFixed(1)} → ${heapLast.toFixed(1)} MiB, slope ${heapSlope.toFixed(2)} MiB/min; RSS slope ${rssSlope.toFixed(2)} MiB/min`,
      );
      return {
        summary:
          `${count.toLocaleString("en-US")} signed Messenger \`messages\` webhooks (500 shoppers) at a steady ${rate}/s for ${minutes} min (open loop) to the real app in a process of its own (workers on: every message is processed, the first of each shopper gets the instant reply through the Meta emulator, whose echo comes back as a webhook), on PostgreSQL. ` +
          "The app process reports `process.memoryUsage()` every 5 s over IPC.",
        tables: [
          {
            title: `${rate} webhooks/s for ${minutes} min`,
            headers: [
              "acknowledged",
              "stored",
              "ack p50 ms",
              "ack p99 ms",
              "peak RSS MiB",
              "heap, first steady minute MiB",
              "heap, last minute MiB",
              "heap trend MiB/min",
              "RSS trend MiB/min",
            ],
            align: Array<"right">(9).fill("right"),
            rows: [
              [
                `${ok} / ${count}`,
                stored,
                round(percentile(run.latenciesMs, 50), 1),
                round(percentile(run.latenciesMs, 99), 1),
                Math.round(Math.max(...samples.map((s) => s.rss)) / MiB),
                round(heapFirst, 1),
                round(heapLast, 1),
                round(heapSlope, 2),
                round(rssSlope, 2),
              ],
            ],
          },
          {
            title: "Memory samples (every minute)",
            headers: ["minute", "RSS MiB", "heap used MiB"],
            align: ["right", "right", "right"],
            rows: samples
              .filter(
                (s, i) =>
                  i === 0 ||
                  i === samples.length - 1 ||
                  Math.floor(s.minute) !== Math.floor(samples[i - 1]?.minute ?? -1),
              )
              .map((s) => [round(s.minute, 1), round(s.rss / MiB, 1), round(s.heapUsed / MiB, 1)]),
          },
        ],
        notes: [
          `**Target (issue 11): no growth across a 10-minute soak: ${noGrowth ? "**met**" : "**not met**"}${minutes < 10 ? ` (this run lasted ${minutes} min, so it does not decide the target)` : ""}.** The trend is the least-squares slope over the samples after the first ${round(Math.min(1, minutes / 5), 1)} min (warm-up); under 1 MiB/min of heap counts as no growth (GC timing alone moves the heap by a few MiB between samples).`,
          `**Memory over time** in ${written.map((p) => `\`${relative(ROOT, p)}\``).join(" and ")}${png ? `:\n\n![memory during the soak](${relative(ROOT, png)})` : "."}`,
          "Peak RSS of the server under the ingest burst (50 in flight, closed loop) is in the meta-ingress table (_server peak RSS MiB_, the whole bench process there, PGlite included on its row).",
        ],
      };
    } finally {
      await world.close();
    }
  },
};
