import type { PrismaClient } from "../../web/server/db/open-database.js";

/** Claims made by the workers: how many queries, how many jobs they returned, how long they took. */
export interface ClaimMeter {
  claims: number;
  jobs: number;
  totalMs: number;
}

/**
 * Wraps a client so the outbox claim query (claim.ts, the only raw query starting `WITH candidates`) is
 * counted and timed. Explains scaling: jobs per claim and claim latency bound one worker's throughput.
 */
export function meterClaims(db: PrismaClient, meter: ClaimMeter): PrismaClient {
  return new Proxy(db, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (key !== "$queryRawUnsafe" || typeof value !== "function") return value;
      return async (sql: string, ...params: unknown[]) => {
        const started = performance.now();
        const rows: unknown = await value.call(target, sql, ...params);
        if (sql.trimStart().startsWith("WITH candidates")) {
          meter.claims++;
          meter.jobs += Array.isArray(rows) ? rows.length : 0;
          meter.totalMs += performance.now() - started;
        }
        return rows;
      };
    },
  });
}
