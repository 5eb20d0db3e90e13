import type { IncomingMessage, ServerResponse } from "node:http";
import {
  ORDER_ACTION_LABELS,
  ORDER_ACTIONS,
  OrderActionError,
  type OrderAction,
  type OrderBook,
} from "../../emulators/shopify/order-book.js";
import { readForm } from "../read-form.js";
import { placeDemoOrder, UnknownProductError } from "../storefront/place-demo-order.js";
import type { Visitor } from "../storefront/storefront-session.js";
import { allDelivered, deliverShopifyWebhooks, type ShopifyWebhookTarget } from "./deliver-shopify-webhooks.js";
import { renderControlPanel } from "./render-control-panel.js";

export interface ControlPanelContext {
  target: ShopifyWebhookTarget;
  book: OrderBook;
  /** The order book changed (the sandbox saves its snapshot). */
  changed: () => void;
  visitor: (req: IncomingMessage) => Visitor;
  links: { storefront: string; threads?: string; admin?: string };
  send: (res: ServerResponse, status: number, type: string, body: string) => void;
}

const isAction = (v: string): v is OrderAction => (ORDER_ACTIONS as readonly string[]).includes(v);
const wantsJson = (req: IncomingMessage) => (req.headers.accept ?? "").includes("application/json");

function visitorLabel(v: Visitor): string {
  return v.kind === "customer" ? `${v.customer.firstName || "customer"} (customer ${v.customer.id})` : "a guest";
}

/**
 * /__sandbox/orders: placing demo orders (the storefront's checkout) and acting on them (the admin's
 * order screen). Returns false for paths it does not serve.
 */
export async function handleControlPanel(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: ControlPanelContext,
): Promise<boolean> {
  const method = req.method ?? "GET";
  const parts = url.pathname.split("/").filter(Boolean);
  if (parts[0] !== "__sandbox" || parts[1] !== "orders") return false;

  if (parts.length === 2 && method === "GET") {
    const orderId = url.searchParams.get("order");
    let notice: { text: string; ok: boolean } | undefined;
    if (orderId) {
      try {
        const booked = ctx.book.get(orderId);
        const last = booked.history.at(-1);
        const label = last?.action === "placed" ? "Placed" : ORDER_ACTION_LABELS[last?.action as OrderAction];
        const sent = (last?.deliveries ?? []).map(
          (d) => `${d.topic} → ${d.status === null ? "app unreachable" : `HTTP ${d.status}`}`,
        );
        notice = {
          text: `Order ${String(booked.order.name)} · ${label ?? "Updated"}: ${sent.join(", ")}`,
          ok: allDelivered(last?.deliveries ?? []),
        };
      } catch {
        notice = undefined;
      }
    }
    const refused = url.searchParams.get("refused");
    if (refused) notice = { text: refused, ok: false };
    const orders = ctx.book.list().map((booked) => ({
      booked,
      allowed: ctx.book.allowedActions(String(booked.order.id)),
    }));
    ctx.send(
      res,
      200,
      "text/html; charset=utf-8",
      renderControlPanel({ orders, notice, visitorLabel: visitorLabel(ctx.visitor(req)), links: ctx.links }),
    );
    return true;
  }

  if (parts.length === 2 && method === "POST") {
    const form = await readForm(req);
    const product = url.searchParams.get("product") ?? form.get("product");
    try {
      const placed = await placeDemoOrder(ctx.target, ctx.book, ctx.visitor(req), {
        locale: url.searchParams.get("lang") ?? "en",
        product,
      });
      ctx.changed();
      if (wantsJson(req)) {
        const ok = placed.status !== null && placed.status < 300;
        ctx.send(res, ok ? 200 : 502, "application/json", JSON.stringify(placed));
        return true;
      }
      const next =
        form.get("return") === "panel"
          ? `/__sandbox/orders?order=${encodeURIComponent(placed.orderId)}`
          : `/?ordered=${encodeURIComponent(placed.orderName)}&status=${placed.status ?? "unreachable"}&order=${encodeURIComponent(placed.orderId)}`;
      res.writeHead(303, { location: next });
      res.end();
    } catch (error) {
      if (!(error instanceof UnknownProductError)) throw error;
      ctx.send(res, 400, "text/plain; charset=utf-8", error.message);
    }
    return true;
  }

  const [, , orderId, action] = parts;
  if (parts.length === 4 && method === "POST" && orderId && action) {
    if (!isAction(action)) {
      ctx.send(res, 404, "text/plain; charset=utf-8", `no order action ${action}`);
      return true;
    }
    await readForm(req);
    const now = new Date();
    try {
      const webhooks = ctx.book.act(orderId, action, now);
      ctx.changed();
      const deliveries = await deliverShopifyWebhooks(ctx.target, webhooks);
      ctx.book.record(orderId, { at: now.toISOString(), action, deliveries });
      ctx.changed();
      if (wantsJson(req)) {
        ctx.send(res, allDelivered(deliveries) ? 200 : 502, "application/json", JSON.stringify({ deliveries }));
        return true;
      }
      res.writeHead(303, {
        location: `/__sandbox/orders?order=${encodeURIComponent(orderId)}#order-${encodeURIComponent(orderId)}`,
      });
      res.end();
    } catch (error) {
      if (!(error instanceof OrderActionError)) throw error;
      if (wantsJson(req)) {
        ctx.send(res, 409, "application/json", JSON.stringify({ error: error.message }));
        return true;
      }
      res.writeHead(303, { location: `/__sandbox/orders?refused=${encodeURIComponent(error.message)}` });
      res.end();
    }
    return true;
  }
  return false;
}
