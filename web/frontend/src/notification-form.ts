import type { NotificationSettings, SettingsError } from "../../shared/admin-dto.js";

/** How the admin names each order update (the API's event keys are stable identifiers, not labels). */
export const EVENT_LABELS: Record<string, string> = {
  confirmed: "Order confirmed (receipt)",
  shipped: "Shipped",
  ready_for_pickup: "Ready for pickup",
  in_transit: "In transit",
  out_for_delivery: "Out for delivery",
  attempted_delivery: "Delivery attempted",
  delayed: "Delayed",
  failure: "Delivery failed",
  delivered: "Delivered",
  cancelled: "Cancelled",
  refunded: "Refunded",
};

export const LOCALE_LABELS: Record<string, string> = {
  en: "English",
  es: "Spanish",
  fr: "French",
  de: "German",
  it: "Italian",
  "pt-BR": "Portuguese (Brazil)",
  lt: "Lithuanian",
  ru: "Russian",
};

export const eventLabel = (event: string): string => EVENT_LABELS[event] ?? event;
export const wordingPath = (locale: string, event: string): string => `wording.${locale}.${event}`;

export function wordingOf(settings: NotificationSettings, locale: string, event: string): string {
  return settings.wording[locale]?.[event] ?? "";
}

/** The settings with one wording changed; an empty field means "use the default wording" (no override). */
export function withWording(
  settings: NotificationSettings,
  locale: string,
  event: string,
  text: string,
): NotificationSettings {
  const forLocale = { ...settings.wording[locale] };
  if (text === "") delete forLocale[event];
  else forLocale[event] = text;
  const wording = { ...settings.wording };
  if (Object.keys(forLocale).length === 0) delete wording[locale];
  else wording[locale] = forLocale;
  return { ...settings, wording };
}

export function withEvent(settings: NotificationSettings, event: string, on: boolean): NotificationSettings {
  return { ...settings, events: { ...settings.events, [event]: on } };
}

export const isEventOn = (settings: NotificationSettings, event: string): boolean => settings.events[event] !== false;

/** The server's messages for one field, each pointing at the part of the text it is about. */
export function fieldErrors(errors: readonly SettingsError[], path: string, text: string): string[] {
  return errors
    .filter((e) => e.path === path)
    .map((e) => {
      const part = e.index !== undefined && e.length ? text.slice(e.index, e.index + e.length) : "";
      return part.trim() && part.length <= 60 && !e.message.includes(part) ? `${e.message} (“${part}”)` : e.message;
    });
}

/** Errors no field on screen shows (another language or event), so they are listed above the form. */
export function otherErrors(errors: readonly SettingsError[], shownPath: string): SettingsError[] {
  return errors.filter((e) => e.path !== shownPath);
}

export function sameSettings(a: NotificationSettings, b: NotificationSettings): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)))
      : v,
  );
}
