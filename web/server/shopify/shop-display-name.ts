/**
 * What shoppers and merchants see as the store's name: the first name that exists, in the caller's order of
 * preference (the merchant's own setting, the name Shopify reports, the Page's name), and only when none
 * exists the shop's handle ("demo-store" for demo-store.myshopify.com), never the full myshopify domain.
 */
export function shopDisplayName(domain: string, ...names: (string | null | undefined)[]): string {
  return names.find((n) => typeof n === "string" && n.trim() !== "")?.trim() ?? domain.replace(/\.myshopify\.com$/, "");
}
