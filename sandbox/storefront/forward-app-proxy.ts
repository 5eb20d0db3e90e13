import type { IncomingMessage, ServerResponse } from "node:http";
import { signAppProxyQuery } from "../../web/server/storefront/verify-proxy-signature.js";
import type { Visitor } from "./storefront-session.js";

export interface AppProxyTarget {
  /** The app's base URL; the proxy URL in shopify.app.toml is "/proxy". */
  appUrl: string;
  shop: string;
  apiSecret: string;
  /** "/apps/messenger": what the shopper's browser asks for on the shop's domain. */
  prefix: string;
}

/**
 * Plays Shopify's app proxy: /apps/messenger/<rest>?<shopper query> is forwarded to <app>/proxy/<rest> with
 * shop, logged_in_customer_id (blank for a guest), path_prefix and timestamp added and the whole query
 * signed. https://shopify.dev/docs/apps/build/online-store/app-proxies/authenticate-app-proxies
 * Shopper-supplied copies of those params are kept, so the app sees duplicates exactly as it would live.
 */
export async function forwardAppProxy(
  target: AppProxyTarget,
  url: URL,
  visitor: Visitor,
  res: ServerResponse,
  req: IncomingMessage,
): Promise<void> {
  const rest = url.pathname.slice(target.prefix.length);
  const params: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) (params[key] ??= []).push(value);
  const add = (key: string, value: string) => (params[key] ??= []).push(value);
  add("shop", target.shop);
  add("logged_in_customer_id", visitor.kind === "customer" ? visitor.customer.id : "");
  add("path_prefix", target.prefix);
  add("timestamp", String(Math.floor(Date.now() / 1000)));
  const query = signAppProxyQuery(params, target.apiSecret);
  const upstream = await fetch(`${target.appUrl}/proxy${rest}?${query}`, {
    method: "GET",
    redirect: "manual",
    headers: { accept: req.headers.accept ?? "*/*" },
  });
  const headers: Record<string, string> = {};
  for (const name of ["content-type", "location", "cache-control"]) {
    const value = upstream.headers.get(name);
    if (value) headers[name] = value;
  }
  res.writeHead(upstream.status, headers);
  res.end(Buffer.from(await upstream.arrayBuffer()));
}
