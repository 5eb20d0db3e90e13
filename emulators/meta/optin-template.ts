import { invalidParam } from "./graph-errors.js";

function refuse(message: string): never {
  throw invalidParam(message);
}

// The notification_messages opt-in template, as Meta documents it (grow-audience doc, Updated 2026-06-21, and the
// template reference): https://developers.facebook.com/documentation/business-messaging/messenger-platform/marketing-messages-on-messenger/faq#opt-in-requests
// title ≤ 65 characters (optional: Meta shows "Updates and promotions"), payload required, image_url optional,
// notification_messages_timezone an IANA zone, notification_messages_cta_text one of six values.
// The frequency and re-opt-in fields were deprecated in 2023 and are refused here so a sender relying on them fails.

type Obj = Record<string, unknown>;

export const OPTIN_CTA_VALUES = ["ALLOW", "FREQUENCY", "GET", "GET_UPDATES", "OPT_IN", "SIGN_UP"];
const FIELDS = new Set([
  "template_type",
  "title",
  "image_url",
  "image_aspect_ratio",
  "payload",
  "notification_messages_timezone",
  "notification_messages_cta_text",
]);
const DEPRECATED = new Set(["notification_messages_frequency", "notification_messages_reoptin"]);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Throws a GraphFailure (error 100 naming the field) for the first violation, as Meta does. */
export function validateOptinTemplate(p: Obj): void {
  for (const key of Object.keys(p)) {
    if (DEPRECATED.has(key)) refuse(`param payload[${key}] is deprecated and no longer supported`);
    if (!FIELDS.has(key)) refuse(`param payload[${key}] is not a field of the notification_messages template`);
  }
  if (p.title !== undefined) {
    if (typeof p.title !== "string" || p.title.trim() === "") refuse("param payload[title] must be a non-empty string");
    if (p.title.length > 65) refuse("param payload[title] must be at most 65 characters");
  }
  if (typeof p.payload !== "string" || p.payload === "") refuse("param payload[payload] is required");
  if (p.payload.length > 1000) refuse("param payload[payload] must be at most 1000 characters");
  if (p.image_url !== undefined && (typeof p.image_url !== "string" || !/^https?:\/\/\S+$/.test(p.image_url)))
    refuse("param payload[image_url] must be a valid URL");
  if (p.image_aspect_ratio !== undefined && !["HORIZONTAL", "SQUARE"].includes(String(p.image_aspect_ratio)))
    refuse("param payload[image_aspect_ratio] must be HORIZONTAL or SQUARE");
  if (
    p.notification_messages_timezone !== undefined &&
    (typeof p.notification_messages_timezone !== "string" || !isTimeZone(p.notification_messages_timezone))
  )
    refuse("param payload[notification_messages_timezone] must be an IANA time zone");
  if (
    p.notification_messages_cta_text !== undefined &&
    !OPTIN_CTA_VALUES.includes(String(p.notification_messages_cta_text))
  )
    refuse("param payload[notification_messages_cta_text] is invalid");
}
