const MARK = "@@shopify-number@@";

function isIdKey(key: string): boolean {
  return (
    key === "id" ||
    key.endsWith("_id") ||
    key.endsWith("_ids") ||
    key === "orders_requested" ||
    key === "orders_to_redact"
  );
}

/**
 * Serializes like Shopify does: ids go out as bare JSON numbers even past 2^53 (the factories keep them
 * as strings so they stay exact in JS). This lets tests prove the receiver does not round them.
 */
export function toShopifyJson(value: unknown): string {
  const marked = JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
    const parentIsIdArray = Array.isArray(this) && currentArrayKey.get(this as unknown[]) === true;
    if (typeof v === "string" && /^\d{1,20}$/.test(v) && (isIdKey(key) || parentIsIdArray)) return `${MARK}${v}`;
    if (Array.isArray(v)) currentArrayKey.set(v, isIdKey(key));
    return v;
  });
  return marked.replace(new RegExp(`"${MARK}(\\d+)"`, "g"), "$1");
}

const currentArrayKey = new WeakMap<unknown[], boolean>();
