import { listenLocal } from "../listen-local.js";
import { readdirSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { createOrderBook, type OrderBook } from "../../emulators/shopify/order-book.js";
import { handleCheckout } from "../checkout/checkout-routes.js";
import { handleControlPanel } from "../control-panel/control-panel-routes.js";
import { CATALOG, formatPrice } from "./catalog.js";
import { forwardAppProxy } from "./forward-app-proxy.js";
import { renderStorefrontPage, type AppMetafields, type StorefrontCustomer } from "./render-storefront-page.js";
import { escapeHtml, EXTENSION_DIR } from "./shopify-liquid.js";
import { PRODUCT_PATH } from "./storefront-theme.js";
import { currentVisitor, visitorFromRequest, type Visitor } from "./storefront-session.js";

export interface StorefrontServerOptions {
  appUrl: string;
  shop: string;
  shopName: string;
  /** The app's client id: the audience of the Thank-you extension's session tokens (checkout pages need it). */
  apiKey?: string;
  apiSecret: string;
  apiVersion: string;
  /** Shopify's orders of this shop (demo orders, the control panel); default: a fresh one in memory. */
  orderBook?: OrderBook;
  /** The order book changed: the sandbox saves its snapshot. */
  onOrdersChanged?: () => void;
  /**
   * The app installation's metafields as the Shopify emulator holds them (what the app wrote with
   * metafieldsSet), read on every page view: the block renders from these only, as on a real store.
   */
  appMetafields: () => AppMetafields;
  proxyPrefix: string;
  defaultCustomer: StorefrontCustomer;
  /** Where "https://m.me" points in the sandbox (the emulator's /m.me); unset serves the assets untouched. */
  linkBase?: string;
  /** Block settings as a merchant would set them in the theme editor. */
  settings?: Record<string, unknown>;
  /** Show the sandbox controls (order button, log-in links) on the page; off for clean measurements. */
  controls?: boolean;
  /** Extra link in the controls, e.g. the emulator's thread list. */
  threadsUrl?: string;
  /** Extra link in the controls: the merchant admin (sandbox admin host). */
  adminUrl?: string;
  port?: number;
}

export interface StorefrontServer {
  url: string;
  close(): Promise<void>;
}

const ASSET_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};
export const ASSET_BASE = "/extension-assets/";

/**
 * Shopify's side of the sandbox: the storefront page with the real block, the extension's assets (as the
 * Shopify CDN serves them), the app proxy, and an "admin" button that places an order.
 */
