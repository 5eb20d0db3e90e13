import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BookedOrder } from "../../emulators/shopify/order-book.js";
import { SANDBOX_PAGE_STYLE } from "../control-panel/render-control-panel.js";
import { formatPrice } from "../storefront/catalog.js";
import { escapeHtml as e } from "../storefront/shopify-liquid.js";

/**
 * Shopify's Thank-you page with our checkout UI extension's block ("Get order updates on Messenger").
 * The block behaves as extensions/order-updates-thank-you does: it runs the extension's own order-link.js,
 * which asks the app's POST /ext/order-link with a session token (minted here as Shopify would mint it for
 * this buyer), then shows the m.me link. The Preact/Polaris UI itself only runs inside Shopify's checkout,
 * so the markup here is plain HTML with the extension's texts.
 */

export const THANK_YOU_EXTENSION_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../extensions/order-updates-thank-you",
);

export function thankYouTexts(): Record<"cta" | "description" | "loading" | "error" | "retry", string> {
  return JSON.parse(readFileSync(join(THANK_YOU_EXTENSION_DIR, "locales/en.default.json"), "utf8")) as Record<
    "cta" | "description" | "loading" | "error" | "retry",
    string
  >;
}

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => (typeof v === "object" && v !== null ? (v as Obj) : {});

export interface ThankYouView {
  booked: BookedOrder;
  appUrl: string;
  storefrontUrl: string;
  /** Where the sandbox serves the extension's order-link.js. */
  scriptUrl: string;
  tokenUrl: string;
}

/** Client side of the block, loaded as a module; reads its inputs from the JSON island (no inline data in JS). */
const BLOCK_SCRIPT = `
import { requestOrderLink } from __SCRIPT_URL__;
const cfg = JSON.parse(document.getElementById("order-updates-config").textContent);
const block = document.getElementById("order-updates");
const slot = block.querySelector("[data-slot]");
async function getToken() {
  const r = await fetch(cfg.tokenUrl, { method: "POST" });
  if (!r.ok) throw new Error("no session token");
  return (await r.json()).token;
}
function show(html) { slot.innerHTML = html; }
async function load() {
  show('<button type="button" disabled aria-describedby="order-updates-loading">' + cfg.texts.cta + '</button><span id="order-updates-loading" class="meta"> ' + cfg.texts.loading + '</span>');
  const link = await requestOrderLink({
    appUrl: cfg.appUrl,
    getToken,
    fetch: (...args) => fetch(...args),
    body: { orderId: cfg.orderGid, confirmationNumber: cfg.confirmationNumber, entryPoint: "thank_you" },
  });
  if (link.status === "unavailable") { block.hidden = true; return; }
  if (link.status === "error") {
    show('<p>' + cfg.texts.error + '</p><button type="button" data-retry>' + cfg.texts.retry + '</button>');
    slot.querySelector("[data-retry]").addEventListener("click", load);
    return;
  }
  const a = document.createElement("a");
  a.href = link.url;
  a.target = "_blank";
  a.rel = "noopener";
  a.className = "cta";
  a.textContent = cfg.texts.cta;
  a.setAttribute("data-order-link", "");
  slot.replaceChildren(a);
}
load();
`;

/** JSON inside <script type="application/json">: "<" escaped so no text can close the element. */
function jsonIsland(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

export function renderThankYouPage(view: ThankYouView): string {
  const order = view.booked.order;
  const texts = thankYouTexts();
  const customer = o(order.customer);
  const first = typeof customer.first_name === "string" && customer.first_name ? `, ${customer.first_name}` : "";
  const items = (Array.isArray(order.line_items) ? order.line_items : []).map((li) => {
    const item = o(li);
    return `<li>${e(String(item.quantity))} × ${e(String(item.name ?? item.title))}</li>`;
  });
  const total = Number(o(o(order.total_price_set).presentment_money).amount ?? 0);
  const config = {
    appUrl: view.appUrl,
    tokenUrl: view.tokenUrl,
    orderGid: String(order.admin_graphql_api_id),
    confirmationNumber: String(order.confirmation_number),
    // Texts go in as HTML-escaped strings: the script builds markup from them.
    texts: Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, e(v)])),
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Thank you · Order ${e(String(order.name))}</title>
<style>${SANDBOX_PAGE_STYLE}
.box{background:#fff;border:1px solid #d0d0d5;border-radius:10px;padding:12px 16px;margin:12px 0;max-width:640px}
a.cta{display:inline-block;min-height:44px;padding:10px 16px;border-radius:8px;background:#0a5bd3;color:#fff;text-decoration:none;font-weight:600}
</style>
</head>
<body>
<header><strong>Demo Store · Checkout</strong><nav aria-label="Sandbox"><a href="${e(view.storefrontUrl)}">Continue shopping</a> · <a href="/__sandbox/orders">Orders (sandbox admin)</a></nav></header>
<main>
<h1>Thank you${e(first)}!</h1>
<div class="box">
<p>Order <strong data-order-name>${e(String(order.name))}</strong> is confirmed.</p>
<p class="meta">Confirmation number <strong data-confirmation>${e(String(order.confirmation_number))}</strong></p>
<ul>${items.join("")}</ul>
<p>Total ${e(formatPrice(total))}</p>
</div>
<section id="order-updates" class="box" aria-labelledby="order-updates-title" data-extension="order-updates-thank-you">
<h2 id="order-updates-title" style="font-size:1.1rem;margin:0 0 4px">Messenger</h2>
<p>${e(texts.description)}</p>
<div data-slot aria-live="polite"><button type="button" disabled>${e(texts.cta)}</button></div>
</section>
</main>
<script type="application/json" id="order-updates-config">${jsonIsland(config)}</script>
<script type="module">${BLOCK_SCRIPT.replace("__SCRIPT_URL__", JSON.stringify(view.scriptUrl))}</script>
</body>
</html>
`;
}
