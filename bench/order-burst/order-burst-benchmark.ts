import type { Benchmark, BenchmarkReport } from "../benchmark.js";
import { percentile, round } from "../lib/percentile.js";
import type { DbKind } from "../meta-ingress/bench-app.js";
import { orderBurstNotes } from "./order-burst-notes.js";
import { depthChart } from "./depth-chart.js";
import { runOrderBurst, type BurstResult } from "./run-order-burst.js";

function positive(value: string | undefined, fallback: number, name: string): number {
  const n = Number(value ?? fallback);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

const seconds = (ms: number) => round(ms / 1000, 1);

export function burstTiming(r: BurstResult) {
  const first = r.sendTimes.length > 0 ? Math.min(...r.sendTimes) : Number.NaN;
  const last = r.sendTimes.length > 0 ? Math.max(...r.sendTimes) : Number.NaN;
  return {
    acksPerSecond: r.orders / (r.ingest.elapsedMs / 1000),
    firstMs: first - r.ingest.startedAt,
    lastMs: last - r.ingest.startedAt,
    /** Over the whole burst: orders confirmed per second from the first webhook to the last confirmation. */
    endToEndPerSecond: r.sendTimes.length / ((last - r.ingest.startedAt) / 1000),
    /** While sending: from the first confirmation to the last. */
    sendingPerSecond: r.sendTimes.length / ((last - first) / 1000),
  };
}

export const orderBurstBenchmark: Benchmark = {
  name: "order-burst",
  description:
    "5,000 signed orders/create at once for linked shoppers: acknowledgements, then receipts through the workers to the Meta emulator",
  async run(options): Promise<BenchmarkReport> {
    const orders = positive(options.flags.orders, 5_000, "orders");
    // PGlite confirms ~10-20 orders/s here (see the notes): 5,000 would take minutes, so it gets a smaller burst.
    const pgliteOrders = positive(options.flags["pglite-orders"], 500, "pglite-orders");
    const concurrency = positive(options.flags.concurrency, 200, "concurrency");
    const viaProxy = Math.min(3, orders);
    const kinds = (options.flags.db ?? "pglite,postgres").split(",").map((s) => s.trim()) as DbKind[];
    const env: Record<string, string> = {};
    if (options.flags["worker-concurrency"]) env.WORKER_CONCURRENCY = options.flags["worker-concurrency"];
    if (options.flags["send-rate"]) env.PAGE_SEND_RATE_PER_SECOND = options.flags["send-rate"];
    const timeoutMs = positive(options.flags["timeout-s"], 150, "timeout-s") * 1000;
    const results: BurstResult[] = [];
    for (const kind of kinds) {
      if (kind !== "pglite" && kind !== "postgres") throw new Error(`--db: unknown database ${String(kind)}`);
      const n = kind === "pglite" ? pgliteOrders : orders;
      const r = await runOrderBurst({ kind, orders: n, concurrency, viaProxy, timeoutMs, env }, options);
      results.push(r);
      const t = burstTiming(r);
      options.log(
        `order-burst ${kind}: ${Math.round(t.acksPerSecond)} acks/s, p99 ${Math.round(percentile(r.ingest.latenciesMs, 99))} ms; ` +
          `${r.sendTimes.length} confirmations, last at ${seconds(t.lastMs)} s, ${Math.round(t.sendingPerSecond)} msg/s while sending; ` +
          `statuses ${JSON.stringify(r.byStatus)}; emulator alone ${Math.round(r.emulatorAlone.latenciesMs.length / (r.emulatorAlone.elapsedMs / 1000))} sends/s`,
      );
    }
    const first = results[0];
    return {
      summary:
        `${orders.toLocaleString("en-US")} (PostgreSQL) and ${pgliteOrders.toLocaleString("en-US")} (PGlite, \`--pglite-orders\`) signed \`orders/create\` webhooks (Shopify's REST shape, HMAC over the raw bytes, one per shopper) ` +
        `sent ${concurrency} at a time by a forked Node process (\`node:http\`, keep-alive Agent) to the real app started WITH its job ` +
        `workers (worker concurrency ${first?.workerConcurrency ?? "?"}, Page send rate ${first?.sendRate ?? "?"}/s: the production defaults), ` +
        "whose Graph API is the Meta emulator; real clock (`systemClock`) everywhere, all on 127.0.0.1 in the bench process except the generator. " +
        `Every shopper is linked to a PSID with an open 24 h window: ${viaProxy} through the real path (Shopify-signed app proxy → m.me ref → Get Started in the emulator), ` +
        "the rest by inserting their `ShopperLink` (customer) and `Conversation` rows directly with `lastInteractionAt` = now, and marking their emulator threads started " +
        "with a fresh interaction. So each receipt goes out as a normal `UPDATE` message inside the window.",
      tables: [
        {
          title: "Burst and confirmations (times from the first webhook sent)",
          headers: [
            "database",
            "orders",
            "acks/s",
            "ack p50 ms",
            "ack p99 ms",
            "non-2xx",
            "first receipt s",
            "last receipt s",
            "receipts in emulator",
            "msg/s while sending",
            "orders/s end to end",
            "received→sent p50 s",
            "received→sent p99 s",
          ],
          align: ["left", ...Array<"right">(12).fill("right")],
          rows: results.map((r) => {
            const t = burstTiming(r);
            return [
              r.database,
              r.orders,
              Math.round(t.acksPerSecond),
              Math.round(percentile(r.ingest.latenciesMs, 50)),
              Math.round(percentile(r.ingest.latenciesMs, 99)),
              r.ackErrors,
              seconds(t.firstMs),
              seconds(t.lastMs),
              `${r.sendTimes.length} / ${r.orders}`,
              Math.round(t.sendingPerSecond),
              Math.round(t.endToEndPerSecond),
              seconds(percentile(r.receivedToSentMs, 50)),
              seconds(percentile(r.receivedToSentMs, 99)),
            ];
          }),
        },
        {
          title: "Checks and where the time went",
          headers: [
            "database",
            "orders/create rows",
            "order.confirmed by status",
            "Send API calls",
            "bench process CPU %",
            "machine busy % (burst)",
            "emulator alone, sends/s",
          ],
          align: ["left", "right", "left", "right", "right", "right", "right"],
          rows: results.map((r) => [
            r.database,
            r.deliveries,
            Object.entries(r.byStatus)
              .map(([s, n]) => `${s} ${n}`)
              .join(", "),
            r.sendCalls,
            Math.round(r.appCpuPercent),
            Math.round(r.ingest.machineBusyPercent),
            Math.round(r.emulatorAlone.latenciesMs.length / (r.emulatorAlone.elapsedMs / 1000)),
          ]),
        },
      ],
      notes: [...orderBurstNotes(results), depthChart(results)],
    };
  },
};
