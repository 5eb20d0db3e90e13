/** Languages we ship default wording in. */
export const SUPPORTED_LOCALES = ["en", "es", "fr", "de", "it", "pt-BR", "lt", "ru"] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

function match(tag: string | null | undefined): SupportedLocale | undefined {
  if (!tag) return undefined;
  const normalized = tag.trim().replace(/_/g, "-").toLowerCase();
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(normalized)) return undefined;
  const exact = SUPPORTED_LOCALES.find((l) => l.toLowerCase() === normalized);
  if (exact) return exact;
  const language = normalized.split("-")[0];
  // Portuguese has one wording (Brazilian); pt-PT readers understand it better than an English fallback.
  if (language === "pt") return "pt-BR";
  return SUPPORTED_LOCALES.find((l) => l === language);
}

/**
 * The shopper's language: the order's `customer_locale` (what they checked out in), else the shop's
 * primary locale, else English. https://shopify.dev/docs/api/admin-rest/latest/resources/order (customer_locale)
 */
export function pickLocale(
  customerLocale: string | null | undefined,
  shopLocale: string | null | undefined,
): SupportedLocale {
  return match(customerLocale) ?? match(shopLocale) ?? "en";
}

/** Language codes Meta uses for message templates (xx_YY). */
export const META_TEMPLATE_LANGUAGE: Record<SupportedLocale, string> = {
  en: "en_US",
  es: "es_ES",
  fr: "fr_FR",
  de: "de_DE",
  it: "it_IT",
  "pt-BR": "pt_BR",
  lt: "lt_LT",
  ru: "ru_RU",
};
