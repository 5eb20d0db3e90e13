import { z } from "zod";
import type {
  MessengerAttachment,
  MessengerReferral,
  NotificationMessagesOptin,
  NotificationMessagesStatus,
  PluginOptin,
} from "./messenger-event.js";

/**
 * zod schemas for Meta's Page webhook payload. Loose on purpose: Meta adds fields without notice, so unknown keys pass
 * through and only what we read is checked. Envelope per the Webhooks page (Updated 2026-05-05):
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks
 */

// Meta sends ids as strings; a number is accepted and stringified rather than dropping the event.
export const graphIdSchema = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);

const nullableString = z.string().nullish();

export const webhookEntrySchema = z.looseObject({
  id: graphIdSchema,
  time: z.number(),
  messaging: z.array(z.unknown()).optional(),
  standby: z.array(z.unknown()).optional(),
  changes: z.array(z.unknown()).optional(),
});

export const webhookEnvelopeSchema = z.looseObject({
  object: z.string(),
  entry: z.array(webhookEntrySchema),
});

export type WebhookEnvelope = z.infer<typeof webhookEnvelopeSchema>;
export type WebhookEntry = z.infer<typeof webhookEntrySchema>;

/** The part every entry[].messaging[] / standby[] item shares. */
export const messagingItemSchema = z.looseObject({
  sender: z.looseObject({ id: graphIdSchema.optional(), user_ref: z.string().optional() }).optional(),
  recipient: z.looseObject({ id: graphIdSchema.optional() }).optional(),
  timestamp: z.number().optional(),
});

/**
 * One attachment, whatever its type: image, audio, video, file, template, fallback, `sticker` (since 2026-06-01) or
 * one Meta adds later. Never fails, so an attachment we do not know cannot turn the shopper's message into an
 * unreadable item (which would neither refresh the window nor get an answer); its type is kept as Meta sent it.
 */
export const attachmentSchema = z.unknown().transform((attachment): MessengerAttachment => {
  const item = typeof attachment === "object" && attachment !== null ? (attachment as Record<string, unknown>) : {};
  const payload = item.payload ?? null;
  const url = typeof payload === "object" && payload !== null && "url" in payload ? payload.url : null;
  const type = typeof item.type === "string" && item.type.length > 0 ? item.type : "unknown";
  return { type, url: typeof url === "string" ? url : null, payload };
});

export const messageSchema = z.looseObject({
  mid: z.string().min(1),
  text: z.string().optional(),
  is_echo: z.boolean().optional(),
  app_id: graphIdSchema.nullish(),
  metadata: nullableString,
  quick_reply: z.looseObject({ payload: z.string() }).optional(),
  reply_to: z.looseObject({ mid: z.string() }).optional(),
  // An attachments field that is not a list is Meta's novelty, not a reason to lose the message.
  attachments: z.unknown().transform((list) => (Array.isArray(list) ? list.map((a) => attachmentSchema.parse(a)) : [])),
});

export const referralSchema = z
  .looseObject({ ref: nullableString, source: nullableString, type: nullableString, ad_id: graphIdSchema.nullish() })
  .transform(
    (r): MessengerReferral => ({
      ref: r.ref ?? null,
      source: r.source ?? null,
      type: r.type ?? null,
      adId: r.ad_id ?? null,
    }),
  );

/** Messenger timestamps are ms; Graph `changes` entries use seconds. No real ms timestamp is below 1e12 (year 2001). */
export function toMs(time: number): number {
  return time < 1e12 ? Math.round(time * 1000) : time;
}

// Consent must not be lost to a spelling change, so bare STOP/RESUME map to Meta's documented values.
const notificationStatusSchema = z
  .string()
  .nullish()
  .transform((status): NotificationMessagesStatus | null => {
    if (typeof status !== "string") return null;
    if (/^\s*stop/i.test(status)) return "STOP NOTIFICATIONS";
    if (/^\s*resume/i.test(status)) return "RESUME NOTIFICATIONS";
    return null;
  });

export const postbackSchema = z
  .looseObject({
    mid: nullableString,
    title: nullableString,
    payload: nullableString,
    referral: referralSchema.optional(),
  })
  .transform(({ mid, title, payload, referral }) => ({
    mid: mid ?? null,
    title: title ?? null,
    payload: payload ?? null,
    ...(referral ? { referral } : {}),
  }));

export const optinSchema = z
  .looseObject({
    type: nullableString,
    payload: nullableString,
    notification_messages_token: nullableString,
    token_expiry_timestamp: z
      .number()
      .nullish()
      .transform((t) => (t == null ? null : toMs(t))),
    notification_messages_frequency: nullableString,
    topic: nullableString,
    title: nullableString,
    notification_messages_timezone: nullableString,
    user_token_status: nullableString,
    notification_messages_status: notificationStatusSchema,
    ref: nullableString,
    user_ref: nullableString,
  })
  .transform((o): NotificationMessagesOptin | PluginOptin =>
    o.type === "notification_messages"
      ? {
          type: "notification_messages",
          token: o.notification_messages_token ?? null,
          tokenExpiresAt: o.token_expiry_timestamp ?? null,
          frequency: o.notification_messages_frequency ?? null,
          topic: o.topic ?? null,
          payload: o.payload ?? null,
          title: o.title ?? null,
          timezone: o.notification_messages_timezone ?? null,
          userTokenStatus: o.user_token_status ?? null,
          notificationMessagesStatus: o.notification_messages_status ?? null,
        }
      : { type: "plugin", ref: o.ref ?? null, userRef: o.user_ref ?? null },
  );

export const deliverySchema = z
  .looseObject({ mids: z.array(z.string()).optional(), watermark: z.number() })
  .transform(({ mids, watermark }) => ({ mids: mids ?? [], watermark }));

export const readSchema = z.looseObject({ watermark: z.number() }).transform(({ watermark }) => ({ watermark }));

export const reactionSchema = z
  .looseObject({
    reaction: nullableString,
    emoji: nullableString,
    action: z.enum(["react", "unreact"]),
    mid: z.string().min(1),
  })
  .transform(({ reaction, emoji, action, mid }) => ({ reaction: reaction ?? null, emoji: emoji ?? null, action, mid }));

export const threadControlSchema = z
  .looseObject({
    new_owner_app_id: graphIdSchema.nullish(),
    previous_owner_app_id: graphIdSchema.nullish(),
    requested_owner_app_id: graphIdSchema.nullish(),
    metadata: nullableString,
  })
  .transform((c) => ({
    newOwnerAppId: c.new_owner_app_id ?? null,
    previousOwnerAppId: c.previous_owner_app_id ?? null,
    requestedOwnerAppId: c.requested_owner_app_id ?? null,
    metadata: c.metadata ?? null,
  }));

export const changeSchema = z.looseObject({ field: z.string(), value: z.unknown() });

// Meta's Utility messages page names the field both ways; both are accepted.
export const TEMPLATE_STATUS_FIELDS: ReadonlySet<string> = new Set([
  "message_template_status_update",
  "messenger_template_status_update",
]);

export const templateStatusValueSchema = z
  .looseObject({
    event: z.string().min(1),
    message_template_id: graphIdSchema,
    message_template_name: z.string(),
    message_template_language: z.string(),
    reason: nullableString,
  })
  .transform((v) => ({
    templateId: v.message_template_id,
    templateName: v.message_template_name,
    language: v.message_template_language,
    event: v.event.toUpperCase(),
    reason: v.reason ?? null,
  }));
