import type { LineItemInput } from "../../emulators/shopify/order-factories.js";

/**
 * What the demo store sells: demo orders are made of these, and the storefront theme shows the same products
 * (test/sandbox/start-sandbox.test.ts keeps the two in step).
 */
export interface Product {
  handle: string;
  title: string;
  /** Unit price in the store's currency. */
  price: number;
  sku: string;
  variantTitle: string | null;
}

export const STORE_CURRENCY = "EUR";

export const CATALOG: readonly Product[] = [
  { handle: "linen-shirt", title: "Linen shirt", price: 49, sku: "LS-WHT-M", variantTitle: "White / M" },
  { handle: "canvas-tote", title: "Canvas tote", price: 19, sku: "CT-NAT", variantTitle: null },
  { handle: "wool-socks", title: "Wool socks", price: 12, sku: "WS-GRY-42", variantTitle: "Grey / 42" },
  { handle: "rain-jacket", title: "Rain jacket", price: 99, sku: "RJ-NVY-L", variantTitle: "Navy / L" },
];

export function productByHandle(handle: string): Product | undefined {
  return CATALOG.find((p) => p.handle === handle);
}

/** "€49.00" */
export function formatPrice(amount: number): string {
  return new Intl.NumberFormat("en-IE", { style: "currency", currency: STORE_CURRENCY }).format(amount);
}

/** One of the product; without a choice, the quick test order: a shirt and a tote. */
export function lineItemsFor(handle: string | null): LineItemInput[] | undefined {
  const chosen =
    handle === null ? [CATALOG[0]!, CATALOG[1]!] : [productByHandle(handle)].filter((p) => p !== undefined);
  if (chosen.length === 0) return undefined;
  return chosen.map((p) => ({ title: p.title, variantTitle: p.variantTitle, quantity: 1, price: p.price, sku: p.sku }));
}
