import { allow, skip } from "./decision-builders.js";
import {
  isMarketingBlockedRecipientCountry,
  isMarketingSupportedBusinessCountry,
  normalizeCountryCode,
} from "./marketing-regions.js";
import { MARKETING_TOKEN_GAP_MS, elapsedMs } from "./messaging-window.js";
import type { MarketingFacts, SendDecision } from "./send-request.js";

/**
 * Marketing goes only through the Marketing Messages API, whatever the 24 h window says: the paid API is what Meta
 * allows for promotions to opted-in subscribers, and it has its own consent, region and frequency rules.
 */
export function decideMarketing(marketing: MarketingFacts | null, now: Date): SendDecision {
  // Consent first: without a subscription token there is nothing to send to.
  if (marketing === null) {
    return skip(
      "marketing_subscription_required",
      "not_opted_in",
      "The shopper has not opted in to marketing messages.",
    );
  }
  // The Page must be onboarded (terms accepted, ad account) and located where Meta offers the product.
  if (!marketing.pageEnabledForMarketingMessages) {
    return skip(
      "marketing_business_regions",
      "marketing_not_enabled",
      "This Page is not set up for Meta's Marketing Messages.",
    );
  }
  if (!isMarketingSupportedBusinessCountry(marketing.pageCountryCode)) {
    const where = normalizeCountryCode(marketing.pageCountryCode) ?? "an unknown country";
    return skip(
      "marketing_business_regions",
      "marketing_page_region_unsupported",
      `Meta does not offer Marketing Messages to businesses in ${where}.`,
    );
  }
  // Recipients in the EU/EEA, UK, JP, KR and AU are excluded; an unknown country cannot be proven outside them.
  if (normalizeCountryCode(marketing.recipientCountryCode) === null) {
    return skip(
      "marketing_recipient_regions",
      "marketing_region_unknown",
      "The shopper's country is unknown, so a marketing message could break regional rules.",
    );
  }
  if (isMarketingBlockedRecipientCountry(marketing.recipientCountryCode)) {
    const where = normalizeCountryCode(marketing.recipientCountryCode);
    return skip(
      "marketing_recipient_regions",
      "marketing_region_blocked",
      `Marketing messages cannot be sent to shoppers in ${where}.`,
    );
  }
  if (marketing.subscriptionStatus !== "subscribed") {
    return skip("marketing_subscription_required", "not_opted_in", "The shopper stopped marketing messages.");
  }
  if (marketing.tokenExpiresAt !== null && marketing.tokenExpiresAt.getTime() <= now.getTime()) {
    return skip(
      "marketing_subscription_required",
      "marketing_token_expired",
      "The shopper's marketing opt-in has expired.",
    );
  }
  // One marketing message per 12 h per token; exactly 12 h later is allowed again.
  const sinceLast = elapsedMs(marketing.lastMarketingMessageAt, now);
  if (sinceLast !== null && sinceLast < MARKETING_TOKEN_GAP_MS) {
    return skip(
      "marketing_frequency_cap",
      "marketing_frequency_cap",
      "This shopper already got a marketing message in the last 12 hours.",
    );
  }
  return allow(
    "marketing_messages_api_only",
    { kind: "marketing_message", token: marketing.subscriptionToken },
    "Sent through Meta's Marketing Messages API to an opted-in shopper.",
  );
}
