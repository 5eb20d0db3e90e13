/**
 * Token bucket per key (a Page), shared by every worker of one process. Meta allows about 250 sends per
 * second per Page (Send API rate limits); throttling answers pause a key until Meta says it may resume.
 */
export interface RateLimiter {
  /** Resolves when one send for `key` may go out. */
  take(key: string): Promise<void>;
  /** No sends for `key` until `ms` from now. */
  pause(key: string, ms: number): void;
}

export function createRateLimiter(ratePerSecond: number, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; updated: number; pausedUntil: number }>();
  const capacity = Math.max(1, ratePerSecond);

  function bucket(key: string) {
    let b = buckets.get(key);
    if (!b) {
      b = { tokens: capacity, updated: now(), pausedUntil: 0 };
      buckets.set(key, b);
    }
    return b;
  }

  return {
    async take(key) {
      for (;;) {
        const b = bucket(key);
        const t = now();
        b.tokens = Math.min(capacity, b.tokens + ((t - b.updated) / 1000) * ratePerSecond);
        b.updated = t;
        const wait =
          b.pausedUntil > t ? b.pausedUntil - t : b.tokens >= 1 ? 0 : ((1 - b.tokens) / ratePerSecond) * 1000;
        if (wait === 0) {
          b.tokens -= 1;
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(Math.ceil(wait), 1_000)));
      }
    },
    pause(key, ms) {
      const b = bucket(key);
      b.pausedUntil = Math.max(b.pausedUntil, now() + ms);
    },
  };
}
