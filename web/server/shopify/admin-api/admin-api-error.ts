/**
 * How an Admin API call failed, in the terms a caller acts on:
 * - reauth_required: no usable offline token (refresh token revoked, app uninstalled); the shop is flagged and
 *   only the merchant opening the app (token exchange) fixes it. Jobs should stop, not retry.
 * - throttled: the bucket is empty for longer than is worth waiting in-line; retry after retryAfterMs.
 * - unavailable: network error, timeout or 5xx; retry with backoff.
 * - rejected: Shopify refused the operation itself (GraphQL errors, bad response shape); retrying won't help.
 */
export type AdminApiFailure = "reauth_required" | "throttled" | "unavailable" | "rejected";

export class AdminApiError extends Error {
  constructor(
    readonly failure: AdminApiFailure,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "AdminApiError";
  }
}

export const isAdminApiError = (error: unknown): error is AdminApiError => error instanceof AdminApiError;

/** What a job returns for an Admin API failure: reauth and rejections stop it, the rest retry. */
export function jobOutcomeFor(error: AdminApiError) {
  if (error.failure === "reauth_required" || error.failure === "rejected") {
    return { status: "dead" as const, error: `${error.failure}: ${error.message}` };
  }
  return {
    status: "retry" as const,
    error: `${error.failure}: ${error.message}`,
    ...(error.retryAfterMs !== undefined ? { delayMs: error.retryAfterMs } : {}),
  };
}
