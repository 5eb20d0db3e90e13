/**
 * The messaging rules the policy enforces, each with a one-line reason, the Meta page that states it and the date it
 * has been in force. Exported so the admin can show merchants why a message went out a certain way or not at all.
 */

const SEND_MESSAGES_DOC =
  "https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages";
const GRAPH_ERRORS_DOC = `${SEND_MESSAGES_DOC}#errors`;
const UTILITY_DOC =
  "https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/utility-messages";
const MARKETING_DOC =
  "https://developers.facebook.com/documentation/business-messaging/messenger-platform/marketing-messages-on-messenger";
const MARKETING_SEND_DOC = `${MARKETING_DOC}/send-messages`;
const RECURRING_DOC = "https://developers.facebook.com/docs/messenger-platform/send-messages/recurring-notifications";
// Messenger Policy (Updated 2026-09-28): no unwanted or repeated messages.
const MESSENGER_POLICY_DOC = "https://developers.facebook.com/devpolicy/#messengerplatform";

export interface PolicyRule {
  readonly id: RuleId;
  /** "meta": Meta's platform rule (the doc states it). "product": our own rule, stricter than Meta's; the link is the
   * Meta page that motivates it. */
  readonly source: "meta" | "product";
  /** One line a merchant can read. */
  readonly reason: string;
  readonly docUrl: string;
  /** ISO date (YYYY-MM-DD) since when Meta applies the rule, as stated by the doc or its changelog. */
  readonly inForceSince: string;
}

export type RuleId =
  | "page_must_be_active"
  | "page_temporarily_restricted"
  | "recipient_must_be_reachable"
  | "standard_window"
  | "utility_template_outside_window"
  | "human_agent_tag"
  | "deprecated_tags_never_sent"
  | "no_promotion_in_utility_templates"
  | "no_promotion_in_tagged_messages"
  | "order_updates_never_promote"
  | "optin_request_inside_window"
  | "optin_request_not_subscribed"
  | "optin_request_weekly_title"
  | "optin_request_cooldown"
  | "recurring_notifications_regions"
  | "marketing_messages_api_only"
  | "marketing_subscription_required"
  | "marketing_frequency_cap"
  | "marketing_recipient_regions"
  | "marketing_business_regions";

