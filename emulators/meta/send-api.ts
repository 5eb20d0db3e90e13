import type { Clock } from "../../web/server/lib/clock.js";
import { errors, graphError, type GraphFailure } from "./graph-errors.js";
import type { EmulatedPage, EmulatorState } from "./state.js";
import { checkUtilitySend } from "./templates.js";
import { isObj, onlyKeys, refuse, validateMessage } from "./validate-message.js";

// Send API rules: spec §1-2 ("Send a Message", May 2026).
// https://developers.facebook.com/docs/messenger-platform/send-messages

const DAY = 24 * 3600 * 1000;
const RECIPIENT_FIELDS = ["id", "user_ref", "comment_id", "post_id", "notification_messages_token", "phone_number"];
/**
 * Top-level fields the Send API documents (spec section 1.2), plus the Graph-wide access_token and
 * appsecret_proof, which any Graph call may carry in its body.
 */
const REQUEST_FIELDS = [
  "recipient",
  "messaging_type",
  "tag",
  "message",
  "notification_type",
  "sender_action",
  "persona_id",
  "reply_to",
  "thread_control",
  "access_token",
  "appsecret_proof",
];
/** A utility send's message is the template reference (spec Update 2026-12), plus the echoed metadata. */
const UTILITY_MESSAGE_FIELDS = ["template", "metadata"];
/** Dead since 2026-04-27: "all API requests containing the deprecated Message Tags ... will receive error code 100". */
const DEAD_TAGS = new Set(["CONFIRMED_EVENT_UPDATE", "POST_PURCHASE_UPDATE", "ACCOUNT_UPDATE"]);

export interface SendOutcome {
  status: number;
  body: unknown;
}

/** POST /{page-id}/messages: validates like Meta, enforces the window rules, records the message in the thread. */
export function handleSend(state: EmulatorState, clock: Clock, page: EmulatedPage, input: unknown): SendOutcome {
  if (!isObj(input)) refuse("request body must be a JSON object");
  onlyKeys(input, REQUEST_FIELDS, "request");
  const recipient = input.recipient;
  if (!isObj(recipient)) refuse("param recipient is required");
  onlyKeys(recipient, RECIPIENT_FIELDS, "recipient");
  const given = RECIPIENT_FIELDS.filter((f) => recipient[f] !== undefined);
  if (given.length !== 1) refuse("param recipient must contain exactly one of id, user_ref, comment_id, post_id");
  // Recurring Notifications tokens and Customer Matching are retired/restricted (spec §4.1, §5).
  if (given[0] === "notification_messages_token" || given[0] === "phone_number") {
    throw graphError(400, 100, "(#100) This recipient type is no longer supported");
  }
  if (given[0] !== "id") refuse("the emulator only models recipient.id (PSID) sends");
  if (input.sender_action !== undefined) {
    if (input.message !== undefined) refuse("sender_action cannot be sent with message");
    if (!["mark_seen", "typing_on", "typing_off"].includes(String(input.sender_action)))
      refuse("param sender_action is invalid");
  }
  const type = input.messaging_type;
  if (!["RESPONSE", "UPDATE", "MESSAGE_TAG", "UTILITY"].includes(String(type)))
    refuse("param messaging_type must be RESPONSE, UPDATE, MESSAGE_TAG or UTILITY");
  if (type === "MESSAGE_TAG") {
    if (DEAD_TAGS.has(String(input.tag)))
      throw graphError(400, 100, "(#100) Invalid parameter: this message tag is deprecated");
    if (input.tag !== "HUMAN_AGENT") refuse("param tag must be HUMAN_AGENT");
  } else if (input.tag !== undefined) refuse("param tag requires messaging_type MESSAGE_TAG");
  if (
    input.notification_type !== undefined &&
    !["REGULAR", "SILENT_PUSH", "NO_PUSH"].includes(String(input.notification_type))
  ) {
    refuse("param notification_type is invalid");
  }
  if (input.sender_action === undefined) {
    if (type === "UTILITY") {
      if (isObj(input.message)) onlyKeys(input.message, UTILITY_MESSAGE_FIELDS, "message");
      checkUtilitySend(state, page.pageId, input.message);
    } else validateMessage(input.message);
  }

  const psid = String(recipient.id);
  const thread = state.thread(page.pageId, psid);
  if (!thread || !thread.started) throw errors.noUser();
  if (thread.blocked) throw errors.unavailable();
  const now = clock.now().getTime();
  if (type === "RESPONSE" || type === "UPDATE") {
    // Standard messaging window: 24 h after the person's last interaction.
    if (thread.lastInteractionAt === null || now - thread.lastInteractionAt >= DAY) throw errors.outsideWindow();
  }
  if (type === "MESSAGE_TAG") {
    if (!page.humanAgent)
      throw graphError(400, 10, "(#10) Application does not have the capability to make this API call.");
    // HUMAN_AGENT: within 7 days of the user's last message.
    if (thread.lastUserMessageAt === null || now - thread.lastUserMessageAt >= 7 * DAY) throw errors.outsideWindow();
  }
  const mid = `m_${state.nextId("emu")}`;
  if (input.sender_action === undefined) {
    thread.items.push({ direction: "out", at: now, kind: "message", mid, request: input });
    state.emitOutbound({ pageId: page.pageId, psid, mid, at: now, request: input });
  }
  // Sender actions answer with recipient_id only.
  return {
    status: 200,
    body: input.sender_action === undefined ? { recipient_id: psid, message_id: mid } : { recipient_id: psid },
  };
}

export function isGraphFailure(e: unknown): e is GraphFailure {
  return isObj(e) && typeof e.status === "number" && "body" in e;
}
