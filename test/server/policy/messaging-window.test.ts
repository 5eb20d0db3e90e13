import { describe, expect, it } from "vitest";
import {
  HUMAN_AGENT_WINDOW_MS,
  MARKETING_TOKEN_GAP_MS,
  STANDARD_WINDOW_MS,
  isWithinWindow,
} from "../../../web/server/policy/messaging-window.js";
import { HOUR, NOW, ago } from "./build-send-request.js";

describe("messaging windows", () => {
  it("has Meta's durations", () => {
    expect([STANDARD_WINDOW_MS, HUMAN_AGENT_WINDOW_MS, MARKETING_TOKEN_GAP_MS]).toEqual([
      24 * HOUR,
      168 * HOUR,
      12 * HOUR,
    ]);
  });

  it.each([
    [null, STANDARD_WINDOW_MS, false],
    [0, STANDARD_WINDOW_MS, true],
    [24 * HOUR - 1, STANDARD_WINDOW_MS, true],
    [24 * HOUR, STANDARD_WINDOW_MS, false],
    [24 * HOUR + 1, STANDARD_WINDOW_MS, false],
    [7 * 24 * HOUR - 1, HUMAN_AGENT_WINDOW_MS, true],
    [7 * 24 * HOUR, HUMAN_AGENT_WINDOW_MS, false],
    [-5000, STANDARD_WINDOW_MS, true],
  ] as const)("%s ms after the interaction, window %i ms -> %s", (elapsed, windowMs, expected) => {
    expect(isWithinWindow(elapsed === null ? null : ago(elapsed), NOW, windowMs)).toBe(expected);
  });

  it("defaults to the 24 h window and rejects an invalid date", () => {
    expect(isWithinWindow(ago(23 * HOUR), NOW)).toBe(true);
    expect(isWithinWindow(ago(25 * HOUR), NOW)).toBe(false);
    expect(isWithinWindow(new Date("not a date"), NOW)).toBe(false);
  });
});
