import { z } from "zod";
import { nullableString, shopifyIdSchema } from "./shopify-json.js";

// Field names follow the REST resources that webhook bodies carry:
// https://shopify.dev/docs/api/admin-rest/latest/resources/order and .../fulfillment, .../fulfillmentevent, .../refund

const amount = z.union([z.string().regex(/^-?\d+(\.\d+)?$/), z.number().transform((n) => n.toFixed(2))]);
const money = z.object({ amount, currency_code: z.string().regex(/^[A-Z]{3}$/) });
/** `*_set` fields: the same amount in the shop's currency and in the currency the buyer paid in. */
export const moneySetSchema = z.object({ shop_money: money, presentment_money: money });
export type MoneySet = z.infer<typeof moneySetSchema>;
const optionalMoneySet = moneySetSchema.nullish().transform((v) => v ?? undefined);

export const addressSchema = z.object({
  first_name: nullableString,
  last_name: nullableString,
  name: nullableString,
  address1: nullableString,
  address2: nullableString,
  city: nullableString,
  province: nullableString,
  province_code: nullableString,
  zip: nullableString,
  country: nullableString,
  country_code: nullableString,
});

const lineItemSchema = z.object({
  id: shopifyIdSchema,
  title: z.string(),
  name: nullableString,
  variant_title: nullableString,
  quantity: z.number().int().nonnegative(),
  price: amount,
  price_set: optionalMoneySet,
  total_discount_set: optionalMoneySet,
  sku: nullableString,
});

export const orderPayloadSchema = z.object({
  id: shopifyIdSchema,
  admin_graphql_api_id: nullableString,
  name: z.string(),
  order_number: z.number().int().nullish(),
  confirmation_number: nullableString,
  email: nullableString,
  created_at: z.string(),
  processed_at: nullableString,
  cancelled_at: nullableString,
  cancel_reason: nullableString,
  financial_status: nullableString,
  fulfillment_status: nullableString,
  currency: z.string(),
  presentment_currency: nullableString,
  customer_locale: nullableString,
  order_status_url: nullableString,
  payment_gateway_names: z.array(z.string()).nullish(),
  subtotal_price_set: optionalMoneySet,
  total_price_set: optionalMoneySet,
  current_total_price_set: optionalMoneySet,
  total_tax_set: optionalMoneySet,
  total_discounts_set: optionalMoneySet,
  total_shipping_price_set: optionalMoneySet,
  total_price: amount.nullish(),
  discount_codes: z.array(z.object({ code: z.string(), amount: amount.nullish(), type: nullableString })).nullish(),
  line_items: z.array(lineItemSchema),
  shipping_lines: z.array(z.object({ title: nullableString, price_set: optionalMoneySet })).nullish(),
  shipping_address: addressSchema.nullish(),
  customer: z
    .object({
      id: shopifyIdSchema,
      admin_graphql_api_id: nullableString,
      first_name: nullableString,
      last_name: nullableString,
      email: nullableString,
    })
    .nullish(),
});
export type OrderPayload = z.infer<typeof orderPayloadSchema>;

export const fulfillmentPayloadSchema = z.object({
  id: shopifyIdSchema,
  admin_graphql_api_id: nullableString,
  order_id: shopifyIdSchema,
  name: nullableString,
  // pending | open | success | cancelled | error | failure
  status: z.string(),
  shipment_status: nullableString,
  tracking_company: nullableString,
  tracking_number: nullableString,
  tracking_numbers: z.array(z.string()).nullish(),
  tracking_url: nullableString,
  tracking_urls: z.array(z.string()).nullish(),
  created_at: nullableString,
  updated_at: nullableString,
  line_items: z.array(z.object({ id: shopifyIdSchema, title: z.string(), quantity: z.number().int() })).nullish(),
});
export type FulfillmentPayload = z.infer<typeof fulfillmentPayloadSchema>;

export const fulfillmentEventPayloadSchema = z.object({
  id: shopifyIdSchema,
  admin_graphql_api_id: nullableString,
  fulfillment_id: shopifyIdSchema,
  order_id: shopifyIdSchema,
  status: z.string(),
  message: nullableString,
  happened_at: nullableString,
  estimated_delivery_at: nullableString,
  city: nullableString,
  province: nullableString,
  country: nullableString,
  created_at: nullableString,
});
export type FulfillmentEventPayload = z.infer<typeof fulfillmentEventPayloadSchema>;

export const refundPayloadSchema = z.object({
  id: shopifyIdSchema,
  admin_graphql_api_id: nullableString,
  order_id: shopifyIdSchema,
  created_at: nullableString,
  note: nullableString,
  transactions: z
    .array(z.object({ kind: z.string(), status: nullableString, amount, currency: nullableString }))
    .nullish(),
  refund_line_items: z
    .array(z.object({ quantity: z.number().int(), subtotal_set: optionalMoneySet, line_item_id: shopifyIdSchema }))
    .nullish(),
});
export type RefundPayload = z.infer<typeof refundPayloadSchema>;
