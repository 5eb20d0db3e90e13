import { invalidParam, type GraphFailure } from "./graph-errors.js";
import { validateOptinTemplate } from "./optin-template.js";

// Limits: spec §1.3 and §3 (Send API, Quick Replies, Button/Generic/Receipt template docs, Apr 2026).
// https://developers.facebook.com/docs/messenger-platform/send-messages/templates

type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === "string" && v.length > 0;
const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Throws a GraphFailure; validation is a chain of refusals, the first one wins, as on Meta. */
export function refuse(message: string): never {
  throw invalidParam(message);
}

/**
 * Meta refuses keys it does not know, naming them: `(#100) Invalid keys "preview" were found in param
 * "message".` (wording reported in botpress/botpress#2227 and remixz/messenger-bot#38). The lists below are
 * the fields Meta's reference documents for each object (spec section 1; Send API reference, template docs).
 */
export function onlyKeys(o: Obj, allowed: readonly string[], param: string): void {
  const unknown = Object.keys(o).filter((k) => !allowed.includes(k));
  if (unknown.length > 0)
    refuse(`Invalid keys ${unknown.map((k) => `"${k}"`).join(", ")} were found in param "${param}".`);
}

/** Meta's limit is "UTF-8 ... 2000 characters": characters are Unicode code points, not UTF-16 units. */
export const MAX_TEXT_CHARS = 2000;
export const codePoints = (text: string) => [...text].length;

const MESSAGE_KEYS = ["text", "attachment", "attachments", "sticker_id", "quick_replies", "metadata"] as const;
const ATTACHMENT_KEYS = ["type", "payload"] as const;
const MEDIA_PAYLOAD_KEYS = ["url", "attachment_id", "is_reusable"] as const;
const QUICK_REPLY_KEYS = ["content_type", "title", "payload", "image_url"] as const;
const WEB_URL_BUTTON_KEYS = [
  "type",
  "title",
  "url",
  "webview_height_ratio",
  "messenger_extensions",
  "fallback_url",
  "webview_share_button",
] as const;
const PAYLOAD_BUTTON_KEYS = ["type", "title", "payload"] as const;
const TEMPLATE_KEYS: Record<string, readonly string[]> = {
  button: ["template_type", "text", "buttons"],
  generic: ["template_type", "elements", "image_aspect_ratio", "sharable"],
  receipt: [
    "template_type",
    "sharable",
    "recipient_name",
    "merchant_name",
    "order_number",
    "currency",
    "payment_method",
    "order_url",
    "timestamp",
    "elements",
    "address",
    "summary",
    "adjustments",
  ],
  notification_messages: [
    "template_type",
    "title",
    "payload",
    "image_url",
    "image_aspect_ratio",
    "notification_messages_timezone",
    "notification_messages_cta_text",
    "notification_messages_frequency",
    "notification_messages_reoptin",
  ],
};
const GENERIC_ELEMENT_KEYS = ["title", "subtitle", "image_url", "default_action", "buttons"] as const;
const DEFAULT_ACTION_KEYS = WEB_URL_BUTTON_KEYS.filter((k) => k !== "title");
const RECEIPT_ELEMENT_KEYS = ["title", "subtitle", "quantity", "price", "currency", "image_url"] as const;
const ADDRESS_KEYS = ["street_1", "street_2", "city", "postal_code", "state", "country"] as const;
const SUMMARY_KEYS = ["subtotal", "shipping_cost", "total_tax", "total_cost"] as const;
const ADJUSTMENT_KEYS = ["name", "amount"] as const;

function requireStr(v: unknown, name: string, max?: number): string {
  if (!isStr(v)) refuse(`param ${name} must be a non-empty string`);
  if (max !== undefined && v.length > max) refuse(`param ${name} must be at most ${max} characters`);
  return v;
}

