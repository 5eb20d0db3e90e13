/** Shared helpers for the Shopify payload factories. */

let seq = 0;

/** Ids near today's Shopify range (13 digits) unless a test passes its own, e.g. one beyond 2^53. */
export function nextId(base = 5_600_000_000_000): string {
  seq += 1;
  return String(base + seq);
}

export const fmt = (n: number): string => n.toFixed(2);
export const moneySet = (shop: number, shopCurrency: string, presentment: number, presentmentCurrency: string) => ({
  shop_money: { amount: fmt(shop), currency_code: shopCurrency },
  presentment_money: { amount: fmt(presentment), currency_code: presentmentCurrency },
});
