import express, { Router } from "express";
import type { InboxWriter } from "../../inbox/inbox-writer.js";
import type { Metrics } from "../../http/metrics.js";
import type { ShopifyApp } from "../shopify-app.js";

/** Shopify bodies stay well under this; the cap keeps a hostile sender from filling memory. */
export const SHOPIFY_WEBHOOK_BODY_LIMIT = "3mb";

/**
 * POST /webhooks/shopify: HMAC checked on the raw body by @shopify/shopify-api, the delivery recorded
 * (deduplicated by X-Shopify-Webhook-Id), then 200. Processing happens later from the inbox, because
 * Shopify allows 5 s and retries on anything slower.
 */
export function shopifyWebhookRouter(deps: { shopify: ShopifyApp; inbox: InboxWriter; metrics: Metrics }): Router {
  const router = Router();
  router.post("/", express.text({ type: "*/*", limit: SHOPIFY_WEBHOOK_BODY_LIMIT }), async (req, res) => {
    const rawBody = typeof req.body === "string" ? req.body : "";
    const check = await deps.shopify.api.webhooks.validate({ rawBody, rawRequest: req, rawResponse: res });
    if (!check.valid) {
      res.locals.log.warn({ reason: check.reason }, "shopify webhook refused");
      res
        .status(check.reason === "invalid_hmac" || check.reason === "missing_hmac" ? 401 : 400)
        .json({ error: check.reason });
      return;
    }
    if (check.webhookType !== "webhooks") {
      res.status(400).json({ error: "unsupported_delivery_type" });
      return;
    }
    const body = parseJsonObject(rawBody);
    const topic = (req.get("x-shopify-topic") ?? "").toLowerCase();
    if (!body) {
      res.locals.log.warn({ topic, webhookId: check.webhookId }, "shopify webhook body is not a JSON object");
      res.status(400).json({ error: "malformed_json" });
      return;
    }
    const triggeredAt = check.triggeredAt ? new Date(check.triggeredAt) : undefined;
    const inserted = await deps.inbox.record([
      {
        source: "shopify",
        externalId: check.webhookId,
        topic,
        account: check.domain,
        eventId: check.eventId,
        eventAt: triggeredAt && !Number.isNaN(triggeredAt.getTime()) ? triggeredAt : undefined,
        body: rawBody,
        queueKey: queueKeyFor(check.domain, topic, body),
      },
    ]);
    deps.metrics.webhooksAccepted.inc({ source: "shopify" }, inserted);
    Object.assign(res.locals.logFields, {
      topic,
      shop: check.domain,
      webhookId: check.webhookId,
      duplicate: inserted === 0,
    });
    res.status(200).json({ ok: true });
  });
  return router;
}

/**
 * Deliveries about one order are processed one at a time, in order; other orders proceed in parallel.
 * The id here only groups work: precision lost above 2^53 at most merges two orders' queues.
 */
function queueKeyFor(shop: string, topic: string, body: Record<string, unknown>): string {
  const orderId = topic.startsWith("orders/") ? body.id : body.order_id;
  return typeof orderId === "number" || typeof orderId === "string"
    ? `shopify:${shop}:order:${orderId}`
    : `shopify:${shop}`;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
