import {
  isMarketingBlockedRecipientCountry,
  isMarketingSupportedBusinessCountry,
  normalizeCountryCode,
} from "./marketing-regions.js";
import { RULES, type RuleId } from "./rules.js";

/**
 * Which marketing channel can reach one subscriber, if any. Pure. Meta runs two products with complementary maps
 * (spec 4.1, 4.2; Marketing Messages overview, Updated 2026-04-17):
 * - the paid Marketing Messages API needs a business located in Meta's list and never delivers to the EU/EEA, UK,
 *   Japan, South Korea or Australia;
 * - Recurring Notifications were switched off on 2026-02-10 everywhere except exactly those regions.
 */
export type MarketingPath = "marketing_messages_api" | "recurring_notifications" | "none";

export interface MarketingPathFacts {
  /** Business country of the shop (ISO 3166-1 alpha-2), as the merchant declared it in onboarding. */
  readonly businessCountry: string | null;
  /** The shop finished Marketing Messages onboarding (ad account connected, terms accepted). */
  readonly onboarded: boolean;
  /** The linked customer's country when known. */
  readonly recipientCountry: string | null;
}

export interface MarketingPathDecision {
  readonly path: MarketingPath;
  /** Stable code for storage and filters. */
  readonly code:
    | "marketing_messages_api"
    | "recurring_notifications_region"
    | "recipient_country_unknown"
    | "business_country_unsupported"
    | "not_onboarded";
  readonly rule: RuleId;
  /** One line a merchant can read. */
  readonly reason: string;
  readonly docUrl: string;
}

export function decideMarketingPath(facts: MarketingPathFacts): MarketingPathDecision {
  const recipient = normalizeCountryCode(facts.recipientCountry);
  if (recipient === null) {
    return path(
      "none",
      "recipient_country_unknown",
      "marketing_recipient_regions",
      "The shopper's country is unknown (no linked customer with an address yet), so no marketing channel is proven allowed.",
    );
  }
  if (isMarketingBlockedRecipientCountry(recipient)) {
    return path(
      "recurring_notifications",
      "recurring_notifications_region",
      "recurring_notifications_regions",
      `Shoppers in ${recipient} cannot get paid Marketing Messages; Meta still serves Recurring Notifications there.`,
    );
  }
  if (!isMarketingSupportedBusinessCountry(facts.businessCountry)) {
    const where = normalizeCountryCode(facts.businessCountry) ?? "an undeclared country";
    return path(
      "none",
      "business_country_unsupported",
      "marketing_business_regions",
      `Meta does not offer Marketing Messages to businesses in ${where}, and Recurring Notifications no longer reach ${recipient}.`,
    );
  }
  if (!facts.onboarded) {
    return path(
      "none",
      "not_onboarded",
      "marketing_business_regions",
      "Connect an ad account and accept Meta's Marketing Messages terms to send marketing messages.",
    );
  }
  return path(
    "marketing_messages_api",
    "marketing_messages_api",
    "marketing_messages_api_only",
    `Marketing goes through Meta's paid Marketing Messages API (shopper in ${recipient}).`,
  );
}

function path(
  p: MarketingPath,
  code: MarketingPathDecision["code"],
  rule: RuleId,
  reason: string,
): MarketingPathDecision {
  return { path: p, code, rule, reason, docUrl: RULES[rule].docUrl };
}
