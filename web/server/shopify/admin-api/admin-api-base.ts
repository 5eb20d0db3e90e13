import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";

/**
 * SHOPIFY_ADMIN_API_URL (tests and the sandbox): @shopify/shopify-api builds every Admin API and OAuth token URL
 * as https://{shop}/admin/… and fetches through one process-wide function. That function is replaced once here;
 * the base it sends to is scoped per call (AsyncLocalStorage), so several app instances in one process (tests)
 * each reach their own stand-in, and calls outside a scope (production: no base configured) go to Shopify.
 *
 * @shopify/shopify-app-express has no "exports" map, so Node loads its CommonJS build, which loads the CommonJS
 * build of @shopify/shopify-api: that copy makes the calls and throws the errors, so this module uses it too
 * (the ESM copy is a separate instance with its own fetch function and error classes).
 */
const require = createRequire(import.meta.url);
require("@shopify/shopify-api/adapters/node"); // first, so it cannot overwrite the function set below
const runtime = require("@shopify/shopify-api/runtime") as typeof import("@shopify/shopify-api/runtime");
/** Error classes of the instance that throws them (instanceof needs the same copy). */
export const shopifyErrors = require("@shopify/shopify-api") as Pick<
  typeof import("@shopify/shopify-api"),
  "GraphqlQueryError" | "HttpInternalError" | "HttpRequestError" | "HttpResponseError" | "HttpThrottlingError"
>;

const scope = new AsyncLocalStorage<string>();
/** No Admin API or token call may hang a job or a request forever. */
const TIMEOUT_MS = 15_000;
const realFetch = globalThis.fetch;
// At import: the GraphQL client copies the function when it is built.
runtime.setAbstractFetchFunc(async (input: RequestInfo | URL, init?: RequestInit) => {
  const base = scope.getStore();
  const target = base ? rebase(input, base) : input;
  return realFetch(target, { ...init, signal: init?.signal ?? AbortSignal.timeout(TIMEOUT_MS) });
});

/** https://{shop}.myshopify.com/admin/… → {base}/admin/…; anything else is left alone. */
function rebase(input: RequestInfo | URL, base: string): RequestInfo | URL {
  const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const url = new URL(href);
  if (!url.hostname.endsWith(".myshopify.com") || !url.pathname.startsWith("/admin/")) return input;
  return `${base}${url.pathname}${url.search}`;
}

/** Runs fn with Shopify calls sent to `base` (when set). */
export function withAdminApiBase<T>(base: string | undefined, fn: () => T): T {
  return base ? scope.run(base, fn) : fn();
}
