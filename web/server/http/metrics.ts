import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { PrismaClient } from "../db/open-database.js";
import type { Clock } from "../lib/clock.js";

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<"method" | "route" | "status">;
  sends: Counter<"outcome" | "transport">;
  webhooksAccepted: Counter<"source">;
}

/** One registry per app instance (not the global one), so tests can run several apps in one process. */
export function createMetrics(db: PrismaClient, clock: Clock): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request latency by route",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const sends = new Counter({
    name: "messenger_sends_total",
    help: "Outbound Messenger messages by outcome (sent, skipped, failed) and transport",
    labelNames: ["outcome", "transport"] as const,
    registers: [registry],
  });
  const webhooksAccepted = new Counter({
    name: "webhooks_accepted_total",
    help: "Webhook deliveries recorded, by source",
    labelNames: ["source"] as const,
    registers: [registry],
  });
  const depth = new Gauge({
    name: "outbox_jobs",
    help: "Outbox jobs by queue (inbox = received webhooks waiting to be processed) and status",
    labelNames: ["queue", "status"] as const,
    registers: [registry],
    async collect() {
      const rows = await db.$queryRawUnsafe<{ queue: string; status: string; n: number }[]>(
        `SELECT CASE WHEN kind LIKE 'inbox.%' THEN 'inbox' ELSE 'outbox' END AS queue, status, count(*)::int AS n
           FROM outbox_job WHERE status IN ('pending', 'running', 'dead') GROUP BY 1, 2`,
      );
      this.reset();
      for (const queue of ["inbox", "outbox"])
        for (const status of ["pending", "running", "dead"]) this.set({ queue, status }, 0);
      for (const row of rows) this.set({ queue: row.queue, status: row.status }, row.n);
    },
  });
  const oldest = new Gauge({
    name: "outbox_oldest_pending_age_seconds",
    help: "Age of the oldest runnable pending job, by queue",
    labelNames: ["queue"] as const,
    registers: [registry],
    async collect() {
      const now = clock.now();
      const rows = await db.$queryRawUnsafe<{ queue: string; oldest: Date | null }[]>(
        `SELECT CASE WHEN kind LIKE 'inbox.%' THEN 'inbox' ELSE 'outbox' END AS queue, min(created_at) AS oldest
           FROM outbox_job WHERE status = 'pending' AND run_at <= $1::timestamptz GROUP BY 1`,
        now,
      );
      this.reset();
      for (const queue of ["inbox", "outbox"]) this.set({ queue }, 0);
      for (const row of rows)
        if (row.oldest) this.set({ queue: row.queue }, (now.getTime() - new Date(row.oldest).getTime()) / 1000);
    },
  });
  void depth;
  void oldest;
  return { registry, httpDuration, sends, webhooksAccepted };
}
