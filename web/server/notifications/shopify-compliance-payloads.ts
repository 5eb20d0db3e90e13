import { z } from "zod";
import { nullableString, shopifyIdSchema } from "./shopify-json.js";

// Mandatory compliance topics: https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance
const complianceCustomer = z.object({ id: shopifyIdSchema.nullish(), email: nullableString, phone: nullableString });

export const customersDataRequestSchema = z.object({
  shop_id: shopifyIdSchema,
  shop_domain: z.string(),
  orders_requested: z.array(shopifyIdSchema).default([]),
  customer: complianceCustomer,
  data_request: z.object({ id: shopifyIdSchema }),
});
export type CustomersDataRequestPayload = z.infer<typeof customersDataRequestSchema>;

export const customersRedactSchema = z.object({
  shop_id: shopifyIdSchema,
  shop_domain: z.string(),
  customer: complianceCustomer,
  orders_to_redact: z.array(shopifyIdSchema).default([]),
});
export type CustomersRedactPayload = z.infer<typeof customersRedactSchema>;

export const shopRedactSchema = z.object({ shop_id: shopifyIdSchema, shop_domain: z.string() });
export type ShopRedactPayload = z.infer<typeof shopRedactSchema>;

/** app/uninstalled carries the Shop resource; only its identity matters to us. */
export const appUninstalledSchema = z.object({
  id: shopifyIdSchema,
  myshopify_domain: nullableString,
  domain: nullableString,
  name: nullableString,
});
export type AppUninstalledPayload = z.infer<typeof appUninstalledSchema>;
