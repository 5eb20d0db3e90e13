import { z } from "zod";
import { SUPPORTED_LOCALES, type SupportedLocale } from "../notifications/locale.js";
import { ORDER_EVENTS, type OrderEvent } from "../notifications/order-event.js";
import type { WordingOverrides } from "../notifications/wording/default-wording.js";
import { validateWording, type WordingError } from "../notifications/wording/validate-wording.js";
import { findPromotionalContent } from "../policy/promotional-content.js";

/** What a merchant chooses about order updates; stored under Shop.settings.notifications. */
export interface NotificationSettings {
  /** Per event on/off; an event not listed is on. */
  events: Partial<Record<OrderEvent, boolean>>;
  wording: WordingOverrides;
  /** Whether the receipt shows the shipping address (personal data; off unless the merchant allows it). */
  includeAddress: boolean;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = { events: {}, wording: {}, includeAddress: false };

const eventRecord = <T extends z.ZodTypeAny>(value: T) => z.partialRecord(z.enum(ORDER_EVENTS), value);

export const notificationSettingsSchema = z
  .object({
    events: eventRecord(z.boolean()).default({}),
    wording: z.partialRecord(z.enum(SUPPORTED_LOCALES), eventRecord(z.string().max(4000))).default({}),
    includeAddress: z.boolean().default(false),
  })
  .strict();

export interface SettingsError {
  path: string;
  message: string;
  code?: string;
  /** Position in the wording text (UTF-16 offset and length), for highlighting. */
  index?: number;
  length?: number;
}

/** Validates a settings document: shape through zod, each wording through validateWording. */
export function validateNotificationSettings(
  input: unknown,
): { ok: true; settings: NotificationSettings } | { ok: false; errors: SettingsError[] } {
  const parsed = notificationSettingsSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message, code: i.code })),
    };
  }
  const errors: SettingsError[] = [];
  for (const [locale, byEvent] of Object.entries(parsed.data.wording)) {
    for (const [event, text] of Object.entries(byEvent ?? {})) {
      if (text === undefined) continue;
      for (const e of validateWording(text, event as OrderEvent).errors) errors.push(wordingError(locale, event, e));
      // Our rule (policy/rules.ts order_updates_never_promote): the policy would skip a promotional update at send
      // time, so refuse the wording now.
      for (const match of findPromotionalContent([text])) {
        errors.push({
          path: `wording.${locale}.${event}`,
          code: "promotional_content",
          message: `Order updates never promote ("${match.matched}"): outside the 24-hour window they leave as utility templates, where Meta forbids marketing.`,
        });
      }
    }
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, settings: parsed.data as NotificationSettings };
}

function wordingError(locale: string, event: string, e: WordingError): SettingsError {
  return { path: `wording.${locale}.${event}`, message: e.message, code: e.code, index: e.index, length: e.length };
}

/** Reads the stored settings leniently: anything unreadable falls back to the defaults. */
export function readNotificationSettings(shopSettings: unknown): NotificationSettings {
  const stored = (shopSettings as { notifications?: unknown } | null)?.notifications;
  const checked = validateNotificationSettings(stored ?? {});
  return checked.ok ? checked.settings : DEFAULT_NOTIFICATION_SETTINGS;
}

export function isEventEnabled(settings: NotificationSettings, event: OrderEvent): boolean {
  return settings.events[event] !== false;
}

export type { SupportedLocale };
