import type { z } from "zod";
import { parseShopifyJson } from "./shopify-json.js";
import {
  appUninstalledSchema,
  customersDataRequestSchema,
  customersRedactSchema,
  shopRedactSchema,
} from "./shopify-compliance-payloads.js";
import {
  fulfillmentEventPayloadSchema,
  fulfillmentPayloadSchema,
  orderPayloadSchema,
  refundPayloadSchema,
} from "./shopify-payloads.js";

const schemas = {
  "orders/create": orderPayloadSchema,
  "orders/updated": orderPayloadSchema,
  "orders/paid": orderPayloadSchema,
  "orders/cancelled": orderPayloadSchema,
  "orders/fulfilled": orderPayloadSchema,
  "orders/partially_fulfilled": orderPayloadSchema,
  "fulfillments/create": fulfillmentPayloadSchema,
  "fulfillments/update": fulfillmentPayloadSchema,
  "fulfillment_events/create": fulfillmentEventPayloadSchema,
  "refunds/create": refundPayloadSchema,
  "customers/data_request": customersDataRequestSchema,
  "customers/redact": customersRedactSchema,
  "shop/redact": shopRedactSchema,
  "app/uninstalled": appUninstalledSchema,
} as const;

type Schemas = typeof schemas;
export type ShopifyTopic = keyof Schemas;
export const SHOPIFY_TOPICS = Object.keys(schemas) as ShopifyTopic[];

export type WebhookPayload<T extends ShopifyTopic> = z.output<Schemas[T]>;
export type ShopifyWebhook = { [T in ShopifyTopic]: { topic: T; payload: z.output<Schemas[T]> } }[ShopifyTopic];

export type ParseWebhookResult =
  | { ok: true; webhook: ShopifyWebhook }
  | { ok: false; reason: "unknown_topic" | "malformed_json" | "invalid_payload"; issues?: string[] };

/** Accepts the `X-Shopify-Topic` form (`orders/create`) or the GraphQL enum form (`ORDERS_CREATE`). */
export function normalizeTopic(topic: string): ShopifyTopic | undefined {
  const wanted = topic.trim().toLowerCase();
  return SHOPIFY_TOPICS.find((t) => t === wanted || t.replace("/", "_") === wanted);
}

/** Parses and validates a webhook body from its raw text (ids stay exact; see parseShopifyJson). */
export function parseShopifyWebhook(topicHeader: string, rawBody: string): ParseWebhookResult {
  const topic = normalizeTopic(topicHeader);
  if (!topic) return { ok: false, reason: "unknown_topic" };
  let json: unknown;
  try {
    json = parseShopifyJson(rawBody);
  } catch {
    return { ok: false, reason: "malformed_json" };
  }
  const result = schemas[topic].safeParse(json);
  if (!result.success) {
    return {
      ok: false,
      reason: "invalid_payload",
      issues: result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    };
  }
  return { ok: true, webhook: { topic, payload: result.data } as ShopifyWebhook };
}
