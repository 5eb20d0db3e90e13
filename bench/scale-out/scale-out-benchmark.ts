import type { Benchmark, BenchmarkReport } from "../benchmark.js";
import { startProcessWorld } from "../lib/process-world.js";
import { percentile, round } from "../lib/percentile.js";
import { runLoad, type LoadRun } from "../meta-ingress/run-load.js";
import { linkDirectly, type Shopper } from "../order-burst/link-shoppers.js";
import { orderCreateRequests } from "../order-burst/order-requests.js";
import { BENCH_PAGE } from "../order-burst/order-world.js";
import { pollUntil } from "../order-burst/poll-until.js";

interface ScaleRow {
  processes: number;
  orders: number;
  ingest: LoadRun[];
  lastMs: number;
  confirmed: number;
  sendCalls: number;
  /** Shoppers whose receipt the emulator received more than once, or never. */
  twice: number;
  never: number;
  byStatus: Record<string, number>;
  deadJobs: number;
}

function positive(value: string | undefined, fallback: number, name: string): number {
  const n = Number(value ?? fallback);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

async function measure(processes: number, orders: number, options: Parameters<Benchmark["run"]>[0]) {
  // 8 jobs at once per process (pool 14): four processes stay well inside PostgreSQL's 100 connections.
  const world = await startProcessWorld(options, processes, { WORKER_CONCURRENCY: "8" });
  try {
    const shoppers: Shopper[] = Array.from({ length: orders }, (_, i) => ({
      customerId: String(7_800_000_000_000 + i),
      psid: String(7_400_000_000_000_000 + i),
    }));
    await linkDirectly({ app: { deps: world.deps }, shopId: world.shopId, meta: world.meta }, shoppers);
    const requests = orderCreateRequests(shoppers, 7_900_000_000_000);
    const t0 = Date.now();
    // Shopify spreads deliveries over the app's instances (behind a load balancer): each gets its share.
    const ingest = await Promise.all(
      world.apps.map((app, p) =>
        runLoad({
          url: app.url,
          concurrency: Math.ceil(200 / processes),
          warmup: 0,
          requests: requests.filter((_, i) => i % processes === p),
        }),
      ),
    );
    const firstOut = (s: Shopper) =>
      world.meta.thread(BENCH_PAGE.pageId, s.psid)?.items.find((item) => item.direction === "out")?.at;
    await pollUntil(() => shoppers.every((s) => firstOut(s) !== undefined), { timeoutMs: 300_000, intervalMs: 200 });
    const lastMs = Math.max(...shoppers.map((s) => firstOut(s) ?? 0)) - t0;
    // Let retries or duplicate claims, if any, show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const calls = new Map<string, number>();
    for (const r of world.meta.requests)
      if (r.method === "POST" && r.path.endsWith("/messages")) {
        const id = (r.body as { recipient?: { id?: string } }).recipient?.id ?? "";
        calls.set(id, (calls.get(id) ?? 0) + 1);
      }
    const statuses = await world.deps.db.outboundMessage.groupBy({
      by: ["status"],
      where: { purpose: "order.confirmed" },
      _count: { _all: true },
    });
    const row: ScaleRow = {
      processes,
      orders,
      ingest,
      lastMs,
      confirmed: shoppers.filter((s) => firstOut(s) !== undefined).length,
      sendCalls: shoppers.reduce((n, s) => n + (calls.get(s.psid) ?? 0), 0),
      twice: shoppers.filter((s) => (calls.get(s.psid) ?? 0) > 1).length,
      never: shoppers.filter((s) => (calls.get(s.psid) ?? 0) === 0).length,
      byStatus: Object.fromEntries(statuses.map((s) => [s.status, s._count._all])),
      deadJobs: await world.deps.db.outboxJob.count({ where: { status: "dead" } }),
    };
    return row;
  } finally {
    await world.close();
  }
}

export const scaleOutBenchmark: Benchmark = {
  name: "scale-out",
  description:
    "1, 2 and 4 app processes on one PostgreSQL: an order burst split across them, orders/s per process count, every receipt exactly once",
  async run(options): Promise<BenchmarkReport> {
    const orders = positive(options.flags.orders, 2_000, "orders");
    const counts = (options.flags.processes ?? "1,2,4").split(",").map((s) => positive(s.trim(), 1, "processes"));
    const rows: ScaleRow[] = [];
    for (const n of counts) {
      const row = await measure(n, orders, options);
      rows.push(row);
      options.log(
        `scale-out ${n} process(es): ${row.confirmed}/${orders} confirmed, last at ${round(row.lastMs / 1000, 1)} s; ` +
          `${row.sendCalls} Send API calls, ${row.twice} twice, ${row.never} never; ${JSON.stringify(row.byStatus)}`,
      );
    }
    const base = rows[0];
    const exact = rows.every((r) => r.twice === 0 && r.never === 0 && r.sendCalls === r.orders);
    return {
      summary:
        `${orders.toLocaleString("en-US")} signed \`orders/create\` webhooks for linked shoppers, split round-robin over N app processes ` +
        "(each `startServer` in a process of its own, workers on with concurrency 8, all on one PostgreSQL database, the Meta emulator in the bench process as Graph API; its echo webhooks go to the first process), " +
        "200 in flight in all. The clock runs from the first webhook to the last receipt the emulator accepted.",
      tables: [
        {
          title: `${orders.toLocaleString("en-US")} orders, N processes on one PostgreSQL`,
          headers: [
            "processes",
            "ack p99 ms",
            "last receipt s",
            "orders/s end to end",
            "× 1 process",
            "receipts",
            "Send API calls",
            "shoppers sent twice",
            "shoppers never sent",
            "order.confirmed by status",
            "dead jobs",
          ],
          align: ["right", "right", "right", "right", "right", "right", "right", "right", "right", "left", "right"],
          rows: rows.map((r) => [
            r.processes,
            Math.round(
              percentile(
                r.ingest.flatMap((i) => i.latenciesMs),
                99,
              ),
            ),
            round(r.lastMs / 1000, 1),
            Math.round(r.confirmed / (r.lastMs / 1000)),
            base ? `${(base.lastMs / r.lastMs).toFixed(2)}×` : "",
            `${r.confirmed} / ${r.orders}`,
            r.sendCalls,
            r.twice,
            r.never,
            Object.entries(r.byStatus)
              .map(([k, v]) => `${k} ${v}`)
              .join(", "),
            r.deadJobs,
          ]),
        },
      ],
      notes: [
        `**Exactly once (checked from the emulator's request log, per shopper):** ${exact ? "every shopper's receipt was sent exactly once at every process count: **met**" : "**NOT met**: see the columns above"}. Jobs are claimed with \`FOR UPDATE SKIP LOCKED\` and messages to one shopper or about one order are serialized through their queue key, so processes never run the same job.`,
        "**Why more processes help less than linearly here.** The processes share this machine's 2 cores with PostgreSQL, the emulator, the load generators and the other engineers' work (see the load average), so N processes do not get N times the CPU; on separate machines (or cores) the same code would scale until PostgreSQL or Meta's per-Page rate (250/s) limits it.",
      ],
    };
  },
};
