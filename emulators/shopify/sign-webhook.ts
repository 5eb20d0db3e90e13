import { randomUUID } from "node:crypto";
import { hmacSha256Base64 } from "../../web/server/lib/hmac.js";
import { toShopifyJson } from "./shopify-json.js";

export interface SignWebhookInput {
  topic: string;
  shop: string;
  body: unknown;
  secret: string;
  apiVersion: string;
  webhookId?: string;
  eventId?: string;
  triggeredAt?: Date;
  /** X-Shopify-Name: the subscription's name from shopify.app.toml, when it has one. */
  name?: string;
}

export interface SignedWebhook {
  headers: Record<string, string>;
  rawBody: string;
}

/**
 * A webhook exactly as Shopify sends it: the HMAC is base64 HMAC-SHA256 of the raw body with the app's
 * client secret. https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook
 */
export function signWebhook(input: SignWebhookInput): SignedWebhook {
  const rawBody = typeof input.body === "string" ? input.body : toShopifyJson(input.body);
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Shopify-Topic": input.topic,
    "X-Shopify-Hmac-Sha256": hmacSha256Base64(input.secret, rawBody),
    "X-Shopify-Shop-Domain": input.shop,
    "X-Shopify-API-Version": input.apiVersion,
    "X-Shopify-Webhook-Id": input.webhookId ?? randomUUID(),
    "X-Shopify-Event-Id": input.eventId ?? randomUUID(),
    "X-Shopify-Triggered-At": (input.triggeredAt ?? new Date()).toISOString(),
  };
  if (input.name) headers["X-Shopify-Name"] = input.name;
  return { headers, rawBody };
}

/** POSTs a signed webhook to the app, as Shopify's delivery would. */
export async function deliverWebhook(
  url: string,
  webhook: SignedWebhook,
  fetchImpl: typeof fetch = fetch,
): Promise<{ status: number; body: string }> {
  const response = await fetchImpl(url, { method: "POST", headers: webhook.headers, body: webhook.rawBody });
  return { status: response.status, body: await response.text() };
}
