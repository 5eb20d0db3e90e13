import { createHash } from "node:crypto";
import type { z } from "zod";
import type { HandoverAction, MessengerEvent, OptinEvent } from "./messenger-event.js";
import {
  TEMPLATE_STATUS_FIELDS,
  changeSchema,
  deliverySchema,
  messageSchema,
  messagingItemSchema,
  optinSchema,
  postbackSchema,
  reactionSchema,
  readSchema,
  referralSchema,
  templateStatusValueSchema,
  threadControlSchema,
  toMs,
  webhookEnvelopeSchema,
  type WebhookEntry,
} from "./payload-schema.js";

export type NormalizeResult = { ok: true; events: MessengerEvent[] } | { ok: false; error: string };

const HANDOVER_KEYS: readonly HandoverAction[] = [
  "pass_thread_control",
  "take_thread_control",
  "request_thread_control",
  "app_roles",
];

/**
 * Turns a parsed webhook body into events: every entry[].messaging[], entry[].standby[] and entry[].changes[] item,
 * none dropped (what we do not understand becomes kind "unknown"). Events are sorted by Meta's timestamp because
 * batches are not ordered (Webhooks page, 2026-05-05). Never throws.
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks
 */
export function normalizeWebhook(body: unknown): NormalizeResult {
  try {
    const envelope = webhookEnvelopeSchema.safeParse(body);
    if (!envelope.success) return { ok: false, error: `invalid webhook envelope: ${describeIssue(envelope.error)}` };
    if (envelope.data.object !== "page")
      return { ok: false, error: `unsupported webhook object "${envelope.data.object}"` };
    const events: MessengerEvent[] = [];
    for (const entry of envelope.data.entry) {
      for (const item of entry.messaging ?? []) events.push(normalizeMessagingItem(entry, item, false));
      for (const item of entry.standby ?? []) events.push(normalizeMessagingItem(entry, item, true));
      for (const change of entry.changes ?? []) events.push(normalizeChange(entry, change));
    }
    return { ok: true, events: events.sort((a, b) => a.timestamp - b.timestamp) };
  } catch (error) {
    return { ok: false, error: `unreadable webhook body: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function normalizeMessagingItem(entry: WebhookEntry, item: unknown, standby: boolean): MessengerEvent {
  const pageId = entry.id;
  const base = messagingItemSchema.safeParse(item);
  if (!base.success)
    return unknown(
      pageId,
      null,
      toMs(entry.time),
      item,
      standby,
      `malformed messaging item: ${describeIssue(base.error)}`,
    );
  const data = base.data;
  const senderId = data.sender?.id ?? null;
  const recipientId = data.recipient?.id ?? null;
  const timestamp = toMs(data.timestamp ?? entry.time);
  const hashKey = stableKey(pageId, item);
  const common = { pageId, timestamp, standby, raw: item };
  const fail = (note: string) => unknown(pageId, senderId, timestamp, item, standby, note);

  if ("message" in data) {
    const message = messageSchema.safeParse(data.message);
    if (!message.success) return fail(`malformed message: ${describeIssue(message.error)}`);
    const { mid, text = null, attachments = [] } = message.data;
    if (message.data.is_echo === true) {
      // The Page is the sender of an echo; the shopper is its recipient. The key differs from the original message's.
      if (recipientId === null) return fail("echo without recipient");
      const appId = message.data.app_id ?? null;
      const metadata = message.data.metadata ?? null;
      return {
        ...common,
        kind: "echo",
        isEcho: true,
        psid: recipientId,
        dedupeKey: `echo:${mid}`,
        mid,
        appId,
        metadata,
        text,
        attachments: attachments,
      };
    }
    if (senderId === null) return fail("message without sender");
    return {
      ...common,
      kind: "message",
      psid: senderId,
      dedupeKey: mid,
      mid,
      text,
      attachments: attachments,
      ...(message.data.quick_reply ? { quickReplyPayload: message.data.quick_reply.payload } : {}),
      ...(message.data.reply_to ? { replyToMid: message.data.reply_to.mid } : {}),
    };
  }
  if ("optin" in data)
    return (
      normalizeOptin(common, senderId, data.sender?.user_ref ?? null, data.optin, hashKey) ?? fail("unrecognized optin")
    );
  if (senderId === null) return fail("messaging item without sender");
  const inbound = { ...common, psid: senderId };

  if ("postback" in data) {
    const postback = postbackSchema.safeParse(data.postback);
    if (!postback.success) return fail(`malformed postback: ${describeIssue(postback.error)}`);
    const { mid = null, title = null, payload = null, referral } = postback.data;
    return {
      ...inbound,
      kind: "postback",
      dedupeKey: mid ?? hashKey,
      mid,
      title,
      payload,
      ...(referral ? { referral } : {}),
    };
  }
  if ("referral" in data) {
    const referral = referralSchema.safeParse(data.referral);
    if (!referral.success) return fail(`malformed referral: ${describeIssue(referral.error)}`);
    return { ...inbound, kind: "referral", dedupeKey: hashKey, ...referral.data };
  }
  if ("delivery" in data) {
    const delivery = deliverySchema.safeParse(data.delivery);
    if (!delivery.success) return fail(`malformed delivery: ${describeIssue(delivery.error)}`);
    return {
      ...inbound,
      kind: "delivery",
      dedupeKey: hashKey,
      mids: delivery.data.mids ?? [],
      watermark: delivery.data.watermark,
    };
  }
  if ("read" in data) {
    const read = readSchema.safeParse(data.read);
    if (!read.success) return fail(`malformed read: ${describeIssue(read.error)}`);
    return { ...inbound, kind: "read", dedupeKey: hashKey, watermark: read.data.watermark };
  }
  if ("reaction" in data) {
    const reaction = reactionSchema.safeParse(data.reaction);
    if (!reaction.success) return fail(`malformed reaction: ${describeIssue(reaction.error)}`);
    // The mid names the reacted-to message, so it cannot identify the reaction itself.
    const { reaction: name = null, emoji = null, action, mid } = reaction.data;
    return { ...inbound, kind: "reaction", dedupeKey: hashKey, reaction: name, emoji, action, mid };
  }
  const handoverKey = HANDOVER_KEYS.find((key) => key in data);
  if (handoverKey !== undefined) {
    const control = threadControlSchema.safeParse(handoverKey === "app_roles" ? {} : data[handoverKey]);
    if (!control.success) return fail(`malformed ${handoverKey}: ${describeIssue(control.error)}`);
    const {
      new_owner_app_id = null,
      previous_owner_app_id = null,
      requested_owner_app_id = null,
      metadata = null,
    } = control.data;
    return {
      ...inbound,
      kind: "handover",
      dedupeKey: hashKey,
      action: handoverKey,
      newOwnerAppId: new_owner_app_id,
      previousOwnerAppId: previous_owner_app_id,
      requestedOwnerAppId: requested_owner_app_id,
      metadata,
    };
  }
  return fail("unrecognized messaging item");
}

type Common = { pageId: string; timestamp: number; standby: boolean; raw: unknown };

function normalizeOptin(
  common: Common,
  psid: string | null,
  senderUserRef: string | null,
  value: unknown,
  dedupeKey: string,
): OptinEvent | null {
  const optin = optinSchema.safeParse(value);
  if (!optin.success) return null;
  const o = optin.data;
  if (o.type === "notification_messages") {
    if (psid === null) return null;
    return {
      ...common,
      kind: "optin",
      psid,
      dedupeKey,
      optin: {
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
      },
    };
  }
  const userRef = o.user_ref ?? senderUserRef;
  if (psid === null && userRef === null) return null;
  return { ...common, kind: "optin", psid, dedupeKey, optin: { type: "plugin", ref: o.ref ?? null, userRef } };
}

function normalizeChange(entry: WebhookEntry, change: unknown): MessengerEvent {
  const pageId = entry.id;
  const timestamp = toMs(entry.time);
  const parsed = changeSchema.safeParse(change);
  if (!parsed.success)
    return unknown(pageId, null, timestamp, change, false, `malformed change: ${describeIssue(parsed.error)}`);
  if (!TEMPLATE_STATUS_FIELDS.has(parsed.data.field))
    return unknown(pageId, null, timestamp, change, false, `unhandled change field "${parsed.data.field}"`);
  const value = templateStatusValueSchema.safeParse(parsed.data.value);
  if (!value.success)
    return unknown(pageId, null, timestamp, change, false, `malformed template status: ${describeIssue(value.error)}`);
  const v = value.data;
  return {
    kind: "template_status",
    pageId,
    psid: null,
    timestamp,
    standby: false,
    raw: change,
    dedupeKey: stableKey(pageId, change),
    templateId: v.message_template_id,
    templateName: v.message_template_name,
    language: v.message_template_language,
    event: v.event.toUpperCase(),
    reason: v.reason ?? null,
  };
}

function unknown(
  pageId: string,
  psid: string | null,
  timestamp: number,
  raw: unknown,
  standby: boolean,
  note: string,
): MessengerEvent {
  return { kind: "unknown", pageId, psid, timestamp, standby, raw, note, dedupeKey: stableKey(pageId, raw) };
}

/** sha256 over the canonical JSON (sorted keys) of the Page id and the item, so re-deliveries get the same key. */
export function stableKey(pageId: string, item: unknown): string {
  return `sha256:${createHash("sha256")
    .update(canonicalJson([pageId, item]))
    .digest("hex")}`;
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "unknown schema error";
  return `${issue.path.length > 0 ? issue.path.join(".") : "(root)"}: ${issue.message}`;
}
