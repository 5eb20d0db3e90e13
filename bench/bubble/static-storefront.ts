import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import {
  SANDBOX_CUSTOMER,
  SANDBOX_PAGE,
  SANDBOX_PROXY_PREFIX,
  SANDBOX_SHOP_NAME,
} from "../../sandbox/sandbox-settings.js";
import { renderStorefrontPage } from "../../sandbox/storefront/render-storefront-page.js";
import { EXTENSION_DIR } from "../../sandbox/storefront/shopify-liquid.js";
import { PRODUCT_PATH, type StorefrontTemplate } from "../../sandbox/storefront/storefront-theme.js";
import { BUBBLE_SCRIPT } from "./bubble-bytes.js";

export const ASSET_BASE = "/extension-assets/";

export interface StaticStorefront {
  url: string;
  /** Path of a page, with or without the bubble. */
  path(template: StorefrontTemplate, bubble: boolean): string;
  close(): Promise<void>;
}

/**
 * The sandbox storefront's pages (the same renderStorefrontPage and the real block, logged-in customer, no
 * sandbox controls), rendered once and served from memory, gzip-compressed as Shopify serves them. Rendering
 * up front keeps the sandbox's Liquid rendering time (which Lighthouse would fold into every metric as
 * server response time) out of a comparison that is about what the bubble costs in the browser.
 */
export async function startStaticStorefront(): Promise<StaticStorefront> {
  const pages = new Map<string, Buffer>();
  const path = (template: StorefrontTemplate, bubble: boolean) =>
    `${template === "product" ? PRODUCT_PATH : "/"}${bubble ? "" : "?bubble=0"}`;
  for (const template of ["index", "product"] as const) {
    for (const bubble of [true, false]) {
      const html = await renderStorefrontPage({
        template,
        customer: SANDBOX_CUSTOMER,
        // What the app writes for a connected Page (app-data metafields); none: the embed renders nothing.
        appMetafields: bubble
          ? {
              messenger: {
                page_username: { value: SANDBOX_PAGE.username, type: "single_line_text_field" },
                proxy_path: { value: SANDBOX_PROXY_PREFIX, type: "single_line_text_field" },
              },
            }
          : {},
        assetBaseUrl: ASSET_BASE,
        shopName: SANDBOX_SHOP_NAME,
      });
      pages.set(path(template, bubble), gzipSync(html));
    }
  }
  const script = gzipSync(readFileSync(join(EXTENSION_DIR, "assets", BUBBLE_SCRIPT)));
  const send = (res: ServerResponse, type: string, body: Buffer) => {
    res.writeHead(200, { "content-type": type, "content-encoding": "gzip", "cache-control": "no-store" });
    res.end(body);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? "/";
    const page = pages.get(url);
    if (page) return send(res, "text/html; charset=utf-8", page);
    if (url === `${ASSET_BASE}${BUBBLE_SCRIPT}`) return send(res, "text/javascript; charset=utf-8", script);
    res.writeHead(url === "/favicon.ico" ? 204 : 404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    path,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