export const RULES: { readonly [K in RuleId]: PolicyRule & { readonly id: K } } = {
  page_must_be_active: {
    id: "page_must_be_active",
    source: "meta",
    reason:
      "Nothing is sent through a Page that is paused or whose access was revoked (error 190) until it is reconnected.",
    docUrl: SEND_MESSAGES_DOC,
    inForceSince: "2020-03-04",
  },
  page_temporarily_restricted: {
    id: "page_temporarily_restricted",
    source: "meta",
    reason:
      "Meta temporarily restricted the Page from sending (error 10 / 1893063): its messages wait and go out when sending resumes.",
    docUrl: GRAPH_ERRORS_DOC,
    inForceSince: "2026-06-25",
  },
  recipient_must_be_reachable: {
    id: "recipient_must_be_reachable",
    source: "meta",
    reason: "A shopper who blocked the Page or is unavailable (error 551) gets nothing; retrying only hurts the Page.",
    docUrl: GRAPH_ERRORS_DOC,
    inForceSince: "2020-03-04",
  },
  standard_window: {
    id: "standard_window",
    source: "meta",
    reason:
      "Any message, promotional ones included, may be sent within 24 hours of the shopper's last interaction (RESPONSE or UPDATE).",
    docUrl: `${SEND_MESSAGES_DOC}#messaging_types`,
    inForceSince: "2020-03-04",
  },
  utility_template_outside_window: {
    id: "utility_template_outside_window",
    source: "meta",
    reason: "After 24 hours an order update may only go out as an approved utility template (messaging_type UTILITY).",
    docUrl: UTILITY_DOC,
    inForceSince: "2026-04-27",
  },
  human_agent_tag: {
    id: "human_agent_tag",
    source: "meta",
    reason: "A reply typed by a person may use the HUMAN_AGENT tag up to 7 days after the shopper's last message.",
    docUrl: `${SEND_MESSAGES_DOC}#human-agent-tag`,
    inForceSince: "2020-03-04",
  },
  deprecated_tags_never_sent: {
    id: "deprecated_tags_never_sent",
    source: "meta",
    reason: "POST_PURCHASE_UPDATE, CONFIRMED_EVENT_UPDATE and ACCOUNT_UPDATE are rejected with error 100; never used.",
    docUrl: `${SEND_MESSAGES_DOC}#message-tags`,
    inForceSince: "2026-04-27",
  },
  no_promotion_in_utility_templates: {
    id: "no_promotion_in_utility_templates",
    source: "meta",
    reason: "A utility template must not contain marketing (coupons, discounts, sales, prompts to buy).",
    docUrl: UTILITY_DOC,
    // The date of the utility-messages doc that states it ("Utility messages must not contain marketing materials").
    inForceSince: "2026-03-13",
  },
  no_promotion_in_tagged_messages: {
    id: "no_promotion_in_tagged_messages",
    source: "meta",
    reason: "A tagged message (HUMAN_AGENT, after 24 hours) must not promote: no deals, coupons, sales or upsells.",
    docUrl: `${SEND_MESSAGES_DOC}#message-tags`,
    inForceSince: "2020-03-04",
  },
  order_updates_never_promote: {
    id: "order_updates_never_promote",
    source: "product",
    reason:
      "Our rule: order updates never promote, even inside 24 hours where Meta would allow it, because the same update may leave as a utility template.",
    docUrl: UTILITY_DOC,
    inForceSince: "2026-04-27",
  },
  optin_request_inside_window: {
    id: "optin_request_inside_window",
    source: "meta",
    reason: "The marketing opt-in request may only be sent while the 24-hour window is open.",
    docUrl: `${MARKETING_DOC}/grow-audience`,
    inForceSince: "2025-07-01",
  },
  optin_request_not_subscribed: {
    id: "optin_request_not_subscribed",
    source: "meta",
    reason: "A shopper who is already subscribed to marketing messages is not asked to opt in again.",
    docUrl: `${MARKETING_DOC}/grow-audience`,
    inForceSince: "2025-07-01",
  },
  optin_request_weekly_title: {
    id: "optin_request_weekly_title",
    source: "meta",
    reason: "Meta allows one opt-in request with the same title per person per week.",
    docUrl: RECURRING_DOC,
    inForceSince: "2023-06-20",
  },
  optin_request_cooldown: {
    id: "optin_request_cooldown",
    source: "product",
    reason:
      "A shopper who ignored or declined an opt-in request is not asked again before the shop's cool-down has passed.",
    docUrl: MESSENGER_POLICY_DOC,
    inForceSince: "2026-09-28",
  },
  recurring_notifications_regions: {
    id: "recurring_notifications_regions",
    source: "meta",
    reason:
      "Recurring Notifications were discontinued on 2026-02-10 except for recipients in the EU, UK, Japan, South Korea and Australia.",
    docUrl: RECURRING_DOC,
    inForceSince: "2026-02-10",
  },
  marketing_messages_api_only: {
    id: "marketing_messages_api_only",
    source: "meta",
    reason: "Promotions go only through Meta's paid Marketing Messages API, never as ordinary or tagged messages.",
    docUrl: MARKETING_DOC,
    inForceSince: "2025-07-01",
  },
  marketing_subscription_required: {
    id: "marketing_subscription_required",
    source: "meta",
    reason: "A marketing message needs the shopper's current opt-in (a subscribed, unexpired subscription token).",
    docUrl: `${MARKETING_DOC}/grow-audience`,
    inForceSince: "2025-07-01",
  },
  marketing_frequency_cap: {
    id: "marketing_frequency_cap",
    source: "meta",
    reason: "At most one marketing message per 12 hours per subscriber.",
    docUrl: MARKETING_SEND_DOC,
    inForceSince: "2025-07-01",
  },
  marketing_recipient_regions: {
    id: "marketing_recipient_regions",
    source: "meta",
    reason: "Marketing messages cannot reach shoppers in the EU/EEA, the UK, Japan, South Korea or Australia.",
    docUrl: MARKETING_DOC,
    inForceSince: "2025-07-01",
  },
  marketing_business_regions: {
    id: "marketing_business_regions",
    source: "meta",
    reason: "Marketing messages are only available to Pages enabled for them and located in a supported country.",
    docUrl: MARKETING_DOC,
    inForceSince: "2025-07-01",
  },
};

/** The rules as a list, in table order, for display. */
export const RULE_LIST: readonly PolicyRule[] = Object.values(RULES);
