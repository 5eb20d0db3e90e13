/**
 * What a message is for. The policy picks the transport from the category and the facts; callers never pick a tag.
 * - reply: automated answer to something the shopper sent
 * - post_purchase_update: receipt, shipping, cancellation or refund facts, never promotion
 * - human_agent_reply: typed by a person in our inbox
 * - marketing: promotional, only through the Marketing Messages API
 * - optin_request: the notification_messages opt-in template
 * - system_notice: e.g. the "Connected as J***" link confirmation
 */
export const MESSAGE_CATEGORIES = [
  "reply",
  "post_purchase_update",
  "human_agent_reply",
  "marketing",
  "optin_request",
  "system_notice",
] as const;

export type MessageCategory = (typeof MESSAGE_CATEGORIES)[number];

/**
 * The only message tag we ever emit. The deprecated tags are deliberately not part of this type so no code path can
 * produce them; they are listed separately for documentation and tests.
 */
export type MessageTag = "HUMAN_AGENT";

// Rejected with error 100 since 2026-04-27 (announced 2026-03-27); migrate to utility templates or Marketing Messages.
// https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages (message tags, 2026-05-05)
export const DEPRECATED_MESSAGE_TAGS = ["POST_PURCHASE_UPDATE", "CONFIRMED_EVENT_UPDATE", "ACCOUNT_UPDATE"] as const;
export type DeprecatedMessageTag = (typeof DEPRECATED_MESSAGE_TAGS)[number];

/** Compile-time proof: `true` only while MessageTag and the deprecated tags share no member. */
export type MessageTagExcludesDeprecated = [Extract<MessageTag, DeprecatedMessageTag>] extends [never] ? true : false;
export const MESSAGE_TAG_EXCLUDES_DEPRECATED: MessageTagExcludesDeprecated = true;
