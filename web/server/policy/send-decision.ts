import { allow, skip } from "./decision-builders.js";
import { decideMarketing } from "./marketing-decision.js";
import type { MessageCategory } from "./message-category.js";
import { HUMAN_AGENT_WINDOW_MS, STANDARD_WINDOW_MS, isWithinWindow } from "./messaging-window.js";
import { findPromotionalContent } from "./promotional-content.js";
import type { SendDecision, SendRequest } from "./send-request.js";

/**
 * Decides whether and how a message may go out under Meta's 2026 rules. Pure and total: every request gets a decision,
 * and no path can produce the deprecated tags (MessageTag only admits HUMAN_AGENT).
 */
export function decideSend(request: SendRequest): SendDecision {
  // Error 190 or a merchant pause: sending through a broken or paused Page only piles up failures.
  if (request.pageStatus === "paused") {
    return skip("page_must_be_active", "page_paused", "The Facebook Page is paused in the app, so nothing is sent.");
  }
  if (request.pageStatus === "revoked") {
    return skip(
      "page_must_be_active",
      "page_revoked",
      "The Facebook Page connection was revoked; reconnect the Page to send again.",
    );
  }
  // Error 551: the person blocked the Page or left Messenger; no retry helps.
  if (request.recipientState !== "reachable") {
    return skip(
      "recipient_must_be_reachable",
      "recipient_unavailable",
      "The shopper can't receive messages from this Page (blocked or unavailable).",
    );
  }
  if (request.category === "marketing") return decideMarketing(request.marketing, request.now);

  const promotion = contentCheckApplies(request.category) ? findPromotionalContent(request.textParts) : [];
  if (promotion.length > 0) {
    const words = [...new Set(promotion.map((match) => `"${match.matched}"`))].join(", ");
    return skip(
      "no_promotional_content",
      "promotional_content",
      `The message contains promotional wording (${words}); promotions must be sent as marketing.`,
    );
  }

  const inStandardWindow = isWithinWindow(request.lastUserInteractionAt, request.now, STANDARD_WINDOW_MS);
  switch (request.category) {
    case "reply":
      return inStandardWindow
        ? allow(
            "standard_window",
            { kind: "standard", messagingType: "RESPONSE" },
            "Reply within 24 hours of the shopper's last message.",
          )
        : windowClosed(
            "The shopper's last message is more than 24 hours old, so an automated reply is no longer allowed.",
          );
    case "system_notice":
      return inStandardWindow
        ? allow(
            "standard_window",
            { kind: "standard", messagingType: "RESPONSE" },
            "Notice sent within 24 hours of the shopper's last action.",
          )
        : windowClosed("The shopper's last action is more than 24 hours old, so the notice can't be sent.");
    case "optin_request":
      return inStandardWindow
        ? allow(
            "optin_request_inside_window",
            { kind: "standard", messagingType: "UPDATE" },
            "Opt-in request sent while the 24-hour window is open.",
          )
        : skip(
            "optin_request_inside_window",
            "window_closed",
            "The opt-in request can only be sent within 24 hours of the shopper's last message.",
          );
    case "post_purchase_update":
      return decidePostPurchase(request, inStandardWindow);
    case "human_agent_reply":
      return decideHumanAgentReply(request, inStandardWindow);
  }
}

/**
 * The opt-in template describes the marketing it asks consent for and only goes out inside the window, where Meta
 * allows any content; marketing is promotional by definition. Everything else must not promote.
 */
function contentCheckApplies(category: Exclude<MessageCategory, "marketing">): boolean {
  return category !== "optin_request";
}

function windowClosed(reason: string): SendDecision {
  return skip("standard_window", "window_closed", reason);
}

function decidePostPurchase(request: SendRequest, inStandardWindow: boolean): SendDecision {
  if (inStandardWindow) {
    return allow(
      "standard_window",
      { kind: "standard", messagingType: "UPDATE" },
      "Order update sent within 24 hours of the shopper's last interaction.",
    );
  }
  // Outside the window the transactional tags are dead (error 100 since 2026-04-27); only an approved utility template works.
  const template = request.utilityTemplate;
  if (template === null) {
    return skip(
      "utility_template_outside_window",
      "no_approved_template",
      "More than 24 hours since the shopper's last interaction and no utility template exists for this update.",
    );
  }
  if (template.status !== "APPROVED") {
    return skip(
      "utility_template_outside_window",
      "no_approved_template",
      `More than 24 hours since the shopper's last interaction and the utility template "${template.name}" (${template.language}) is ${template.status.toLowerCase()}, not approved.`,
    );
  }
  return allow(
    "utility_template_outside_window",
    {
      kind: "utility_template",
      messagingType: "UTILITY",
      template: { name: template.name, language: template.language },
    },
    "Order update sent as an approved utility template because the 24-hour window is closed.",
  );
}

function decideHumanAgentReply(request: SendRequest, inStandardWindow: boolean): SendDecision {
  // Meta forbids HUMAN_AGENT for automated messages; only a person typing in our inbox qualifies.
  if (!request.humanAuthor) {
    return skip(
      "human_agent_tag",
      "not_human_authored",
      "Only replies typed by a person may use the human-agent path.",
    );
  }
  if (inStandardWindow) {
    return allow(
      "standard_window",
      { kind: "standard", messagingType: "RESPONSE" },
      "Reply within 24 hours of the shopper's last message.",
    );
  }
  if (isWithinWindow(request.lastUserInteractionAt, request.now, HUMAN_AGENT_WINDOW_MS)) {
    return allow(
      "human_agent_tag",
      { kind: "message_tag", messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" },
      "Reply typed by a person within 7 days of the shopper's last message (HUMAN_AGENT tag).",
    );
  }
  return skip(
    "human_agent_tag",
    "human_agent_window_closed",
    "The shopper's last message is more than 7 days old, so even a personal reply is no longer allowed.",
  );
}
