import { allow, skip } from "./decision-builders.js";
import { OPTIN_TITLE_REPEAT_MS, elapsedMs } from "./messaging-window.js";
import type { OptinRequestFacts, SendDecision } from "./send-request.js";

/**
 * The notification_messages opt-in request, once the 24 h window is known to be open. Meta allows one request per
 * title per person per week; on top of that a shopper who ignored or declined the last request is not asked again
 * until the merchant's cool-down has passed, so "no" is not met with the same question at every message.
 */
export function decideOptinRequest(facts: OptinRequestFacts | null, now: Date): SendDecision {
  if (facts === null) {
    return skip(
      "optin_request_cooldown",
      "optin_history_unknown",
      "The shopper's opt-in history could not be read, so no request is sent.",
    );
  }
  if (facts.alreadySubscribed) {
    return skip(
      "optin_request_not_subscribed",
      "optin_already_subscribed",
      "The shopper already receives marketing messages; there is nothing to ask.",
    );
  }
  const sameTitle = elapsedMs(facts.sameTitleRequestedAt, now);
  if (sameTitle !== null && sameTitle < OPTIN_TITLE_REPEAT_MS) {
    return skip(
      "optin_request_weekly_title",
      "optin_title_weekly",
      "Meta allows one opt-in request with the same title per shopper per week.",
    );
  }
  const sinceRequest = elapsedMs(facts.lastRequestedAt, now);
  const answered =
    facts.lastRequestedAt !== null &&
    facts.lastOptedInAt !== null &&
    facts.lastOptedInAt.getTime() >= facts.lastRequestedAt.getTime();
  if (sinceRequest !== null && !answered && sinceRequest < facts.cooldownMs) {
    return skip(
      "optin_request_cooldown",
      "optin_cooldown",
      "The shopper did not accept the last opt-in request, and the cool-down has not passed yet.",
    );
  }
  const sinceDeclined = elapsedMs(facts.lastDeclinedAt, now);
  if (sinceDeclined !== null && sinceDeclined < facts.cooldownMs) {
    return skip(
      "optin_request_cooldown",
      "optin_cooldown",
      "The shopper stopped marketing messages recently, and the cool-down has not passed yet.",
    );
  }
  return allow(
    "optin_request_inside_window",
    { kind: "standard", messagingType: "UPDATE" },
    "Opt-in request sent while the 24-hour window is open.",
  );
}
