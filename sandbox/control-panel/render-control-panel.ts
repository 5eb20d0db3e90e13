import { ORDER_ACTION_LABELS, type BookedOrder, type OrderAction } from "../../emulators/shopify/order-book.js";
import { CATALOG, formatPrice } from "../storefront/catalog.js";
import { escapeHtml as e } from "../storefront/shopify-liquid.js";

/**
 * The sandbox's stand-in for the order screen of Shopify's admin: every demo order with what Shopify
 * would let the merchant do next. Each button is a plain form (works without script, keyboard first);
 * the server answers with a redirect back here and a notice saying what the app answered.
 */

export interface ControlPanelView {
  orders: { booked: BookedOrder; allowed: OrderAction[] }[];
  notice?: { text: string; ok: boolean };
  visitorLabel: string;
  links: { storefront: string; threads?: string; admin?: string };
}

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => (typeof v === "object" && v !== null ? (v as Obj) : {});

export const SANDBOX_PAGE_STYLE = `*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#f6f6f7}
header,main{padding:12px 16px;max-width:1100px;margin:0 auto}
header{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:baseline;justify-content:space-between}
a{color:#0b57d0}
h1{font-size:1.5rem;margin:.5rem 0}
.notice{padding:8px 12px;border-radius:8px;margin:8px 0;border:1px solid}
.notice.ok{background:#e3f5e9;border-color:#2e7d4f}.notice.bad{background:#fdecea;border-color:#b3261e}
.order{background:#fff;border:1px solid #d0d0d5;border-radius:10px;padding:12px 16px;margin:12px 0}
.order h2{font-size:1.15rem;margin:0 0 4px}
.meta{color:#4a4a4f;font-size:.9rem}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.actions form{margin:0}
button,select{font:inherit;min-height:44px;padding:6px 14px;border-radius:8px;border:1px solid #5c5f62;background:#fff;color:#1a1a1a;cursor:pointer}
button.primary{background:#1a1a1a;color:#fff;border-color:#1a1a1a}
button:focus-visible,a:focus-visible,select:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
ul.history{margin:4px 0 0;padding-left:20px;font-size:.9rem;color:#4a4a4f}
table{border-collapse:collapse;font-size:.95rem}td,th{text-align:left;padding:2px 12px 2px 0}`;

function statusOf(b: BookedOrder): string {
  const parts: string[] = [];
  if (b.cancelledAt) parts.push("Cancelled");
  parts.push(b.refunded ? "Refunded" : "Paid");
  const shipment = o(b.fulfillment).shipment_status;
  if (b.fulfillment)
    parts.push(typeof shipment === "string" ? `Fulfilled · ${shipment.replaceAll("_", " ")}` : "Fulfilled");
  else if (!b.cancelledAt) parts.push("Unfulfilled");
  return parts.join(" · ");
}

function actionButton(b: BookedOrder, action: OrderAction): string {
  const id = String(b.order.id);
  const name = String(b.order.name);
  const primary = action === "fulfil" ? ' class="primary"' : "";
  return `<form method="post" action="/__sandbox/orders/${e(encodeURIComponent(id))}/${action}"><button type="submit"${primary} data-action="${action}">${e(ORDER_ACTION_LABELS[action])}<span class="visually-hidden"> order ${e(name)}</span></button></form>`;
}

function historyLine(entry: BookedOrder["history"][number]): string {
  const when = new Date(entry.at).toLocaleTimeString("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const label =
    entry.action === "placed" ? "Placed" : (ORDER_ACTION_LABELS[entry.action as OrderAction] ?? entry.action);
  const sent = entry.deliveries.map(
    (d) => `${d.topic} → ${d.status === null ? "app unreachable" : `HTTP ${d.status}`}`,
  );
  return `<li>${e(when)} · ${e(label)}: ${e(sent.join(", "))}</li>`;
}

function orderCard(b: BookedOrder, allowed: OrderAction[]): string {
  const order = b.order;
  const customer = o(order.customer);
  const who = order.customer
    ? `${String(customer.first_name ?? "")} ${String(customer.last_name ?? "")} (customer ${String(customer.id)})`.trim()
    : "Guest checkout";
  const items = (Array.isArray(order.line_items) ? order.line_items : []).map((li) => {
    const item = o(li);
    return `${String(item.quantity)} × ${String(item.name ?? item.title)}`;
  });
  const total = o(o(order.total_price_set).presentment_money);
  return `<article class="order" data-order="${e(String(order.id))}" aria-labelledby="order-${e(String(order.id))}">
<h2 id="order-${e(String(order.id))}">Order ${e(String(order.name))}</h2>
<p class="meta">${e(who)} · ${e(items.join(", "))} · ${e(formatPrice(Number(total.amount ?? 0)))} · confirmation ${e(String(order.confirmation_number))}</p>
<p><strong data-order-status>${e(statusOf(b))}</strong></p>
<div class="actions" role="group" aria-label="Actions for order ${e(String(order.name))}">${allowed.map((a) => actionButton(b, a)).join("") || '<span class="meta">Nothing left to do.</span>'}</div>
${b.history.length ? `<ul class="history" aria-label="Webhooks sent for ${e(String(order.name))}">${b.history.map(historyLine).join("")}</ul>` : ""}
</article>`;
}

export function renderControlPanel(view: ControlPanelView): string {
  const notice = view.notice
    ? `<p class="notice ${view.notice.ok ? "ok" : "bad"}" data-notice>${e(view.notice.text)}</p>`
    : "";
  const options = CATALOG.map(
    (p) => `<option value="${e(p.handle)}">${e(p.title)} (${e(formatPrice(p.price))})</option>`,
  );
  const links = [
    `<a href="${e(view.links.storefront)}">Storefront</a>`,
    ...(view.links.threads ? [`<a href="${e(view.links.threads)}">Messenger threads</a>`] : []),
    ...(view.links.admin ? [`<a href="${e(view.links.admin)}">Merchant admin</a>`] : []),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Orders · Sandbox Shopify admin</title>
<style>${SANDBOX_PAGE_STYLE}</style>
</head>
<body>
<header><strong>Sandbox · Shopify admin stand-in</strong><nav aria-label="Sandbox">${links.join(" · ")}</nav></header>
<main>
<h1>Orders</h1>
<div role="status" aria-live="polite">${notice}</div>
<p>Each button does what the same click in Shopify's admin does: Shopify sends the app its signed webhook, and the shopper's Messenger thread shows the update.</p>
<form method="post" action="/__sandbox/orders" class="actions">
<label for="product">New order for ${e(view.visitorLabel)}:</label>
<select id="product" name="product">${options.join("")}</select>
<input type="hidden" name="return" value="panel">
<button type="submit">Place order</button>
</form>
${view.orders.length ? view.orders.map(({ booked, allowed }) => orderCard(booked, allowed)).join("\n") : "<p>No orders yet. Place one from the storefront or above.</p>"}
</main>
</body>
</html>
`;
}
