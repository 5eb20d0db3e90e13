/**
 * What shoppers see as the store's name: the name the merchant gave (settings or the Page), else the
 * shop's handle ("demo-store" for demo-store.myshopify.com).
 */
export function shopDisplayName(domain: string, preferred?: string | null): string {
  return preferred ?? domain.replace(/\.myshopify\.com$/, "");
}
