import { describe, expect, it } from "vitest";
import { createRequestLimiter } from "../../../web/server/storefront/client-rate-limit.js";

describe("createRequestLimiter", () => {
  it("allows up to the limit per key and window, then refuses until the window turns", () => {
    const limiter = createRequestLimiter(60_000);
    const t0 = 1_000_000;
    const results = Array.from({ length: 5 }, () => limiter.allow("shop:a", 3, t0));
    expect(results).toEqual([true, true, true, false, false]);
    expect(limiter.allow("shop:b", 3, t0)).toBe(true);
    expect(limiter.allow("shop:a", 3, t0 + 59_999)).toBe(false);
    expect(limiter.allow("shop:a", 3, t0 + 60_000)).toBe(true);
  });

  it("stays bounded in memory when keys keep changing", () => {
    const limiter = createRequestLimiter(60_000, 100);
    for (let i = 0; i < 1_000; i++) expect(limiter.allow(`client:${i}`, 1, 0)).toBe(true);
    expect(limiter.size()).toBe(100);
  });

  it("keeps a limited client limited while new keys flood in: only the least recently used key is evicted", () => {
    const limiter = createRequestLimiter(60_000, 3);
    expect([1, 2, 3].map(() => limiter.allow("probe", 2, 0))).toEqual([true, true, false]);
    for (let i = 0; i < 10; i++) {
      expect(limiter.allow(`new:${i}`, 2, 0)).toBe(true);
      // The probing client keeps trying, so it stays among the most recently used keys and keeps its count.
      expect(limiter.allow("probe", 2, 0)).toBe(false);
    }
    expect(limiter.size()).toBe(3);
  });

  it("evicts the key used longest ago, not the one inserted first", () => {
    const limiter = createRequestLimiter(60_000, 2);
    limiter.allow("a", 1, 0);
    limiter.allow("b", 1, 0);
    expect(limiter.allow("a", 1, 0)).toBe(false); // "a" is now the most recent
    limiter.allow("c", 1, 0); // evicts "b"
    expect(limiter.allow("a", 1, 0)).toBe(false);
    expect(limiter.allow("b", 1, 0)).toBe(true); // forgotten, so counted afresh
  });
});
