import { describe, expect, it } from "vitest";
import { backoffDelayMs } from "../../../web/server/jobs/backoff.js";

describe("backoffDelayMs", () => {
  const options = { baseMs: 1_000, capMs: 60_000 };

  it("grows exponentially with attempts (upper bound of the jitter)", () => {
    const delays = [1, 2, 3, 4, 5, 6].map((a) => backoffDelayMs(a, { ...options, random: () => 0.999999 }));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000]);
  });

  it("stops growing at the cap, whatever the attempt count", () => {
    for (const attempts of [7, 8, 20, 1_000]) {
      expect(backoffDelayMs(attempts, { ...options, random: () => 0.999999 })).toBe(60_000);
    }
  });

  it("keeps at least half the exponential delay (equal jitter), never zero", () => {
    expect(backoffDelayMs(4, { ...options, random: () => 0 })).toBe(4_000);
    expect(backoffDelayMs(1, { ...options, random: () => 0 })).toBe(500);
  });

  it("spreads delays between workers with real randomness", () => {
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelayMs(10, options)));
    expect(seen.size).toBeGreaterThan(10);
    for (const d of seen) expect(d).toBeGreaterThanOrEqual(30_000);
  });
});
