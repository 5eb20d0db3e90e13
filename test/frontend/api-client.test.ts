import { describe, expect, it } from "vitest";
import { ApiError, createApiClient, describeError } from "../../web/frontend/src/api/api-client.js";

function recorder(answers: Response[]) {
  const calls: { path: string; init: RequestInit }[] = [];
  const doFetch = (async (path: string, init: RequestInit) => {
    calls.push({ path, init });
    const next = answers.shift();
    if (!next) throw new Error("no more answers");
    return next;
  }) as unknown as typeof fetch;
  return { calls, doFetch };
}

const tokens = () => {
  let n = 0;
  return { idToken: async () => `token-${++n}` };
};

describe("admin API client", () => {
  it("sends a fresh session token as a Bearer header and JSON bodies as JSON", async () => {
    const { calls, doFetch } = recorder([Response.json({ ok: true })]);
    const source = tokens();
    const client = createApiClient(() => source, doFetch);
    expect(await client.json("/api/x", { method: "PUT", body: { a: 1 } })).toEqual({ ok: true });
    const headers = new Headers(calls[0]!.init.headers);
    expect(headers.get("authorization")).toBe("Bearer token-1");
    expect(headers.get("content-type")).toBe("application/json");
    expect(calls[0]!.init.body).toBe('{"a":1}');
  });

  it("retries once with a new token when the server asks for it (401 + retry header), not otherwise", async () => {
    const retry = new Response("", { status: 401, headers: { "X-Shopify-Retry-Invalid-Session-Request": "1" } });
    const { calls, doFetch } = recorder([retry, Response.json({ fine: 1 })]);
    const client = createApiClient(tokens, doFetch);
    expect(await client.json("/api/y")).toEqual({ fine: 1 });
    expect(calls.map((c) => new Headers(c.init.headers).get("authorization"))).toEqual([
      "Bearer token-1",
      "Bearer token-1",
    ]);

    const plain = recorder([new Response("", { status: 401 })]);
    await expect(createApiClient(tokens, plain.doFetch).json("/api/y")).rejects.toMatchObject({ status: 401 });
    expect(plain.calls).toHaveLength(1);
  });

  it("throws ApiError with the server's error body, and says plainly when App Bridge is missing", async () => {
    const body = {
      error: "invalid_settings",
      errors: [{ path: "wording.en.shipped", message: "Unknown variable {{x}}." }],
    };
    const { doFetch } = recorder([Response.json(body, { status: 400 })]);
    const failure = await createApiClient(tokens, doFetch)
      .json("/api/notifications/settings", { method: "PUT", body: {} })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).body).toEqual(body);

    const missing = await createApiClient(() => undefined, doFetch)
      .json("/api/shop")
      .catch((e: unknown) => e);
    expect(describeError(missing)).toMatch(/open the app from the Shopify admin/);
    expect(describeError(new ApiError(500, null))).toBe("The app answered HTTP 500.");
    expect(describeError(new TypeError("fetch failed"))).toMatch(/Could not reach the app/);
  });

  it("answers 204 with undefined", async () => {
    const { doFetch } = recorder([new Response(null, { status: 204 })]);
    expect(await createApiClient(tokens, doFetch).json("/api/links/1", { method: "DELETE" })).toBeUndefined();
  });
});
