import type { ApiErrorBody } from "../../../shared/admin-dto.js";

/** What the admin needs of App Bridge v4: `shopify.idToken()` resolves a fresh session token. */
export interface SessionTokenSource {
  idToken(): Promise<string>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null,
  ) {
    super(body?.message ?? body?.error ?? `HTTP ${status}`);
    this.name = "ApiError";
  }
}

export interface ApiClient {
  /** fetch() with `Authorization: Bearer <session token>`; the response as it came. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** JSON in and out; a non-2xx answer throws ApiError carrying the server's error body. */
  json<T>(path: string, init?: { method?: string; body?: unknown; signal?: AbortSignal }): Promise<T>;
}

// shopify-app-express answers an expired or not-yet-valid token with 401 and this header, meaning "get a
// new token and try once more" (App Bridge's own patched fetch does the same).
const RETRY_HEADER = "x-shopify-retry-invalid-session-request";

/**
 * Every admin API call carries a session token asked of App Bridge right before the call (tokens live a
 * minute; App Bridge caches and renews them). No cookies: embedded apps must authenticate with session
 * tokens. https://shopify.dev/docs/apps/build/authentication-authorization/session-tokens
 */
export function createApiClient(
  tokens: () => SessionTokenSource | undefined,
  doFetch: typeof fetch = (...args) => fetch(...args),
): ApiClient {
  async function authorized(path: string, init: RequestInit = {}): Promise<Response> {
    const source = tokens();
    if (!source) {
      throw new ApiError(0, {
        error: "app_bridge_missing",
        message: "App Bridge did not load: open the app from the Shopify admin.",
      });
    }
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${await source.idToken()}`);
    return doFetch(path, { ...init, headers });
  }

  async function authorizedFetch(path: string, init?: RequestInit): Promise<Response> {
    const first = await authorized(path, init);
    if (first.status !== 401 || first.headers.get(RETRY_HEADER) !== "1") return first;
    return authorized(path, init);
  }

  return {
    fetch: authorizedFetch,
    async json<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}) {
      const response = await authorizedFetch(path, {
        method: init.method ?? "GET",
        headers: init.body === undefined ? { Accept: "application/json" } : { "Content-Type": "application/json" },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        ...(init.signal ? { signal: init.signal } : {}),
      });
      if (!response.ok) throw new ApiError(response.status, await errorBody(response));
      if (response.status === 204) return undefined as T;
      return (await response.json()) as T;
    },
  };
}

async function errorBody(response: Response): Promise<ApiErrorBody | null> {
  try {
    const body: unknown = await response.json();
    return body && typeof body === "object" && typeof (body as ApiErrorBody).error === "string"
      ? (body as ApiErrorBody)
      : null;
  } catch {
    return null;
  }
}

/** App Bridge's global, set by its CDN script in the Shopify admin (the sandbox loads a stand-in). */
export const appBridge = (): SessionTokenSource | undefined =>
  (globalThis as { shopify?: Partial<SessionTokenSource> }).shopify?.idToken
    ? (globalThis as unknown as { shopify: SessionTokenSource }).shopify
    : undefined;

export const api: ApiClient = createApiClient(appBridge);

/** A message a merchant can act on, for any failure of an API call. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return error.message;
    if (error.status === 401) return "Your session expired. Reload the app from the Shopify admin.";
    if (error.body?.message) return error.body.message;
    return `The app answered HTTP ${error.status}${error.body ? ` (${error.body.error})` : ""}.`;
  }
  if (error instanceof DOMException && error.name === "AbortError") return "Cancelled.";
  return "Could not reach the app. Check your connection and try again.";
}
