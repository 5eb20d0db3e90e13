/**
 * Fixed-window request counter per key, in memory. The proxy endpoint mints single-use refs, so a client
 * hammering it is either broken or probing; per-instance counting is enough to blunt both.
 */
export interface RequestLimiter {
  /** True when the request may proceed. */
  allow(key: string, limit: number, now: number): boolean;
}

export function createRequestLimiter(windowMs: number, maxKeys = 50_000): RequestLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    allow(key, limit, now) {
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        if (windows.size >= maxKeys) windows.clear();
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      return w.count <= limit;
    },
  };
}
