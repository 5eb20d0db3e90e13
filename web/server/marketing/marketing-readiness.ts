import { isMarketingSupportedBusinessCountry } from "../policy/marketing-regions.js";
import type { MarketingSettings } from "./marketing-settings.js";

/**
 * Whether the shop can send paid Marketing Messages, and if not, why, in words a merchant reads. Pure. Meta's
 * requirements (onboard-businesses doc, Updated 2026-03-31): an ad account the messages are billed to, the
 * Marketing Messages terms accepted, a business located in Meta's list, and a connected Page.
 */
export interface MarketingReadiness {
  canSend: boolean;
  reasons: { code: string; message: string }[];
}

export function marketingReadiness(
  settings: MarketingSettings,
  activePages: number,
  account: { expired: boolean } | null = null,
): MarketingReadiness {
  const reasons: MarketingReadiness["reasons"] = [];
  if (account?.expired) {
    reasons.push({
      code: "marketing_token_expired",
      message: "The Facebook sign-in for Marketing Messages expired (60 days): sign in again.",
    });
  }
  if (activePages === 0)
    reasons.push({ code: "no_page", message: "Connect a Facebook Page first: marketing messages come from it." });
  if (settings.businessCountry === null) {
    reasons.push({
      code: "business_country_missing",
      message: "Tell us the country your business is registered in: Meta offers Marketing Messages in some only.",
    });
  } else if (!isMarketingSupportedBusinessCountry(settings.businessCountry)) {
    reasons.push({
      code: "business_country_unsupported",
      message: `Meta does not offer Marketing Messages to businesses in ${settings.businessCountry} yet. Shoppers in the EU, UK, Japan, South Korea and Australia can still get Recurring Notifications.`,
    });
  }
  if (settings.onboarding.adAccountId === null) {
    reasons.push({
      code: "ad_account_missing",
      message: "Connect the Meta ad account marketing messages are billed to (Meta charges per delivered message).",
    });
  }
  if (!settings.onboarding.termsAccepted) {
    reasons.push({
      code: "terms_not_accepted",
      message: "Accept Meta's Marketing Messages terms for your business.",
    });
  }
  return { canSend: reasons.length === 0, reasons };
}
