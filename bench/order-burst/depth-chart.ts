import { relative, resolve } from "node:path";
import { lineChartSvg, writeChart } from "../lib/line-chart.js";
import type { BurstResult } from "./run-order-burst.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const CHART = resolve(ROOT, "docs", "bench", "order-burst-queue-depth.svg");

/** Queue depth over the burst, per database, as docs/bench/order-burst-queue-depth.{svg,png}; returns the note. */
export function depthChart(results: BurstResult[]): string {
  const colors = { inbox: ["#1f77b4", "#9ecae1"], outbox: ["#d62728", "#fcae91"] };
  const series = results.flatMap((r, i) => [
    {
      label: `${r.database}: inbox (webhooks to process)`,
      color: colors.inbox[i % 2] as string,
      points: r.depth.map((d) => ({ x: d.t, y: d.inbox })),
    },
    {
      label: `${r.database}: outbox (sends to make)`,
      color: colors.outbox[i % 2] as string,
      points: r.depth.map((d) => ({ x: d.t, y: d.outbox })),
    },
  ]);
  const written = writeChart(
    CHART,
    lineChartSvg({
      title: `Jobs waiting during the order burst (${results.map((r) => `${r.orders} orders on ${r.database}`).join(", ")})`,
      xLabel: "seconds since the first webhook",
      yLabel: "jobs pending or running",
      series,
    }),
  );
  const files = written.map((p) => `\`${relative(ROOT, p)}\``).join(" and ");
  const png = written.find((p) => p.endsWith(".png"));
  return (
    `**Queue depth over time** (sampled every 250 ms: inbox and outbox jobs pending or running), in ${files}` +
    (png
      ? `:\n\n![queue depth during the burst](${relative(ROOT, png)})`
      : " (no PNG: rsvg-convert, Debian's librsvg2-bin, is not installed).")
  );
}
