/**
 * Where the Marketing Messages API may be used, per Meta's availability list (page "Marketing Message API for
 * Messenger", Updated 2026-04-17):
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/marketing-messages-on-messenger
 * Country codes are ISO 3166-1 alpha-2.
 */

// European Union member states.
const EU = [
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "HU",
  "IE",
  "IT",
  "LV",
  "LT",
  "LU",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
] as const;

// Meta names the EU only; the other EEA states share its privacy regime (ePrivacy/GDPR), so we block them too.
const EEA_NON_EU = ["IS", "LI", "NO"] as const;

/** Recipients here never get marketing messages: EU/EEA, United Kingdom, Japan, South Korea, Australia. */
export const MARKETING_BLOCKED_RECIPIENT_COUNTRIES: ReadonlySet<string> = new Set<string>([
  ...EU,
  ...EEA_NON_EU,
  "GB", // United Kingdom
  "JP",
  "KR",
  "AU",
]);

/** Business (Page) locations Meta lets tech providers serve. Australia is listed here yet excluded as a recipient. */
export const MARKETING_SUPPORTED_BUSINESS_COUNTRIES: ReadonlySet<string> = new Set<string>([
  "AU",
  "BR",
  "CL",
  "CO",
  "HK",
  "IN",
  "ID",
  "IL",
  "MY",
  "MX",
  "NZ",
  "PE",
  "PH",
  "SA",
  "SG",
  "TW",
  "TH",
  "AE",
  "US",
  "VN",
]);

/** Upper-cases and maps common non-ISO aliases ("UK", "EL") so a sloppy input cannot slip through the block list. */
export function normalizeCountryCode(code: string | null | undefined): string | null {
  if (code === null || code === undefined) return null;
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper)) return null;
  if (upper === "UK") return "GB";
  if (upper === "EL") return "GR";
  return upper;
}

export function isMarketingBlockedRecipientCountry(code: string | null | undefined): boolean {
  const normalized = normalizeCountryCode(code);
  return normalized !== null && MARKETING_BLOCKED_RECIPIENT_COUNTRIES.has(normalized);
}

export function isMarketingSupportedBusinessCountry(code: string | null | undefined): boolean {
  const normalized = normalizeCountryCode(code);
  return normalized !== null && MARKETING_SUPPORTED_BUSINESS_COUNTRIES.has(normalized);
}
