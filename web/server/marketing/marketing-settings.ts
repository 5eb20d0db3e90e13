import { z } from "zod";
import { SUPPORTED_LOCALES, pickLocale, type SupportedLocale } from "../notifications/locale.js";
import { normalizeCountryCode } from "../policy/marketing-regions.js";
import { DEFAULT_OPTIN_TITLES, OPTIN_CTA_VALUES, validateOptinWording, type OptinWording } from "./optin-wording.js";

/**
 * What a merchant chooses about marketing consent; stored under Shop.settings.marketing.
 * The moments when the opt-in request is sent: the shopper-initiated ones (typing "offers", opening a "Get offers"
 * link) are on by default, the ones the shop initiates (after linking, after an order confirmation) are off until
 * the merchant switches them on.
 */
export const OPTIN_MOMENTS = ["after_link", "after_order", "keyword", "entry_offers"] as const;
export type OptinMoment = (typeof OPTIN_MOMENTS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

const wordingSchema = z
  .object({
    title: z.string().max(200).optional(),
    imageUrl: z.string().max(2000).optional(),
    ctaText: z.enum(OPTIN_CTA_VALUES).optional(),
  })
  .strict();

export const marketingSettingsSchema = z
  .object({
    ask: z
      .object({
        after_link: z.boolean().default(false),
        after_order: z.boolean().default(false),
        keyword: z.boolean().default(true),
        entry_offers: z.boolean().default(true),
      })
      .strict()
      .default({ after_link: false, after_order: false, keyword: true, entry_offers: true }),
    /** Days before a shopper who ignored or declined a request is asked again. */
    cooldownDays: z.number().int().min(1).max(365).default(30),
    wording: z.partialRecord(z.enum(SUPPORTED_LOCALES), wordingSchema).default({}),
    /** Shopify customer tag given to subscribed customers (Admin API); empty string: no tag. */
    customerTag: z
      .string()
      .max(40)
      .regex(/^[^,]*$/, "a tag cannot contain a comma")
      .default("messenger-marketing"),
    /** The business country the merchant declared for Meta's Marketing Messages (ISO 3166-1 alpha-2). */
    businessCountry: z
      .string()
      .regex(/^[A-Za-z]{2}$/)
      .transform((c) => normalizeCountryCode(c)!)
      .nullable()
      .default(null),
    /**
     * Marketing Messages onboarding as the merchant completed it: the ad account messages are billed to and the
     * acceptance of Meta's Marketing Messages terms. Without both, nothing goes through the paid API.
     */
    onboarding: z
      .object({
        adAccountId: z
          .string()
          .regex(/^(act_)?[0-9]{1,20}$/)
          .transform((id) => id.replace(/^act_/, ""))
          .nullable()
          .default(null),
        termsAccepted: z.boolean().default(false),
      })
      .strict()
      .default({ adAccountId: null, termsAccepted: false }),
  })
  .strict();

export type MarketingSettings = z.output<typeof marketingSettingsSchema>;

export const DEFAULT_MARKETING_SETTINGS: MarketingSettings = marketingSettingsSchema.parse({});

export interface MarketingSettingsError {
  path: string;
  message: string;
  code?: string;
}

/** Validates a settings document: the shape through zod, each wording against Meta's template limits. */
export function validateMarketingSettings(
  input: unknown,
): { ok: true; settings: MarketingSettings } | { ok: false; errors: MarketingSettingsError[] } {
  const parsed = marketingSettingsSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message, code: i.code })),
    };
  }
  const errors: MarketingSettingsError[] = [];
  for (const [locale, wording] of Object.entries(parsed.data.wording)) {
    for (const e of validateOptinWording(wording ?? {}).errors)
      errors.push({ path: `wording.${locale}.${e.field}`, message: e.message, code: e.code });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings: parsed.data };
}

/** Reads the stored settings leniently: anything unreadable falls back to the defaults. */
export function readMarketingSettings(shopSettings: unknown): MarketingSettings {
  const stored = (shopSettings as { marketing?: unknown } | null)?.marketing;
  const checked = validateMarketingSettings(stored ?? {});
  return checked.ok ? checked.settings : DEFAULT_MARKETING_SETTINGS;
}

export function isOnboarded(settings: MarketingSettings): boolean {
  return settings.onboarding.adAccountId !== null && settings.onboarding.termsAccepted;
}

export function cooldownMs(settings: MarketingSettings): number {
  return settings.cooldownDays * DAY_MS;
}

/** The wording for one shopper language: the merchant's fields over the defaults. */
export function optinWordingFor(settings: MarketingSettings, locale: string | null | undefined): OptinWording {
  const lang: SupportedLocale = pickLocale(locale, "en");
  const mine = settings.wording[lang] ?? {};
  return {
    title: mine.title ?? DEFAULT_OPTIN_TITLES[lang],
    ...(mine.imageUrl ? { imageUrl: mine.imageUrl } : {}),
    ctaText: mine.ctaText ?? "GET_UPDATES",
  };
}
