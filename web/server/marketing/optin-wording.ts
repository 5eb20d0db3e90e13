import type { NotificationMessagesTemplate } from "../messenger/graph/send-request.js";
import type { OutboundContent } from "../messaging/outbound-content.js";
import type { SupportedLocale } from "../notifications/locale.js";

/**
 * The notification_messages opt-in request: its fields, their limits and the text Messenger shows for them.
 * Grow-audience doc (Updated 2026-06-21) and the template reference:
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/marketing-messages-on-messenger/faq#opt-in-requests
 * - title: at most 65 characters; Meta defaults it to "Updates and promotions";
 * - image_url: optional; payload: echoed back in messaging_optins; notification_messages_timezone: IANA name;
 * - notification_messages_cta_text: one of six values, each rendered by Messenger as a fixed button label.
 * notification_messages_frequency and _reoptin are deprecated (2023) and never sent.
 */

export const OPTIN_TITLE_MAX = 65;
export const OPTIN_CTA_VALUES = ["ALLOW", "FREQUENCY", "GET", "GET_UPDATES", "OPT_IN", "SIGN_UP"] as const;
export type OptinCta = (typeof OPTIN_CTA_VALUES)[number];

/** The button label Messenger renders for each CTA value (template reference), recorded as "text shown". */
export const OPTIN_CTA_LABELS: Record<OptinCta, string> = {
  ALLOW: "Allow messages",
  FREQUENCY: "Get daily messages",
  GET: "Get messages",
  GET_UPDATES: "Get updates",
  OPT_IN: "Opt in to messages",
  SIGN_UP: "Sign up for messages",
};

export interface OptinWording {
  title: string;
  imageUrl?: string | undefined;
  ctaText: OptinCta;
}

/** Default titles, one per shopper language; each fits the 65 characters. */
export const DEFAULT_OPTIN_TITLES: Record<SupportedLocale, string> = {
  en: "Get offers and news from us on Messenger",
  es: "Recibe ofertas y novedades por Messenger",
  fr: "Recevez nos offres et nouveautés sur Messenger",
  de: "Angebote und Neuigkeiten per Messenger erhalten",
  it: "Ricevi offerte e novità su Messenger",
  "pt-BR": "Receba ofertas e novidades pelo Messenger",
  lt: "Gaukite pasiūlymus ir naujienas per Messenger",
  ru: "Получайте предложения и новости в Messenger",
};

export type OptinWordingErrorCode = "empty" | "too_long" | "control_character" | "image_url";

export interface OptinWordingError {
  field: "title" | "imageUrl";
  code: OptinWordingErrorCode;
  message: string;
}

// Tabs and line breaks are refused too: the title is one line in Messenger.
const FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/; // eslint-disable-line no-control-regex

/** Checks a merchant's opt-in wording against Meta's limits before it is saved or previewed. */
export function validateOptinWording(wording: { title?: string | undefined; imageUrl?: string | undefined }) {
  const errors: OptinWordingError[] = [];
  const title = wording.title;
  if (title !== undefined) {
    if (title.trim() === "") errors.push({ field: "title", code: "empty", message: "The title is empty." });
    // Meta counts UTF-16 code units, as JavaScript's length does.
    if (title.length > OPTIN_TITLE_MAX)
      errors.push({
        field: "title",
        code: "too_long",
        message: `The title is ${title.length} characters; Meta allows at most ${OPTIN_TITLE_MAX}.`,
      });
    if (FORBIDDEN.test(title))
      errors.push({ field: "title", code: "control_character", message: "The title contains an invisible character." });
  }
  if (wording.imageUrl !== undefined && !isHttpsUrl(wording.imageUrl)) {
    errors.push({ field: "imageUrl", code: "image_url", message: "The image must be an https:// URL." });
  }
  return { ok: errors.length === 0, errors };
}

function isHttpsUrl(value: string): boolean {
  if (value.length > 2000) return false;
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}

/** Payload we put on the request; Meta echoes it in messaging_optins, which tells us which moment worked. */
export const OPTIN_PAYLOAD_PREFIX = "OPTIN:";

export function optinPayload(source: string): string {
  return `${OPTIN_PAYLOAD_PREFIX}${source}`;
}

export function sourceFromOptinPayload(payload: string | null | undefined): string | null {
  if (!payload?.startsWith(OPTIN_PAYLOAD_PREFIX)) return null;
  const source = payload.slice(OPTIN_PAYLOAD_PREFIX.length);
  return /^[a-z0-9_]{1,40}$/.test(source) ? source : null;
}

/** The opt-in request as queued content. Pure. */
export function optinRequestContent(params: {
  wording: OptinWording;
  source: string;
  timezone: string | null;
}): OutboundContent {
  const { wording } = params;
  const payload: NotificationMessagesTemplate = {
    template_type: "notification_messages",
    title: wording.title,
    payload: optinPayload(params.source),
    notification_messages_cta_text: wording.ctaText,
    ...(wording.imageUrl ? { image_url: wording.imageUrl } : {}),
    ...(params.timezone ? { notification_messages_timezone: params.timezone } : {}),
  };
  return {
    message: { attachment: { type: "template", payload } },
    textParts: [wording.title, OPTIN_CTA_LABELS[wording.ctaText]],
  };
}
