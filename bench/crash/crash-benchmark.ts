import type { Benchmark } from "../benchmark.js";
import type { DbKind } from "../meta-ingress/bench-app.js";
import { runCrashHarness } from "./crash-harness.js";

function count(text: string | undefined, fallback: number, name: string): number {
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** `npm run bench -- crash [--kills 10] [--orders 600] [--db pglite,postgres]`: the full crash run. */
export const crashBenchmark: Benchmark = {
  name: "crash",
  description: "SIGKILLs the app process at random while signed orders stream in, 15 % Send API 500s",
  async run(options) {
    const kills = count(options.flags.kills, 10, "kills");
    const orders = count(options.flags.orders, 600, "orders");
    const kinds = (options.flags.db ?? "pglite,postgres").split(",").map((s) => s.trim()) as DbKind[];
    const rows: (string | number)[][] = [];
    for (const kind of kinds) {
      options.log(`crash: ${kind}, ${kills} kills, ${orders} orders`);
      const r = await runCrashHarness({
        kind,
        postgresAdminUrl: options.postgresAdminUrl,
        kills,
        orders,
        faultRate: 0.15,
        log: options.log,
      });
      const sorted = [...r.restartMs.slice(1)].sort((a, b) => a - b);
      rows.push([
        kind,
        r.kills,
        r.acknowledged,
        r.acknowledged - r.lost.length - r.duplicated.length,
        r.lost.length,
        r.duplicated.length,
        r.injected5xx,
        Math.round(r.lastAckToLastConfirmationMs / 100) / 10,
        sorted.length ? Math.round((sorted.at(-1) ?? 0) / 100) / 10 : 0,
      ]);
    }
    return {
      summary:
        `The real app process (web/server/main.ts) SIGKILLed ${kills} times at random 1.5 to 4 s after it was healthy again, ` +
        `while ${orders} Shopify-signed orders/create webhooks streamed in (each retried until acknowledged) and the Meta ` +
        `emulator failed 15 % of Send API calls with a transient 500; Meta's webhook redelivery is played by a relay.`,
      tables: [
        {
          headers: [
            "database",
            "kills",
            "orders acknowledged",
            "confirmed exactly once",
            "lost",
            "duplicated",
            "injected 500s",
            "last ack → last confirmation (s)",
            "slowest restart (s)",
          ],
          rows,
        },
      ],
    };
  },
};
