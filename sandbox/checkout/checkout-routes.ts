import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { OrderActionError, type OrderBook } from "../../emulators/shopify/order-book.js";
import { mintExtensionSessionToken } from "../../emulators/shopify/session-token.js";
import type { Visitor } from "../storefront/storefront-session.js";
import { renderThankYouPage, THANK_YOU_EXTENSION_DIR } from "./render-thank-you-page.js";

export interface CheckoutContext {
  appUrl: string;
  storefrontUrl: () => string;
  shop: string;
  apiKey: string | undefined;
  apiSecret: string;
  book: OrderBook;
  visitor: (req: IncomingMessage) => Visitor;
  /** Rewrites https://m.me/ to the emulator's m.me, as for the bubble's assets. */
  toLocalMme: (text: string) => string;
  send: (res: ServerResponse, status: number, type: string, body: string, headers?: Record<string, string>) => void;
}

export const ORDER_LINK_SCRIPT = "/__sandbox/extensions/order-updates-thank-you/order-link.js";
export const SESSION_TOKEN_PATH = "/__sandbox/checkout/session-token";

/**
 * Shopify's checkout side of the sandbox: the Thank-you page of a demo order, the session token Shopify
 * gives the Thank-you extension (HS256 with the app secret; `sub` only for a logged-in buyer), and the
 * extension's own order-link.js. Returns false for other paths.
 */
export async function handleCheckout(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: CheckoutContext,
): Promise<boolean> {
  const method = req.method ?? "GET";
  if (method === "GET" && url.pathname === ORDER_LINK_SCRIPT) {
    const source = readFileSync(join(THANK_YOU_EXTENSION_DIR, "src/order-link.js"), "utf8");
    ctx.send(res, 200, "text/javascript; charset=utf-8", ctx.toLocalMme(source));
    return true;
  }
  if (method === "POST" && url.pathname === SESSION_TOKEN_PATH) {
    if (!ctx.apiKey) {
      ctx.send(res, 503, "text/plain; charset=utf-8", "this storefront has no app client id to mint tokens for");
      return true;
    }
    const visitor = ctx.visitor(req);
    const token = mintExtensionSessionToken({
      apiKey: ctx.apiKey,
      secret: ctx.apiSecret,
      shop: ctx.shop,
      now: new Date(),
      ...(visitor.kind === "customer" ? { customerGid: `gid://shopify/Customer/${visitor.customer.id}` } : {}),
    });
    ctx.send(res, 200, "application/json", JSON.stringify({ token }));
    return true;
  }
  const match = /^\/__sandbox\/checkout\/thank-you\/([0-9]{1,20})$/.exec(url.pathname);
  if (method === "GET" && match?.[1]) {
    try {
      const booked = ctx.book.get(match[1]);
      const html = renderThankYouPage({
        booked,
        appUrl: ctx.appUrl,
        storefrontUrl: `${ctx.storefrontUrl()}/`,
        scriptUrl: ORDER_LINK_SCRIPT,
        tokenUrl: SESSION_TOKEN_PATH,
      });
      ctx.send(res, 200, "text/html; charset=utf-8", html);
    } catch (error) {
      if (!(error instanceof OrderActionError)) throw error;
      ctx.send(res, 404, "text/plain; charset=utf-8", "no such order");
    }
    return true;
  }
  return false;
}
