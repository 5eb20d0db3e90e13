/**
 * One Messenger webhook item, normalized. Shapes follow Meta's webhook event reference:
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events
 * Timestamps are milliseconds since the epoch, taken from Meta's payload (never our clock).
 */

interface EventBase {
  /** The Page the event belongs to (entry[].id, or the Page side of sender/recipient). */
  readonly pageId: string;
  /** The shopper's Page-scoped id: the sender for inbound events, the recipient for echoes. */
  readonly psid: string;
  readonly timestamp: number;
  /** Stable across Meta's re-deliveries of the same item; see normalize-events.ts for how it is built. */
  readonly dedupeKey: string;
  /** True when the item arrived in entry[].standby[]: another app owns the thread, so we must not reply. */
  readonly standby: boolean;
  /** The original item as received, for storage and debugging. */
  readonly raw: unknown;
}

export interface MessengerAttachment {
  /** "image" | "audio" | "video" | "file" | "sticker" | "template" | "fallback" | ... as Meta sends it. */
  readonly type: string;
  readonly url: string | null;
  readonly payload: unknown;
}

export interface MessengerReferral {
  readonly ref: string | null;
  /** "SHORTLINK" (m.me), "ADS", "CUSTOMER_CHAT_PLUGIN", ... */
  readonly source: string | null;
  /** "OPEN_THREAD" for m.me links. */
  readonly type: string | null;
  readonly adId: string | null;
}

export interface MessageEvent extends EventBase {
  readonly kind: "message";
  readonly mid: string;
  readonly text: string | null;
  readonly attachments: readonly MessengerAttachment[];
  readonly quickReplyPayload?: string;
  readonly replyToMid?: string;
}

export interface EchoEvent extends EventBase {
  readonly kind: "echo";
  readonly isEcho: true;
  readonly mid: string;
  /** The app that sent the message; null when sent from the Page inbox by a person. */
  readonly appId: string | null;
  /** The `metadata` we attached to the sent message (< 1000 chars), echoed back. */
  readonly metadata: string | null;
  readonly text: string | null;
  readonly attachments: readonly MessengerAttachment[];
}

export interface PostbackEvent extends EventBase {
  readonly kind: "postback";
  readonly mid: string | null;
  readonly title: string | null;
  /** Absent on standby postbacks (Meta strips it). */
  readonly payload: string | null;
  /** Present when a new thread was opened from an m.me link with ?ref= (Get Started). */
  readonly referral?: MessengerReferral;
}

export interface ReferralEvent extends EventBase, MessengerReferral {
  readonly kind: "referral";
}

export type NotificationMessagesStatus = "STOP NOTIFICATIONS" | "RESUME NOTIFICATIONS";

export interface NotificationMessagesOptin {
  readonly type: "notification_messages";
  /** The subscription token for the Marketing Messages API. */
  readonly token: string | null;
  /** Legacy token_expiry_timestamp in ms (tokens no longer expire since 2023-08-10). */
  readonly tokenExpiresAt: number | null;
  readonly frequency: string | null;
  readonly topic: string | null;
  readonly payload: string | null;
  readonly title: string | null;
  readonly timezone: string | null;
  /** "REFRESHED" | "NOT_REFRESHED". */
  readonly userTokenStatus: string | null;
  /** Present when the shopper stopped or resumed marketing messages. */
  readonly notificationMessagesStatus: NotificationMessagesStatus | null;
}

/** Legacy plugin opt-ins: Send to Messenger (`ref`) and Checkbox (`user_ref`, no PSID yet). */
export interface PluginOptin {
  readonly type: "plugin";
  readonly ref: string | null;
  readonly userRef: string | null;
}

export interface OptinEvent extends Omit<EventBase, "psid"> {
  readonly kind: "optin";
  /** Null for Checkbox opt-ins, which identify the person by user_ref only. */
  readonly psid: string | null;
  readonly optin: NotificationMessagesOptin | PluginOptin;
}

export interface DeliveryEvent extends EventBase {
  readonly kind: "delivery";
  readonly mids: readonly string[];
  readonly watermark: number;
}

export interface ReadEvent extends EventBase {
  readonly kind: "read";
  readonly watermark: number;
}

export interface ReactionEvent extends EventBase {
  readonly kind: "reaction";
  /** smile | angry | sad | wow | love | like | dislike | other */
  readonly reaction: string | null;
  readonly emoji: string | null;
  readonly action: "react" | "unreact";
  /** The message that was reacted to. */
  readonly mid: string;
}

export interface TemplateStatusEvent extends Omit<EventBase, "psid"> {
  readonly kind: "template_status";
  readonly psid: null;
  readonly templateId: string;
  readonly templateName: string;
  readonly language: string;
  /** APPROVED | REJECTED | PENDING | PAUSED | DISABLED | ... as Meta sends it (upper-case). */
  readonly event: string;
  readonly reason: string | null;
}

export type HandoverAction = "pass_thread_control" | "take_thread_control" | "request_thread_control" | "app_roles";

export interface HandoverEvent extends EventBase {
  readonly kind: "handover";
  readonly action: HandoverAction;
  readonly newOwnerAppId: string | null;
  readonly previousOwnerAppId: string | null;
  readonly requestedOwnerAppId: string | null;
  readonly metadata: string | null;
}

export interface UnknownEvent extends Omit<EventBase, "psid"> {
  readonly kind: "unknown";
  readonly psid: string | null;
  /** Why it was not understood, e.g. "unrecognized messaging item" or the schema error. */
  readonly note: string;
}

export type MessengerEvent =
  | MessageEvent
  | EchoEvent
  | PostbackEvent
  | ReferralEvent
  | OptinEvent
  | DeliveryEvent
  | ReadEvent
  | ReactionEvent
  | TemplateStatusEvent
  | HandoverEvent
  | UnknownEvent;

export type MessengerEventKind = MessengerEvent["kind"];

/**
 * Whether the event opens or refreshes the 24 h standard window: the person sent a message, tapped a postback,
 * opened the thread through an m.me link (messaging_referrals), reacted, or opted in through a plugin.
 * Echoes, deliveries, reads, handovers and template changes are not the person acting.
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages (Updated 2026-05-05)
 * A notification_messages opt-in (marketing consent, STOP/RESUME) does not open the window, per Meta's Recurring
 * Notifications doc, so it only counts when it is a plugin opt-in.
 */
export function isUserInteraction(event: MessengerEvent): boolean {
  switch (event.kind) {
    case "message":
    case "postback":
    case "referral":
    case "reaction":
      return true;
    case "optin":
      return event.optin.type === "plugin" && event.psid !== null;
    case "echo":
    case "delivery":
    case "read":
    case "template_status":
    case "handover":
    case "unknown":
      return false;
  }
}
