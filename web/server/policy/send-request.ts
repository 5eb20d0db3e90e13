import type { MessageCategory, MessageTag } from "./message-category.js";
import type { RuleId } from "./rules.js";

/** Status of a Page utility template, as reported by /{page-id}/message_templates and the template-status webhook. */
export type UtilityTemplateStatus = "APPROVED" | "PENDING" | "REJECTED" | "PAUSED" | "DISABLED";

export interface UtilityTemplateFacts {
  readonly name: string;
  /** Meta locale code, e.g. "en_US". */
  readonly language: string;
  readonly status: UtilityTemplateStatus;
}

export interface MarketingFacts {
  /** The notification_messages token from messaging_optins, used as the Marketing Messages subscription token. */
  readonly subscriptionToken: string;
  readonly subscriptionStatus: "subscribed" | "stopped";
  /** Legacy token_expiry_timestamp; null when Meta gave none (tokens have not expired since 2023-08-10). */
  readonly tokenExpiresAt: Date | null;
  /** When the last marketing message went to this token, for the 12 h cap; null if never. */
  readonly lastMarketingMessageAt: Date | null;
  /** ISO 3166-1 alpha-2 of the shopper, null when unknown (then nothing is sent). */
  readonly recipientCountryCode: string | null;
  /** ISO 3166-1 alpha-2 of the business that owns the Page. */
  readonly pageCountryCode: string | null;
  /** The Page is onboarded to Marketing Messages (terms accepted, ad account linked). */
  readonly pageEnabledForMarketingMessages: boolean;
}

/** What the policy needs to know before asking a shopper for marketing consent (category "optin_request"). */
export interface OptinRequestFacts {
  /** The shopper is subscribed on this Page right now. */
  readonly alreadySubscribed: boolean;
  /** When the last opt-in request went out to this shopper on this Page; null if never. */
  readonly lastRequestedAt: Date | null;
  /** When the shopper last opted in; null if never. An opt-in at or after the last request answered it. */
  readonly lastOptedInAt: Date | null;
  /** When the shopper last stopped marketing (STOP NOTIFICATIONS, typed "stop"); null if never. */
  readonly lastDeclinedAt: Date | null;
  /** When a request with the same title last went to this shopper; null if never. */
  readonly sameTitleRequestedAt: Date | null;
  /** The merchant's cool-down after an ignored or declined request. */
  readonly cooldownMs: number;
}

/** Everything the policy needs; it reads nothing else and never the clock. */
export interface SendRequest {
  readonly category: MessageCategory;
  readonly now: Date;
  /** Latest user interaction by Meta's event timestamps (see isUserInteraction); null if the shopper never interacted. */
  readonly lastUserInteractionAt: Date | null;
  /** "unavailable" after error 551 / "blocked" when the shopper blocked the Page. */
  readonly recipientState: "reachable" | "blocked" | "unavailable";
  /** "revoked" after error 190; "paused" by the merchant or by us. */
  readonly pageStatus: "active" | "paused" | "revoked";
  /** True only when a person typed this message in our inbox. */
  readonly humanAuthor: boolean;
  /** The Page's utility template for this message and language, or null if none exists. */
  readonly utilityTemplate: UtilityTemplateFacts | null;
  /** Marketing facts; only read for category "marketing". Null when the shopper never opted in. */
  readonly marketing: MarketingFacts | null;
  /** Opt-in history; only read for category "optin_request". Null when it could not be read (nothing is sent). */
  readonly optinRequest: OptinRequestFacts | null;
  /** Human-readable text of the message (text, titles, button labels) for the promotional-content check. */
  readonly textParts: readonly string[];
}

export type StandardTransport = { readonly kind: "standard"; readonly messagingType: "RESPONSE" | "UPDATE" };
export type UtilityTemplateTransport = {
  readonly kind: "utility_template";
  readonly messagingType: "UTILITY";
  readonly template: { readonly name: string; readonly language: string };
};
export type MessageTagTransport = {
  readonly kind: "message_tag";
  readonly messagingType: "MESSAGE_TAG";
  readonly tag: MessageTag;
};
export type MarketingMessageTransport = { readonly kind: "marketing_message"; readonly token: string };

export type Transport = StandardTransport | UtilityTemplateTransport | MessageTagTransport | MarketingMessageTransport;

export const SKIP_CODES = [
  "page_paused",
  "page_revoked",
  "recipient_unavailable",
  "promotional_content",
  "window_closed",
  "no_approved_template",
  "not_human_authored",
  "human_agent_window_closed",
  "not_opted_in",
  "marketing_token_expired",
  "marketing_not_enabled",
  "marketing_page_region_unsupported",
  "marketing_region_unknown",
  "marketing_region_blocked",
  "marketing_frequency_cap",
  "optin_already_subscribed",
  "optin_title_weekly",
  "optin_cooldown",
  "optin_history_unknown",
] as const;

export type SkipCode = (typeof SKIP_CODES)[number];

export interface SendAllowed {
  readonly action: "send";
  readonly transport: Transport;
  readonly rule: RuleId;
  /** One line a merchant can read. */
  readonly reason: string;
  readonly docUrl: string;
}

export interface SendSkipped {
  readonly action: "skip";
  readonly code: SkipCode;
  readonly rule: RuleId;
  /** One line a merchant can read. */
  readonly reason: string;
  readonly docUrl: string;
}

export type SendDecision = SendAllowed | SendSkipped;
