/** Realistic Shopify REST-shaped webhook bodies. Ids are decimal strings; toShopifyJson emits them bare. */

import { fmt, moneySet, nextId } from "./factory-helpers.js";

export { makeFulfillment, makeFulfillmentEvent, makeRefund } from "./fulfillment-factories.js";
export type { MakeFulfillmentInput } from "./fulfillment-factories.js";

export interface LineItemInput {
  title: string;
  variantTitle?: string | null;
  quantity: number;
  /** Unit price in the presentment currency. */
  price: number;
  sku?: string;
}

export interface MakeOrderInput {
  id?: string;
  number?: number;
  shop?: string;
  customer?: { id?: string; firstName?: string | null; lastName?: string | null; email?: string } | null;
  customerLocale?: string | null;
  /** Currency the buyer paid in, and the shop's own currency with the rate shop = presentment × rate. */
  presentmentCurrency?: string;
  shopCurrency?: string;
  rate?: number;
  lineItems?: LineItemInput[];
  shipping?: { title: string; price: number } | null;
  discount?: { code: string; amount: number } | null;
  taxRate?: number;
  gateways?: string[];
  address?: Record<string, string | null> | null;
  createdAt?: string;
  cancelled?: { at: string; reason: string } | null;
}

export function makeOrder(input: MakeOrderInput = {}) {
  const id = input.id ?? nextId();
  const number = input.number ?? 1001;
  const shop = input.shop ?? "example-shop.myshopify.com";
  const pc = input.presentmentCurrency ?? "EUR";
  const sc = input.shopCurrency ?? "USD";
  const rate = input.rate ?? (pc === sc ? 1 : 1.08);
  const set = (presentment: number) => moneySet(presentment * rate, sc, presentment, pc);
  const items = input.lineItems ?? [
    { title: "Merino Crew Sweater", variantTitle: "Navy / M", quantity: 2, price: 59.0, sku: "MCS-NV-M" },
    { title: "Wool Beanie", variantTitle: null, quantity: 1, price: 19.9, sku: "WB-01" },
  ];
  const subtotalBefore = items.reduce((s, li) => s + li.price * li.quantity, 0);
  const discount = input.discount === undefined ? { code: "WELCOME10", amount: 13.79 } : input.discount;
  const subtotal = subtotalBefore - (discount?.amount ?? 0);
  const shipping = input.shipping === undefined ? { title: "Standard", price: 4.9 } : input.shipping;
  const tax = Math.round(subtotal * (input.taxRate ?? 0.19) * 100) / 100;
  const total = subtotal + (shipping?.price ?? 0) + tax;
  const customer =
    input.customer === null
      ? null
      : {
          id: input.customer?.id ?? nextId(7_100_000_000_000),
          first_name: input.customer?.firstName ?? "Jonas",
          last_name: input.customer?.lastName ?? "Petraitis",
          email: input.customer?.email ?? "jonas@example.com",
        };
  const createdAt = input.createdAt ?? "2026-05-04T10:15:00+02:00";
  const address =
    input.address === null
      ? null
      : {
          first_name: "Jonas",
          last_name: "Petraitis",
          name: "Jonas Petraitis",
          address1: "Gedimino pr. 9",
          address2: "Apt 4",
          city: "Vilnius",
          province: null,
          province_code: null,
          zip: "01103",
          country: "Lithuania",
          country_code: "LT",
          ...input.address,
        };
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${number}`,
    order_number: number,
    number: number - 1000,
    confirmation_number: "K3X9PQ2ZT",
    email: customer?.email ?? "guest@example.com",
    created_at: createdAt,
    processed_at: createdAt,
    updated_at: createdAt,
    cancelled_at: input.cancelled?.at ?? null,
    cancel_reason: input.cancelled?.reason ?? null,
    financial_status: input.cancelled ? "refunded" : "paid",
    fulfillment_status: null,
    currency: sc,
    presentment_currency: pc,
    customer_locale: input.customerLocale === undefined ? "lt-LT" : input.customerLocale,
    order_status_url: `https://${shop}/60000000000/orders/0f1e2d3c4b5a69788796a5b4c3d2e1f0/authenticate?key=9a8b7c6d`,
    payment_gateway_names: input.gateways ?? ["shopify_payments"],
    subtotal_price: fmt(subtotal * rate),
    subtotal_price_set: set(subtotal),
    total_price: fmt(total * rate),
    total_price_set: set(total),
    current_total_price_set: set(total),
    total_tax: fmt(tax * rate),
    total_tax_set: set(tax),
    total_discounts: fmt((discount?.amount ?? 0) * rate),
    total_discounts_set: set(discount?.amount ?? 0),
    total_shipping_price_set: set(shipping?.price ?? 0),
    discount_codes: discount
      ? [{ code: discount.code, amount: fmt(discount.amount * rate), type: "fixed_amount" }]
      : [],
    line_items: items.map((li) => ({
      id: nextId(14_000_000_000_000),
      title: li.title,
      name: li.variantTitle ? `${li.title} - ${li.variantTitle}` : li.title,
      variant_title: li.variantTitle ?? null,
      quantity: li.quantity,
      sku: li.sku ?? null,
      price: fmt(li.price * rate),
      price_set: set(li.price),
      total_discount_set: set(0),
      product_id: nextId(8_000_000_000_000),
      variant_id: nextId(44_000_000_000_000),
    })),
    shipping_lines: shipping
      ? [
          {
            id: nextId(4_700_000_000_000),
            title: shipping.title,
            price: fmt(shipping.price * rate),
            price_set: set(shipping.price),
          },
        ]
      : [],
    shipping_address: address,
    billing_address: address,
    customer,
    test: false,
    tags: "",
    source_name: "web",
  };
}
export type FactoryOrder = ReturnType<typeof makeOrder>;
