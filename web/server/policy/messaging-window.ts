/** Time windows of Meta's messaging policy, in milliseconds. Pure: `now` always comes in as a parameter. */

const HOUR_MS = 60 * 60 * 1000;

// Standard window: any message may be sent within 24 h of the person's last interaction.
// https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages (Updated 2026-05-05)
export const STANDARD_WINDOW_MS = 24 * HOUR_MS;

// HUMAN_AGENT tag: a person may reply manually within 7 days of the user's last message.
// https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages (message tags, 2026-05-05)
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;

// Marketing Messages API: at most one marketing message per 12 h per subscription token (error 2300052 otherwise).
// https://developers.facebook.com/documentation/business-messaging/messenger-platform/marketing-messages-on-messenger/send-messages (2026-06-30)
export const MARKETING_TOKEN_GAP_MS = 12 * HOUR_MS;

// Opt-in requests: one request per title, per person, per week (Recurring Notifications doc, notification_messages
// template, "title"). https://developers.facebook.com/docs/messenger-platform/send-messages/recurring-notifications
export const OPTIN_TITLE_REPEAT_MS = 7 * 24 * HOUR_MS;

/** Milliseconds since `since`, or null if there never was such a moment. */
export function elapsedMs(since: Date | null, now: Date): number | null {
  if (since === null) return null;
  return now.getTime() - since.getTime();
}

/**
 * True while fewer than `windowMs` have passed since the last interaction.
 * Exactly `windowMs` later the window is closed: Meta counts "within 24 hours", so the boundary itself is outside.
 * A last interaction slightly in the future (Meta's clock ahead of ours) counts as inside: the user did just act.
 */
export function isWithinWindow(
  lastInteractionAt: Date | null,
  now: Date,
  windowMs: number = STANDARD_WINDOW_MS,
): boolean {
  const elapsed = elapsedMs(lastInteractionAt, now);
  if (elapsed === null || Number.isNaN(elapsed)) return false;
  return elapsed < windowMs;
}
