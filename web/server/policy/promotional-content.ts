/**
 * Flags promotional wording in messages that must not promote: order updates, utility templates, tagged messages and
 * other non-marketing messages. Meta forbids "deals, offers, coupons, discounts, sales, product announcements,
 * upsells/cross-sells, newsletters and prompts to buy" in tagged messages and utility templates.
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages (message tags, 2026-05-05)
 *
 * Deliberately errs towards flagging: a skipped update is visible to the merchant, a restricted Page is not reversible.
 * Callers pass only human-readable text (message text, titles, button labels), not price facts of a receipt such as
 * an adjustment line "10% off", which states what the shopper already paid and is not an offer.
 */

export type PromotionLanguage = "en" | "es" | "fr" | "de" | "it" | "pt" | "lt" | "ru";

export interface PromotionalMatch {
  readonly language: PromotionLanguage;
  /** Stable id of the pattern that matched, e.g. "en.percent_off". */
  readonly patternId: string;
  /** The matched words as they appear after normalization (lower-case, accents removed). */
  readonly matched: string;
}

interface PromotionPattern {
  readonly language: PromotionLanguage;
  readonly id: string;
  readonly regex: RegExp;
}

// Letters/digits on either side mean we are inside a longer word ("wholesale", "coupons" is handled by the pattern).
function words(source: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, "iu");
}

const P = (language: PromotionLanguage, id: string, source: string): PromotionPattern => ({
  language,
  id: `${language}.${id}`,
  // The source goes through the same normalization as the text, so "сейчас" matches the stripped "сеичас".
  regex: words(stripMarks(source)),
});

function stripMarks(text: string): string {
  return text.normalize("NFKC").normalize("NFD").replace(/\p{M}/gu, "");
}

// Patterns are written without accents because the text is stripped of them before matching.
const PATTERNS: readonly PromotionPattern[] = [
  P("en", "coupon", "coupons?|vouchers?|promo ?codes?|discount ?codes?|use (?:the )?code"),
  P("en", "percent_off", "\\d+ ?% ?off|save \\d+ ?%|\\$ ?\\d+ off"),
  P(
    "en",
    "sale",
    "(?:on|flash|big|summer|winter|spring|holiday|clearance|seasonal|end of season|black friday) sale|sale (?:ends|starts|now on|price)|clearance|black friday|cyber monday",
  ),
  P("en", "next_order", "free shipping on your next|(?:on|off) your next (?:order|purchase)"),
  P(
    "en",
    "prompt_to_buy",
    "shop now|buy now|order now|shop the (?:sale|collection)|limited[- ]time (?:offer|only)|special offer|exclusive offer|best deals?|hot deals?|deal of the day|don'?t miss (?:out|our)|new arrivals?",
  ),
  P("es", "coupon", "cupon(?:es)?|codigo (?:de descuento|promocional)|vale de descuento"),
  P("es", "percent_off", "\\d+ ?% (?:de )?descuento|descuentos?|rebajas|liquidacion|ofertas?|promocion(?:es)?"),
  P("es", "prompt_to_buy", "compra (?:ya|ahora)|compre (?:ya|ahora)|envio gratis en tu proxim[ao]"),
  P("fr", "coupon", "coupons?|codes? promo|bons? de reduction|codes? de reduction"),
  P("fr", "percent_off", "\\d+ ?% de (?:reduction|remise)|reductions?|soldes|promotions?|promos?|offre speciale"),
  P("fr", "prompt_to_buy", "achetez (?:maintenant|des maintenant)|livraison (?:gratuite|offerte) sur votre prochaine"),
  P("de", "coupon", "gutscheine?|gutscheincodes?|rabattcodes?|aktionscodes?"),
  P("de", "percent_off", "\\d+ ?% rabatt|rabatt|ausverkauf|schlussverkauf|sonderangebote?|angebote?"),
  P("de", "prompt_to_buy", "jetzt (?:kaufen|shoppen|bestellen)|kostenloser versand (?:bei|fur) (?:deine|ihre) nachste"),
  P("it", "coupon", "coupon|codice (?:sconto|promozionale)|buoni? sconto"),
  P("it", "percent_off", "\\d+ ?% (?:di )?sconto|sconti?|saldi|offert[ae]|promozion[ei]"),
  P("it", "prompt_to_buy", "acquista (?:ora|subito)|compra (?:ora|subito)|spedizione gratuita sul tuo prossimo"),
  P("pt", "coupon", "cupom|cupoes|cupao|codigo (?:de desconto|promocional)"),
  P("pt", "percent_off", "\\d+ ?% (?:de )?desconto|descontos?|promocao|promocoes|liquidacao|saldos"),
  P("pt", "prompt_to_buy", "compre (?:ja|agora)|frete gratis na (?:sua )?proxima|portes gratis na (?:sua )?proxima"),
  P("lt", "coupon", "kupon\\p{L}*|nuolaidos kod\\p{L}*|akcijos kod\\p{L}*"),
  P("lt", "percent_off", "\\d+ ?% nuolaid\\p{L}*|nuolaid\\p{L}*|akcij\\p{L}*|ispardavim\\p{L}*"),
  P("lt", "prompt_to_buy", "pirk(?:ite)? dabar|nemokamas pristatymas (?:kitam|kitu)"),
  P("ru", "coupon", "купон\\p{L}*|промокод\\p{L}*"),
  P("ru", "percent_off", "\\d+ ?% скидк\\p{L}*|скидк\\p{L}*|распродаж\\p{L}*|акци[яию]"),
  P(
    "ru",
    "prompt_to_buy",
    "(?:купи|купите|закажи|закажите) (?:сейчас|прямо сейчас)|бесплатная доставка (?:на|при) следующ\\p{L}*",
  ),
];

/** Lower-case, NFKC, accents stripped, typographic apostrophes and spaces unified. */
export function normalizeForContentCheck(text: string): string {
  return stripMarks(text)
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/\s+/g, " ")
    .toLowerCase();
}

/** Every promotional pattern found in the given text parts (empty when the text is clean). */
export function findPromotionalContent(textParts: readonly string[]): PromotionalMatch[] {
  const matches: PromotionalMatch[] = [];
  for (const part of textParts) {
    const text = normalizeForContentCheck(part);
    for (const pattern of PATTERNS) {
      const found = pattern.regex.exec(text);
      if (found) matches.push({ language: pattern.language, patternId: pattern.id, matched: found[0] });
    }
  }
  return matches;
}

export function isPromotional(textParts: readonly string[]): boolean {
  return findPromotionalContent(textParts).length > 0;
}
