import { createHash } from "node:crypto";
import type { z } from "zod";
import type { HandoverAction, MessengerEvent } from "./messenger-event.js";
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

/** Why an item could not be understood; it becomes an `unknown` event instead of being dropped. */
class UnreadableItem extends Error {}

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
    const { object, entry: entries } = envelope.data;
    if (object !== "page") return { ok: false, error: `unsupported webhook object "${object}"` };
    const events: MessengerEvent[] = [];
    for (const entry of entries) {
      for (const item of entry.messaging ?? []) events.push(readItem(entry, item, false, normalizeMessagingItem));
      for (const item of entry.standby ?? []) events.push(readItem(entry, item, true, normalizeMessagingItem));
      for (const change of entry.changes ?? []) events.push(readItem(entry, change, false, normalizeChange));
    }
    return { ok: true, events: events.sort((a, b) => a.timestamp - b.timestamp) };
  } catch (error) {
    return { ok: false, error: `unreadable webhook body: ${error instanceof Error ? error.message : String(error)}` };
  }
}

type Normalizer = (entry: WebhookEntry, item: unknown, standby: boolean) => MessengerEvent;

function readItem(entry: WebhookEntry, item: unknown, standby: boolean, normalize: Normalizer): MessengerEvent {
  try {
    return normalize(entry, item, standby);
  } catch (error) {
    if (!(error instanceof UnreadableItem)) throw error;
    const base = messagingItemSchema.safeParse(item);
    const psid = base.success ? (base.data.sender?.id ?? null) : null;
    const timestamp = toMs((base.success ? base.data.timestamp : undefined) ?? entry.time);
    const dedupeKey = stableKey(entry.id, item);
    return { kind: "unknown", pageId: entry.id, psid, timestamp, standby, raw: item, note: error.message, dedupeKey };
  }
}

function must<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UnreadableItem(`malformed ${what}: ${describeIssue(parsed.error)}`);
  return parsed.data;
}

function normalizeMessagingItem(entry: WebhookEntry, item: unknown, standby: boolean): MessengerEvent {
  const data = must(messagingItemSchema, item, "messaging item");
  const senderId = data.sender?.id ?? null;
  // Hashing the whole item costs more than the rest of its normalization: only events without a mid need it.
  const hashKey = () => stableKey(entry.id, item);
  const common = { pageId: entry.id, timestamp: toMs(data.timestamp ?? entry.time), standby, raw: item };

  if ("message" in data) {
    const { mid, text = null, attachments = [], ...message } = must(messageSchema, data.message, "message");
    if (message.is_echo === true) {
      // The Page sends an echo and the shopper receives it; the key differs from the original message's.
      const psid = data.recipient?.id ?? fail("echo without recipient");
      const appId = message.app_id ?? null;
      const metadata = message.metadata ?? null;
      return {
        ...common,
        kind: "echo",
        isEcho: true,
        psid,
        dedupeKey: `echo:${mid}`,
        mid,
        appId,
        metadata,
        text,
        attachments,
      };
    }
    const psid = senderId ?? fail("message without sender");
    return {
      ...common,
      kind: "message",
      psid,
      dedupeKey: mid,
      mid,
      text,
      attachments,
      ...(message.quick_reply ? { quickReplyPayload: message.quick_reply.payload } : {}),
      ...(message.reply_to ? { replyToMid: message.reply_to.mid } : {}),
    };
  }
  if ("optin" in data) {
    const parsed = must(optinSchema, data.optin, "optin");
    // Checkbox opt-ins name the person by user_ref only, possibly on the sender rather than in the optin.
    const optin =
      parsed.type === "plugin" ? { ...parsed, userRef: parsed.userRef ?? data.sender?.user_ref ?? null } : parsed;
    const identified = senderId !== null || (optin.type === "plugin" && optin.userRef !== null);
    if (!identified) fail("unrecognized optin");
    return { ...common, kind: "optin", psid: senderId, dedupeKey: hashKey(), optin };
  }
  const inbound = { ...common, psid: senderId ?? fail("messaging item without sender"), dedupeKey: hashKey() };
  if ("postback" in data) {
    const postback = must(postbackSchema, data.postback, "postback");
    return { ...inbound, kind: "postback", ...postback, dedupeKey: postback.mid ?? inbound.dedupeKey };
  }
  if ("referral" in data) return { ...inbound, kind: "referral", ...must(referralSchema, data.referral, "referral") };
  if ("delivery" in data) return { ...inbound, kind: "delivery", ...must(deliverySchema, data.delivery, "delivery") };
  if ("read" in data) return { ...inbound, kind: "read", ...must(readSchema, data.read, "read") };
  // A reaction's mid names the reacted-to message, so it cannot identify the reaction itself: hashKey stays.
  if ("reaction" in data) return { ...inbound, kind: "reaction", ...must(reactionSchema, data.reaction, "reaction") };
  const action = HANDOVER_KEYS.find((key) => key in data);
  if (action !== undefined) {
    const control = must(threadControlSchema, action === "app_roles" ? {} : data[action], action);
    return { ...inbound, kind: "handover", action, ...control };
  }
  return fail("unrecognized messaging item");
}

function normalizeChange(entry: WebhookEntry, change: unknown): MessengerEvent {
  const { field, value } = must(changeSchema, change, "change");
  if (!TEMPLATE_STATUS_FIELDS.has(field)) fail(`unhandled change field "${field}"`);
  return {
    kind: "template_status",
    pageId: entry.id,
    psid: null,
    timestamp: toMs(entry.time),
    standby: false,
    raw: change,
    dedupeKey: stableKey(entry.id, change),
    ...must(templateStatusValueSchema, value, "template status"),
  };
}

function fail(note: string): never {
  throw new UnreadableItem(note);
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