function validateButton(b: unknown, at: string): void {
  if (!isObj(b)) refuse(`${at} must be an object`);
  switch (b.type) {
    case "web_url":
      onlyKeys(b, WEB_URL_BUTTON_KEYS, at);
      requireStr(b.title, `${at}[title]`, 20);
      requireStr(b.url, `${at}[url]`);
      if (!/^https?:\/\//.test(String(b.url))) refuse(`${at}[url] must be a valid URL`);
      return;
    case "postback":
      onlyKeys(b, PAYLOAD_BUTTON_KEYS, at);
      requireStr(b.title, `${at}[title]`, 20);
      requireStr(b.payload, `${at}[payload]`, 1000);
      return;
    case "phone_number":
      onlyKeys(b, PAYLOAD_BUTTON_KEYS, at);
      requireStr(b.title, `${at}[title]`, 20);
      if (!/^\+\d{6,15}$/.test(String(b.payload))) refuse(`${at}[payload] must be a phone number in +E.164 format`);
      return;
    case "account_link":
    case "account_unlink":
    case "game_play":
      return;
    default:
      refuse(`${at}[type] is not a supported button type`);
  }
}

function validateButtons(list: unknown, at: string, min: number, max: number): void {
  if (list === undefined && min === 0) return;
  if (!Array.isArray(list)) refuse(`param ${at} must be an array`);
  if (list.length < min || list.length > max) refuse(`param ${at} must have between ${min} and ${max} buttons`);
  list.forEach((b, i) => validateButton(b, `${at}[${i}]`));
}

function validateReceipt(p: Obj): void {
  for (const f of ["recipient_name", "order_number", "payment_method"]) requireStr(p[f], `payload[${f}]`);
  if (!/^[A-Z]{3}$/.test(String(p.currency))) refuse("param payload[currency] must be an ISO-4217 code");
  if (!isObj(p.summary) || !isNum(p.summary.total_cost)) refuse("param payload[summary][total_cost] is required");
  onlyKeys(p.summary, SUMMARY_KEYS, "payload[summary]");
  for (const f of ["subtotal", "shipping_cost", "total_tax"]) {
    if (p.summary[f] !== undefined && !isNum(p.summary[f])) refuse(`param payload[summary][${f}] must be a number`);
  }
  if (p.elements !== undefined) {
    if (!Array.isArray(p.elements) || p.elements.length > 100)
      refuse("param payload[elements] must be an array of at most 100");
    p.elements.forEach((e, i) => {
      if (!isObj(e)) refuse(`param payload[elements][${i}] must be an object`);
      onlyKeys(e, RECEIPT_ELEMENT_KEYS, `payload[elements][${i}]`);
      requireStr(e.title, `payload[elements][${i}][title]`);
      if (!isNum(e.price)) refuse(`param payload[elements][${i}][price] is required`);
      if (e.quantity !== undefined && !Number.isInteger(e.quantity))
        refuse(`param payload[elements][${i}][quantity] must be an integer`);
    });
  }
  if (p.address !== undefined) {
    if (!isObj(p.address)) refuse("param payload[address] must be an object");
    onlyKeys(p.address, ADDRESS_KEYS, "payload[address]");
    for (const f of ["street_1", "city", "postal_code", "state"]) requireStr(p.address[f], `payload[address][${f}]`);
    if (!/^[A-Z]{2}$/.test(String(p.address.country)))
      refuse("param payload[address][country] must be a 2-letter code");
  }
  if (p.timestamp !== undefined && !/^\d+$/.test(String(p.timestamp)))
    refuse("param payload[timestamp] must be Unix seconds");
  if (p.adjustments !== undefined) {
    if (!Array.isArray(p.adjustments)) refuse("param payload[adjustments] must be an array");
    p.adjustments.forEach((a, i) => {
      if (!isObj(a) || !isStr(a.name) || !isNum(a.amount))
        refuse(`param payload[adjustments][${i}] needs name and amount`);
      onlyKeys(a, ADJUSTMENT_KEYS, `payload[adjustments][${i}]`);
    });
  }
}

function validateTemplate(p: Obj): void {
  const keys = TEMPLATE_KEYS[String(p.template_type)];
  if (keys) onlyKeys(p, keys, "message[attachment][payload]");
  switch (p.template_type) {
    case "button":
      requireStr(p.text, "payload[text]", 640);
      return validateButtons(p.buttons, "payload[buttons]", 1, 3);
    case "generic":
      if (!Array.isArray(p.elements) || p.elements.length < 1 || p.elements.length > 10)
        refuse("param payload[elements] must have 1 to 10 elements");
      p.elements.forEach((e, i) => {
        if (!isObj(e)) refuse(`param payload[elements][${i}] must be an object`);
        onlyKeys(e, GENERIC_ELEMENT_KEYS, `payload[elements][${i}]`);
        requireStr(e.title, `payload[elements][${i}][title]`, 80);
        if (e.subtitle !== undefined) requireStr(e.subtitle, `payload[elements][${i}][subtitle]`, 80);
        if (
          e.default_action !== undefined &&
          (!isObj(e.default_action) || e.default_action.type !== "web_url" || "title" in e.default_action)
        ) {
          refuse(`param payload[elements][${i}][default_action] must be a web_url without title`);
        }
        if (isObj(e.default_action))
          onlyKeys(e.default_action, DEFAULT_ACTION_KEYS, `payload[elements][${i}][default_action]`);
        validateButtons(e.buttons, `payload[elements][${i}][buttons]`, 0, 3);
      });
      return;
    case "receipt":
      return validateReceipt(p);
    case "notification_messages":
      return validateOptinTemplate(p);
    default:
      refuse("param payload[template_type] is not supported");
  }
}

function validateQuickReplies(list: unknown): void {
  if (list === undefined) return;
  if (!Array.isArray(list) || list.length < 1 || list.length > 13)
    refuse("param message[quick_replies] must have 1 to 13 items");
  list.forEach((q, i) => {
    if (!isObj(q)) refuse(`param message[quick_replies][${i}] must be an object`);
    onlyKeys(q, QUICK_REPLY_KEYS, `message[quick_replies][${i}]`);
    if (q.content_type === "text") {
      requireStr(q.title, `message[quick_replies][${i}][title]`, 20);
      requireStr(q.payload, `message[quick_replies][${i}][payload]`, 1000);
    } else if (q.content_type !== "user_email" && q.content_type !== "user_phone_number") {
      refuse(`param message[quick_replies][${i}][content_type] is invalid`);
    }
  });
}

/** Validates a non-utility `message` object; throws a GraphFailure on the first violation. */
export function validateMessage(m: unknown): void {
  if (!isObj(m)) refuse("param message must be an object");
  onlyKeys(m, MESSAGE_KEYS, "message");
  const kinds = ["text", "attachment", "attachments", "sticker_id"].filter((k) => m[k] !== undefined);
  if (kinds.length !== 1) refuse("message must contain exactly one of text, attachment, attachments, sticker_id");
  if (m.text !== undefined) {
    requireStr(m.text, "message[text]");
    if (codePoints(m.text as string) > MAX_TEXT_CHARS)
      refuse(`param message[text] must be UTF-8 and at most ${MAX_TEXT_CHARS} characters`);
  }
  if (m.attachment !== undefined) {
    const a = m.attachment;
    if (!isObj(a) || !isObj(a.payload)) refuse("param message[attachment][payload] is required");
    onlyKeys(a, ATTACHMENT_KEYS, "message[attachment]");
    if (a.type === "template") validateTemplate(a.payload);
    else if (["image", "audio", "video", "file"].includes(String(a.type))) {
      onlyKeys(a.payload, MEDIA_PAYLOAD_KEYS, "message[attachment][payload]");
      if (!isStr(a.payload.url) && !isStr(a.payload.attachment_id))
        refuse("param message[attachment][payload] needs url or attachment_id");
    } else refuse("param message[attachment][type] is invalid");
  }
  if (m.attachments !== undefined && (!Array.isArray(m.attachments) || m.attachments.length > 30))
    refuse("param message[attachments] allows at most 30 images");
  validateQuickReplies(m.quick_replies);
  if (m.metadata !== undefined && (typeof m.metadata !== "string" || m.metadata.length >= 1000))
    refuse("param message[metadata] must be less than 1000 characters");
}

export function asFailure(e: unknown): GraphFailure {
  if (isObj(e) && typeof e.status === "number" && "body" in e) return e as unknown as GraphFailure;
  throw e;
}
