import { describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "../../../../web/server/notifications/locale.js";
import { ORDER_EVENTS } from "../../../../web/server/notifications/order-event.js";
import {
  DEFAULT_WORDING,
  trackButtonTitle,
  wordingFor,
} from "../../../../web/server/notifications/wording/default-wording.js";
import { validateWording } from "../../../../web/server/notifications/wording/validate-wording.js";

// Utility and post-purchase messages must carry no promotion (Meta policy); these words signal one.
const PROMOTIONAL =
  /\b(sale|discount|offer|coupon|deal|promo|% off|shop now|new arrivals|rabatt|angebot|oferta|descuento|promoción|soldes|réduction|offerta|sconto|desconto|promoção|nuolaida|akcija|скидк|акци|распродаж)/i;

describe.each(SUPPORTED_LOCALES)("default wording (%s)", (locale) => {
  it.each(ORDER_EVENTS)("%s is valid, non-promotional and mentions the order", (event) => {
    const text = DEFAULT_WORDING[locale].messages[event];
    expect(validateWording(text, event)).toEqual({ ok: true, errors: [] });
    expect(text).not.toMatch(PROMOTIONAL);
    expect(text).toContain("{{order_name}}");
  });

  it("has button titles within Messenger's 20 characters", () => {
    const { buttons } = DEFAULT_WORDING[locale];
    for (const title of [buttons.track, buttons.viewOrder, trackButtonTitle(locale, 2, 3)]) {
      expect(title.length).toBeLessThanOrEqual(20);
    }
    expect(trackButtonTitle(locale, 1, 2)).toContain("2");
  });
});

it.each(SUPPORTED_LOCALES.filter((l) => l !== "en"))("%s is translated, not a copy of English", (locale) => {
  for (const event of ORDER_EVENTS)
    expect(DEFAULT_WORDING[locale].messages[event]).not.toBe(DEFAULT_WORDING.en.messages[event]);
});

it("uses the merchant's override when present", () => {
  expect(wordingFor("es", "shipped", { es: { shipped: "¡Enviado {{order_name}}!" } })).toBe("¡Enviado {{order_name}}!");
  expect(wordingFor("fr", "shipped", { es: { shipped: "x" } })).toBe(DEFAULT_WORDING.fr.messages.shipped);
});