export async function startStorefrontServer(options: StorefrontServerOptions): Promise<StorefrontServer> {
  const assets = new Set(readdirSync(join(EXTENSION_DIR, "assets")));
  // Production markup hardcodes https://m.me (Meta's host); the sandbox points it at the emulator, as
  // MESSENGER_LINK_BASE does for the app, so no click ever leaves the machine.
  const toLocalMme = (text: string) =>
    options.linkBase ? text.replaceAll("https://m.me/", `${options.linkBase}/`) : text;
  let ownUrl = "";
  const book = options.orderBook ?? createOrderBook({ shop: options.shop });
  const visitor = (req: IncomingMessage) => currentVisitor(req, options.defaultCustomer);
  const target = {
    appUrl: options.appUrl,
    shop: options.shop,
    apiSecret: options.apiSecret,
    apiVersion: options.apiVersion,
  };
  const panel = {
    target,
    book,
    changed: () => options.onOrdersChanged?.(),
    visitor,
    links: {
      storefront: "/",
      ...(options.threadsUrl ? { threads: options.threadsUrl } : {}),
      ...(options.adminUrl ? { admin: options.adminUrl } : {}),
    },
    send,
  };
  const checkout = {
    appUrl: options.appUrl,
    storefrontUrl: () => ownUrl,
    shop: options.shop,
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    book,
    visitor,
    toLocalMme,
    send,
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://storefront");
    const method = req.method ?? "GET";
    if (method === "GET" && (url.pathname === "/" || url.pathname === PRODUCT_PATH)) {
      const { visitor, setCookie } = visitorFromRequest(req, url, options.defaultCustomer);
      const html = await renderStorefrontPage({
        template: url.pathname === PRODUCT_PATH ? "product" : "index",
        settings: options.settings ?? {},
        customer: visitor.kind === "customer" ? visitor.customer : null,
        appMetafields: url.searchParams.get("bubble") === "0" ? {} : options.appMetafields(),
        assetBaseUrl: ASSET_BASE,
        shopName: options.shopName,
        locale: url.searchParams.get("lang") ?? "en",
        ...(options.controls === false ? {} : { controlsHtml: controlsHtml(visitor, url, options) }),
      });
      return send(res, 200, "text/html; charset=utf-8", toLocalMme(html), setCookie ? { "set-cookie": setCookie } : {});
    }
    if (method === "GET" && url.pathname.startsWith(ASSET_BASE)) {
      const name = decodeURIComponent(url.pathname.slice(ASSET_BASE.length));
      const ext = name.slice(name.lastIndexOf("."));
      if (!assets.has(name) || !ASSET_TYPES[ext]) return send(res, 404, "text/plain", "not found");
      return send(res, 200, ASSET_TYPES[ext], toLocalMme(readFileSync(join(EXTENSION_DIR, "assets", name), "utf8")));
    }
    if (method === "GET" && url.pathname.startsWith(`${options.proxyPrefix}/`)) {
      const target = {
        appUrl: options.appUrl,
        shop: options.shop,
        apiSecret: options.apiSecret,
        prefix: options.proxyPrefix,
      };
      return forwardAppProxy(target, url, currentVisitor(req, options.defaultCustomer), res, req);
    }
    if (await handleControlPanel(req, res, url, panel)) return;
    if (await handleCheckout(req, res, url, checkout)) return;
    if (method === "POST" && url.pathname === "/cart/add") {
      // The theme's product form posts here on Shopify; the sandbox has no cart, so it just comes back.
      res.writeHead(303, { location: `${PRODUCT_PATH}?added=1` });
      return void res.end();
    }
    if (url.pathname === "/favicon.ico") return send(res, 204, "text/plain", "");
    send(res, 404, "text/plain", "not found");
  }

  const server = await listenLocal((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 502, "text/plain", `sandbox storefront: ${(error as Error).message}`);
      else res.destroy();
    });
  }, options.port);
  ownUrl = server.url;
  return server;
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) {
  // Shopify serves storefront pages and CDN assets compressed; so does the stand-in, so that byte counts and
  // Lighthouse's simulated transfer times match what shoppers get.
  const gzip = /\bgzip\b/.test(String(res.req.headers["accept-encoding"] ?? "")) && body.length > 0;
  res.writeHead(status, {
    "content-type": type,
    "cache-control": "no-store",
    vary: "accept-encoding",
    ...(gzip ? { "content-encoding": "gzip" } : {}),
    ...headers,
  });
  res.end(gzip ? gzipSync(body) : body);
}

/** Static markup (no script, fixed place in the flow) so it cannot shift the layout the bench measures. */
function controlsHtml(visitor: Visitor, url: URL, options: StorefrontServerOptions): string {
  const ordered = url.searchParams.get("ordered");
  const orderId = /^[0-9]{1,20}$/.exec(url.searchParams.get("order") ?? "")?.[0];
  const thankYou = orderId
    ? ` <a href="/__sandbox/checkout/thank-you/${orderId}" data-sandbox-thank-you>Open its Thank-you page</a> (the checkout's Messenger button)`
    : "";
  const who =
    visitor.kind === "customer"
      ? `customer ${escapeHtml(visitor.customer.id)}`
      : "a guest (the Thank-you page offers Messenger updates)";
  const d = options.defaultCustomer;
  return `<section data-sandbox-controls style="margin-top:24px;padding:12px;border:1px dashed #999;border-radius:8px">
<strong>Sandbox controls</strong> · playing Shopify's admin
<form method="post" action="/__sandbox/orders" style="margin:8px 0"><label for="sandbox-product">Buy</label> <select id="sandbox-product" name="product">${CATALOG.map((p) => `<option value="${escapeHtml(p.handle)}">${escapeHtml(p.title)} (${escapeHtml(formatPrice(p.price))})</option>`).join("")}</select> <button type="submit" data-sandbox-order>Place a test order for ${who}</button></form>
${ordered ? `<p data-sandbox-ordered role="status">Order ${escapeHtml(ordered)} sent to the app (HTTP ${escapeHtml(url.searchParams.get("status") ?? "?")}).${thankYou}</p>` : ""}
<p><a href="/__sandbox/orders" data-sandbox-panel>Orders: fulfil, ship, deliver, cancel or refund (Shopify admin stand-in)</a></p>
<p><a href="/?customer=${escapeHtml(d.id)}&amp;name=${escapeHtml(d.firstName ?? "")}">Log in as ${escapeHtml(d.firstName || d.id)}</a> · <a href="/?guest=1">Browse as a guest</a>${options.threadsUrl ? ` · <a href="${escapeHtml(options.threadsUrl)}" target="_blank" rel="noopener">Messenger threads (emulator)</a>` : ""}${options.adminUrl ? ` · <a href="${escapeHtml(options.adminUrl)}" target="_blank" rel="noopener">Merchant admin</a>` : ""}</p>
</section>`;
}
