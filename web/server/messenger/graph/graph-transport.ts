import type { z } from "zod";
import { hmacSha256Hex } from "../../lib/hmac.js";
import { GraphApiError } from "./graph-error.js";
import { parseUsageHeaders, type GraphUsage } from "./usage-headers.js";

export interface GraphTransportOptions {
  baseUrl: string;
  version: string;
  appSecret: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** Every result carries Meta's usage headers so callers can slow down before being throttled. */
export type WithUsage<T> = T & { usage: GraphUsage };

interface CallSpec<T extends z.ZodType> {
  method: "GET" | "POST" | "DELETE";
  path: string;
  token: string | null;
  query?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  schema: T;
}

/**
 * Graph API transport. The token travels only in the Authorization header (never in a URL, where logs keep it);
 * appsecret_proof = hex HMAC-SHA256(appSecret, token) proves the call comes from our server.
 * https://developers.facebook.com/docs/graph-api/securing-requests#appsecret_proof
 */
export function createGraphTransport(options: GraphTransportOptions) {
  const doFetch = options.fetch ?? fetch;
  const root = `${options.baseUrl.replace(/\/+$/, "")}/${options.version}`;

  async function call<T extends z.ZodType>(spec: CallSpec<T>): Promise<WithUsage<z.infer<T>>> {
    const url = new URL(`${root}/${spec.path}`);
    for (const [k, v] of Object.entries(spec.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { accept: "application/json" };
    if (spec.token !== null) {
      headers.authorization = `Bearer ${spec.token}`;
      url.searchParams.set("appsecret_proof", hmacSha256Hex(options.appSecret, spec.token));
    }
    let body: string | undefined;
    if (spec.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(spec.json);
    } else if (spec.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(spec.form).toString();
    }
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, {
        method: spec.method,
        headers,
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      text = await response.text();
    } catch (cause) {
      const timedOut = cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError");
      throw GraphApiError.fromTransport(timedOut ? "timeout" : "network", cause);
    }
    if (!response.ok) throw GraphApiError.fromResponse(response.status, response.headers, text);
    const usage = parseUsageHeaders(response.headers);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw GraphApiError.fromResponse(response.status, response.headers, text);
    }
    const parsed = spec.schema.safeParse(json);
    if (!parsed.success) {
      throw new GraphApiError({
        status: response.status,
        code: null,
        subcode: null,
        type: null,
        fbtraceId: null,
        message: `Unexpected Graph API response for ${spec.method} ${spec.path}`,
        transient: false,
        failure: "non_json",
        usage,
      });
    }
    return Object.assign({}, parsed.data as object, { usage }) as WithUsage<z.infer<T>>;
  }

  return call;
}
