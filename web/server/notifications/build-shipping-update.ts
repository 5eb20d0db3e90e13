import type { SupportedLocale } from "./locale.js";
import type { Tracking } from "./order-facts.js";
import { DEFAULT_WORDING, trackButtonTitle } from "./wording/default-wording.js";
import { MAX_RENDERED_LENGTH } from "./wording/variables.js";

export interface UrlButton {
  type: "web_url";
  url: string;
  title: string;
}

export type ShippingUpdateMessage =
  | { attachment: { type: "template"; payload: { template_type: "button"; text: string; buttons: UrlButton[] } } }
  | { text: string };

// Button template: text ≤ 640 chars, 1–3 buttons, titles ≤ 20 chars.
// https://developers.facebook.com/docs/messenger-platform/send-messages/template/button
const MAX_BUTTONS = 3;
const MAX_TITLE = 20;

function isHttpUrl(url: string | undefined): url is string {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:";
  } catch {
    return false;
  }
}

/**
 * A shipping step as a button template: the rendered wording plus one tracking button per parcel and,
 * room permitting, the order status page. With no usable link it degrades to a plain text message,
 * because a button template needs at least one button.
 */
export function buildShippingUpdate(input: {
  text: string;
  locale: SupportedLocale;
  trackings: Tracking[];
  orderStatusUrl?: string;
}): ShippingUpdateMessage {
  const text =
    input.text.length > MAX_RENDERED_LENGTH ? `${input.text.slice(0, MAX_RENDERED_LENGTH - 1)}…` : input.text;
  const links = [...new Set(input.trackings.map((t) => t.url).filter(isHttpUrl))];
  const buttons: UrlButton[] = links.slice(0, MAX_BUTTONS).map((url, i, all) => ({
    type: "web_url",
    url,
    title: trackButtonTitle(input.locale, i, all.length).slice(0, MAX_TITLE),
  }));
  if (buttons.length < MAX_BUTTONS && isHttpUrl(input.orderStatusUrl)) {
    buttons.push({
      type: "web_url",
      url: input.orderStatusUrl,
      title: DEFAULT_WORDING[input.locale].buttons.viewOrder.slice(0, MAX_TITLE),
    });
  }
  if (buttons.length === 0) return { text };
  return { attachment: { type: "template", payload: { template_type: "button", text, buttons } } };
}
