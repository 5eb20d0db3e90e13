import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { classifyGraphError, retryAfterMs } from "../../../../web/server/messenger/graph/classify-graph-error.js";
import { GraphApiError } from "../../../../web/server/messenger/graph/graph-error.js";

interface Fixture {
  status: number;
  body?: unknown;
  raw?: string;
  expected: string;
}

const dir = join(import.meta.dirname, "../../../fixtures/graph-errors");
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .map((file) => ({ file, ...(JSON.parse(readFileSync(join(dir, file), "utf8")) as Fixture) }));

describe("classifyGraphError over fixture error bodies", () => {
  it("has fixtures for every class but fatal-only corner cases", () => {
    const classes = new Set(fixtures.map((f) => f.expected));
    for (const c of [
      "retry",
      "rate_limited",
      "window_closed",
      "recipient_unavailable",
      "auth_broken",
      "permission",
      "invalid",
      "policy_block",
      "page_restricted",
      "fatal",
    ]) {
      expect(classes).toContain(c);
    }
  });

  it.each(fixtures)("$file -> $expected", ({ status, body, raw, expected }) => {
    const err = GraphApiError.fromResponse(status, new Headers(), raw ?? JSON.stringify(body));
    expect(classifyGraphError(err)).toBe(expected);
  });
});

describe("classifyGraphError on transport failures", () => {
  it.each([
    ["timeout", GraphApiError.fromTransport("timeout", new Error("aborted")), "retry"],
    ["network", GraphApiError.fromTransport("network", new TypeError("fetch failed")), "retry"],
    ["not a GraphApiError", new Error("boom"), "fatal"],
    ["a string", "boom", "fatal"],
  ])("%s -> %s", (_name, err, expected) => {
    expect(classifyGraphError(err)).toBe(expected);
  });
});

describe("retryAfterMs", () => {
  const rateErr = (headers: Record<string, string>) =>
    GraphApiError.fromResponse(400, new Headers(headers), JSON.stringify({ error: { code: 613, message: "limit" } }));

  it.each([
    [
      "BUC header, largest estimate wins",
      {
        "x-business-use-case-usage": JSON.stringify({
          "123": [
            {
              type: "messenger",
              call_count: 100,
              total_cputime: 10,
              total_time: 10,
              estimated_time_to_regain_access: 7,
            },
            { type: "pages", call_count: 5, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: 2 },
          ],
        }),
      },
      7 * 60_000,
    ],
    [
      "page header",
      {
        "x-page-usage": JSON.stringify({
          call_count: 100,
          total_cputime: 3,
          total_time: 4,
          estimated_time_to_regain_access: 3,
        }),
      },
      3 * 60_000,
    ],
    [
      "app header without estimate",
      { "x-app-usage": JSON.stringify({ call_count: 100, total_cputime: 3, total_time: 4 }) },
      null,
    ],
    ["no headers", {}, null],
    ["malformed header", { "x-business-use-case-usage": "{not json" }, null],
  ])("%s", (_name, headers, expected) => {
    expect(retryAfterMs(rateErr(headers))).toBe(expected);
  });

  it("prefers explicitly passed headers over the error's own", () => {
    const headers = new Headers({
      "x-page-usage": JSON.stringify({
        call_count: 1,
        total_cputime: 1,
        total_time: 1,
        estimated_time_to_regain_access: 1,
      }),
    });
    expect(retryAfterMs(rateErr({}), headers)).toBe(60_000);
  });
});
