import { GraphApiError } from "./graph-error.js";
import { parseUsageHeaders, type GraphUsage } from "./usage-headers.js";

export type GraphErrorClass =
  | "retry"
  | "rate_limited"
  | "window_closed"
  | "recipient_unavailable"
  | "auth_broken"
  | "permission"
  | "invalid"
  | "policy_block"
  | "page_restricted"
  | "fatal";

// Send API errors: https://developers.facebook.com/docs/messenger-platform/reference/send-api/error-codes
// Graph errors: https://developers.facebook.com/docs/graph-api/guides/error-handling

/** Subcodes of code 10 that mean "outside the allowed messaging window" (2534022 is the newer variant). */
const WINDOW_SUBCODES = new Set([2018278, 2534022]);
/** 10/1893063 "Page temporarily restricted from sending" (Messenger changelog, 2026-06-25). */
export const PAGE_RESTRICTED_SUBCODE = 1893063;
/** Subcodes that mean this person can't be messaged by this Page (blocked, left, unknown PSID). */
const UNAVAILABLE = new Set(["10/2018108", "100/2018001", "200/1545041"]);
/** Throttling: app (4), user (17), page (32), Send API (613), BUC 80001-80014, too many actions (9/2018352). */
const RATE_CODES = new Set([4, 9, 17, 32, 613]);
/** Transient/service errors Meta says to retry: 1 unknown, 2 service, and their subcodes. */
const RETRY_CODES = new Set([1, 2]);

/**
 * Decides what the dispatcher does with a failed Graph call. Pure: reads only the error's fields.
 * Order matters: specific code/subcode pairs are checked before their generic codes.
 */
export function classifyGraphError(err: unknown): GraphErrorClass {
  if (!(err instanceof GraphApiError)) return "fatal";
  const { code, subcode, status } = err;
  if (err.failure === "timeout" || err.failure === "network") return "retry";
  if (code === null) return status !== null && status >= 500 ? "retry" : "fatal";
  if (RATE_CODES.has(code) || (code >= 80001 && code <= 80014)) return "rate_limited";
  if (code === 190 || code === 102) return "auth_broken";
  if (code === 10 && subcode !== null && WINDOW_SUBCODES.has(subcode)) return "window_closed";
  // 1545041 is "person unavailable" in older docs and "window closed" in 2026 docs; neither is retryable (spec §8.1 ⚠).
  if (code === 551 || UNAVAILABLE.has(`${code}/${subcode}`)) return "recipient_unavailable";
  // 10/1893063: the Page is temporarily restricted from sending (changelog Jun 25 2026): wait, then try again.
  if (code === 10 && subcode === PAGE_RESTRICTED_SUBCODE) return "page_restricted";
  // 368: blocked for policy.
  if (code === 368) return "policy_block";
  if (code === 10 || code === 200 || code === 230 || (code >= 200 && code <= 299)) return "permission";
  if (code === 100) return "invalid";
  if (RETRY_CODES.has(code) || err.transient || (status !== null && status >= 500)) return "retry";
  return "fatal";
}

/**
 * How long to wait before calling again, from Meta's usage headers
 * (`estimated_time_to_regain_access` is in minutes). Returns null when Meta gave no estimate,
 * so the caller falls back to its own exponential back-off.
 * https://developers.facebook.com/docs/graph-api/overview/rate-limiting
 */
export function retryAfterMs(err: unknown, usageHeaders?: Headers | GraphUsage): number | null {
  const usage: GraphUsage | null =
    usageHeaders instanceof Headers
      ? parseUsageHeaders(usageHeaders)
      : (usageHeaders ?? (err instanceof GraphApiError ? err.usage : null));
  if (!usage) return null;
  const minutes = [
    ...usage.businessUseCase.map((e) => e.estimatedTimeToRegainAccessMin),
    usage.page?.estimatedTimeToRegainAccessMin ?? 0,
    usage.app?.estimatedTimeToRegainAccessMin ?? 0,
  ].reduce((max, m) => Math.max(max, m), 0);
  return minutes > 0 ? minutes * 60_000 : null;
}
