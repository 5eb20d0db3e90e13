/**
 * Fixed-window request counter per key, in memory. The proxy endpoint mints single-use refs, so a client
 * hammering it is either broken or probing; per-instance counting is enough to blunt both.
 *
 * Memory is bounded by evicting the least recently used key (a Map keeps insertion order; a hit re-inserts
 * its key at the end). Clearing everything at the bound instead would let a client that is being limited
 * free itself by making up new keys (new addresses) until the map fills.
 */
export interface RequestLimiter {
  /** True when the request may proceed. */
  allow(key: string, limit: number, now: number): boolean;
  /** Keys currently tracked (at most maxKeys). */
  size(): number;
}

export function createRequestLimiter(windowMs: number, maxKeys = 50_000): RequestLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    allow(key, limit, now) {
      let w = windows.get(key);
      if (w) windows.delete(key);
      if (!w || now - w.start >= windowMs) w = { start: now, count: 0 };
      windows.set(key, w);
      if (windows.size > maxKeys) {
        const oldest = windows.keys().next();
        if (!oldest.done) windows.delete(oldest.value);
      }
      w.count += 1;
      return w.count <= limit;
    },
    size: () => windows.size,
  };
}
