import { z } from "zod";
import { parseUsageHeaders, type GraphUsage } from "./usage-headers.js";

/** How the request failed below the Graph error envelope, when it did. */
export type GraphTransportFailure = "timeout" | "network" | "non_json" | null;

/** Meta's error envelope: https://developers.facebook.com/docs/graph-api/guides/error-handling */
const envelopeSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    fbtrace_id: z.string().optional(),
    is_transient: z.boolean().optional(),
    error_user_title: z.string().optional(),
    error_user_msg: z.string().optional(),
  }),
});

export interface GraphApiErrorInit {
  status: number | null;
  code: number | null;
  subcode: number | null;
  type: string | null;
  fbtraceId: string | null;
  message: string;
  /** Meta's own `is_transient` flag, or true for timeouts, network failures and non-JSON 5xx bodies. */
  transient: boolean;
  failure: GraphTransportFailure;
  usage: GraphUsage;
}

/** A failed Graph call, never flattened to a string: the classifier and the dispatcher read its fields. */
export class GraphApiError extends Error {
  readonly status: number | null;
  readonly code: number | null;
  readonly subcode: number | null;
  readonly type: string | null;
  readonly fbtraceId: string | null;
  readonly transient: boolean;
  readonly failure: GraphTransportFailure;
  readonly usage: GraphUsage;

  constructor(init: GraphApiErrorInit) {
    super(init.message);
    this.name = "GraphApiError";
    this.status = init.status;
    this.code = init.code;
    this.subcode = init.subcode;
    this.type = init.type;
    this.fbtraceId = init.fbtraceId;
    this.transient = init.transient;
    this.failure = init.failure;
    this.usage = init.usage;
  }

  /** Builds the error from an HTTP response's status, headers and raw body text. */
  static fromResponse(status: number, headers: Headers, bodyText: string): GraphApiError {
    const usage = parseUsageHeaders(headers);
    let json: unknown;
    try {
      json = JSON.parse(bodyText);
    } catch {
      json = undefined;
    }
    const parsed = envelopeSchema.safeParse(json);
    if (!parsed.success) {
      // Proxies and Meta's edge answer HTML or empty bodies; only 5xx ones are worth retrying.
      return new GraphApiError({
        status,
        code: null,
        subcode: null,
        type: null,
        fbtraceId: null,
        message: `Graph API returned HTTP ${status} without an error envelope`,
        transient: status >= 500,
        failure: "non_json",
        usage,
      });
    }
    const e = parsed.data.error;
    return new GraphApiError({
      status,
      code: e.code ?? null,
      subcode: e.error_subcode ?? null,
      type: e.type ?? null,
      fbtraceId: e.fbtrace_id ?? null,
      message: e.message ?? `Graph API error (HTTP ${status})`,
      transient: e.is_transient ?? false,
      failure: null,
      usage,
    });
  }

  /** A request that never got a response: aborted by our timeout or failed on the network. */
  static fromTransport(failure: "timeout" | "network", cause: unknown): GraphApiError {
    const detail = cause instanceof Error ? cause.message : String(cause);
    const err = new GraphApiError({
      status: null,
      code: null,
      subcode: null,
      type: null,
      fbtraceId: null,
      message: failure === "timeout" ? "Graph API request timed out" : `Graph API request failed: ${detail}`,
      transient: true,
      failure,
      usage: parseUsageHeaders(new Headers()),
    });
    return err;
  }
}

export function isGraphApiError(value: unknown): value is GraphApiError {
  return value instanceof GraphApiError;
}
