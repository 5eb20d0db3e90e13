import type { OutgoingWebhook } from "../../emulators/shopify/order-book.js";
import { deliverWebhook, signWebhook } from "../../emulators/shopify/sign-webhook.js";

export interface ShopifyWebhookTarget {
  appUrl: string;
  shop: string;
  apiSecret: string;
  apiVersion: string;
}

export interface DeliveryResult {
  topic: string;
  /** The app's HTTP status; null when it could not be reached. */
  status: number | null;
}

/**
 * Sends webhooks one after the other as Shopify would: signed with the app secret over the raw body, to the
 * app's production endpoint. Nothing bypasses the HMAC check or the durable inbox.
 */
export async function deliverShopifyWebhooks(
  target: ShopifyWebhookTarget,
  webhooks: OutgoingWebhook[],
): Promise<DeliveryResult[]> {
  const results: DeliveryResult[] = [];
  for (const { topic, body } of webhooks) {
    const signed = signWebhook({
      topic,
      shop: target.shop,
      body,
      secret: target.apiSecret,
      apiVersion: target.apiVersion,
    });
    try {
      const delivered = await deliverWebhook(`${target.appUrl}/webhooks/shopify`, signed);
      results.push({ topic, status: delivered.status });
    } catch {
      results.push({ topic, status: null });
    }
  }
  return results;
}

export const allDelivered = (results: DeliveryResult[]) =>
  results.every((r) => r.status !== null && r.status >= 200 && r.status < 300);
