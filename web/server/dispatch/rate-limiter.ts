import type { PrismaClient } from "../db/open-database.js";

/**
 * Send pacing per key (a Page), shared through the database by every worker of every instance: Meta's
 * Send API limit (about 250 sends per second per Page) and a throttling answer's back-off belong to the
 * Page, so N instances must not send N times the rate. One row per Page holds GCRA's theoretical arrival
 * time (`tat`, one reservation per send, a burst of one second's worth allowed) and a pause; each send
 * costs one upsert of that row.
 */
export interface RateLimiter {
  /** Resolves when one send for `key` may go out (its slot is reserved). */
  take(key: string): Promise<void>;
  /** No sends for `key`, from any instance, until `ms` from now. */
  pause(key: string, ms: number): Promise<void>;
}

/** Longest single sleep while paused: a pause made longer meanwhile is seen within this time. */
const MAX_SLEEP_MS = 1_000;

export function createRateLimiter(db: PrismaClient, ratePerSecond: number, now: () => number = Date.now): RateLimiter {
  const intervalMs = 1_000 / ratePerSecond;
  const burstMs = Math.max(1_000, intervalMs);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.ceil(ms)));

  return {
    async take(key) {
      for (;;) {
        const t = now();
        // A paused Page reserves nothing; otherwise the slot is max(tat, now) and tat moves one interval on.
        const [row] = await db.$queryRawUnsafe<{ tat: Date; paused_until: Date | null }[]>(
          `INSERT INTO page_send_pace AS p (page_id, tat)
           VALUES ($1, $2::timestamptz + make_interval(secs => $3::float8 / 1000))
           ON CONFLICT (page_id) DO UPDATE
             SET tat = CASE WHEN p.paused_until > $2::timestamptz THEN p.tat
                            ELSE GREATEST(p.tat, $2::timestamptz) + make_interval(secs => $3::float8 / 1000) END
           RETURNING tat, paused_until`,
          key,
          new Date(t),
          intervalMs,
        );
        if (!row) throw new Error(`no pacing row for ${key}`);
        const pausedFor = row.paused_until ? row.paused_until.getTime() - t : 0;
        if (pausedFor > 0) {
          await sleep(Math.min(pausedFor, MAX_SLEEP_MS));
          continue;
        }
        const wait = row.tat.getTime() - intervalMs - burstMs - t;
        if (wait > 0) await sleep(wait);
        return;
      }
    },
    async pause(key, ms) {
      const until = new Date(now() + ms);
      await db.$executeRawUnsafe(
        `INSERT INTO page_send_pace AS p (page_id, tat, paused_until) VALUES ($1, $2::timestamptz, $2::timestamptz)
         ON CONFLICT (page_id) DO UPDATE SET paused_until = GREATEST(p.paused_until, $2::timestamptz)`,
        key,
        until,
      );
    },
  };
}
