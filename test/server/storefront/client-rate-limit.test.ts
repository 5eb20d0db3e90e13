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
  });
});
