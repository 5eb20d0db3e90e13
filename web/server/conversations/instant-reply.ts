import type { OutboundContent } from "../messaging/outbound-content.js";

/** How long after our last automatic reply a new shopper message gets another one. */
export const INSTANT_REPLY_QUIET_MS = 12 * 60 * 60 * 1000;

export interface InstantReplySettings {
  enabled: boolean;
  text: string;
}

export const DEFAULT_INSTANT_REPLY: InstantReplySettings = {
  enabled: true,
  text: "Thanks for your message! We've received it and will get back to you here as soon as we can.",
};

export function instantReplyContent(settings: InstantReplySettings): OutboundContent {
  return { message: { text: settings.text }, textParts: [settings.text] };
}

/** Greeting after Get Started, when no linking confirmation takes its place. */
export function greetingContent(shopName: string): OutboundContent {
  const text = `Hi! You're now chatting with ${shopName}. Ask us anything, and we'll answer here.`;
  return { message: { text }, textParts: [text] };
}
