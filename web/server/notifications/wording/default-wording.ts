import type { SupportedLocale } from "../locale.js";
import type { OrderEvent } from "../order-event.js";
import { de } from "./defaults/de.js";
import { en } from "./defaults/en.js";
import { es } from "./defaults/es.js";
import { fr } from "./defaults/fr.js";
import { it } from "./defaults/it.js";
import { lt } from "./defaults/lt.js";
import { ptBR } from "./defaults/pt-br.js";
import { ru } from "./defaults/ru.js";
import type { LocaleWording } from "./defaults/types.js";

export type { LocaleWording } from "./defaults/types.js";

export const DEFAULT_WORDING: Record<SupportedLocale, LocaleWording> = { en, es, fr, de, it, "pt-BR": ptBR, lt, ru };

/** Merchant overrides, per locale and event; anything missing falls back to our default wording. */
export type WordingOverrides = Partial<Record<SupportedLocale, Partial<Record<OrderEvent, string>>>>;

export function wordingFor(locale: SupportedLocale, event: OrderEvent, overrides?: WordingOverrides): string {
  return overrides?.[locale]?.[event] ?? DEFAULT_WORDING[locale].messages[event];
}

export function trackButtonTitle(locale: SupportedLocale, index: number, count: number): string {
  const labels = DEFAULT_WORDING[locale].buttons;
  return count > 1 ? labels.trackNumbered.replace("#", String(index + 1)) : labels.track;
}
