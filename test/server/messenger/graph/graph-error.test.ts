import { describe, expect, it } from "vitest";
import { GraphApiError, isGraphApiError } from "../../../../web/server/messenger/graph/graph-error.js";
import { maxUsagePercent } from "../../../../web/server/messenger/graph/usage-headers.js";

describe("GraphApiError.fromResponse", () => {
  it("reads every field of Meta's envelope and the usage headers", () => {
    const headers = new Headers({ "x-app-usage": JSON.stringify({ call_count: 42, total_cputime: 7, total_time: 9 }) });
    const body = {
      error: {
        message: "(#10) outside window",
        type: "OAuthException",
        code: 10,
        error_subcode: 2018278,
        fbtrace_id: "T1",
      },
    };
    const err = GraphApiError.fromResponse(400, headers, JSON.stringify(body));
    expect(err).toBeInstanceOf(Error);
    expect(isGraphApiError(err)).toBe(true);
    expect({
      status: err.status,
      code: err.code,
      subcode: err.subcode,
      type: err.type,
      fbtraceId: err.fbtraceId,
      message: err.message,
    }).toEqual({
      status: 400,
      code: 10,
      subcode: 2018278,
      type: "OAuthException",
      fbtraceId: "T1",
      message: "(#10) outside window",
    });
    expect(err.transient).toBe(false);
    expect(err.failure).toBeNull();
    expect(maxUsagePercent(err.usage)).toBe(42);
  });

  it.each([
    [502, "<html>Bad gateway</html>", true],
    [400, "", false],
    [500, JSON.stringify({ unexpected: true }), true],
  ])("flags a non-envelope body (HTTP %i) as non_json, transient=%s", (status, raw, transient) => {
    const err = GraphApiError.fromResponse(status, new Headers(), raw);
    expect(err.failure).toBe("non_json");
    expect(err.code).toBeNull();
    expect(err.transient).toBe(transient);
  });

  it("keeps Meta's is_transient flag", () => {
    const err = GraphApiError.fromResponse(
      500,
      new Headers(),
      JSON.stringify({ error: { code: 2, message: "x", is_transient: true } }),
    );
    expect(err.transient).toBe(true);
  });

  it("marks timeouts and network failures transient with distinct flags", () => {
    expect(GraphApiError.fromTransport("timeout", new Error("x")).failure).toBe("timeout");
    const net = GraphApiError.fromTransport("network", new TypeError("fetch failed"));
    expect(net.failure).toBe("network");
    expect(net.transient).toBe(true);
    expect(net.status).toBeNull();
    expect(net.message).toContain("fetch failed");
  });
});
