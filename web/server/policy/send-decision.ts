import { allow, skip } from "./decision-builders.js";
import { decideMarketing } from "./marketing-decision.js";
import type { MessageCategory } from "./message-category.js";
import { HUMAN_AGENT_WINDOW_MS, STANDARD_WINDOW_MS, isWithinWindow } from "./messaging-window.js";
import { decideOptinRequest } from "./optin-request-decision.js";
import { findPromotionalContent } from "./promotional-content.js";
import type { RuleId } from "./rules.js";
import type { SendDecision, SendRequest, Transport } from "./send-request.js";

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
  const decision = decideTransport(request);
  if (decision.action === "skip") return decision;
  const rule = promotionRule(request.category, decision.transport);
  const promotion = rule ? findPromotionalContent(request.textParts) : [];
  if (rule && promotion.length > 0) {
    const words = [...new Set(promotion.map((match) => `"${match.matched}"`))].join(", ");
    return skip(rule, "promotional_content", `${PROMOTION_REFUSED[rule]} (${words}).`);
  }
  return decision;
}

/**
 * Where promotion is forbidden, by whom. Inside the standard window Meta allows any content, so a reply (automatic or
 * typed by a person) may promote. Meta forbids it in utility templates and tagged (HUMAN_AGENT) messages; order updates
 * never promote by our own rule, whatever their transport.
 */
function promotionRule(category: MessageCategory, transport: Transport): PromotionRuleId | null {
  if (transport.kind === "utility_template") return "no_promotion_in_utility_templates";
  if (transport.kind === "message_tag") return "no_promotion_in_tagged_messages";
  if (category === "post_purchase_update") return "order_updates_never_promote";
  return null;
}

type PromotionRuleId = Extract<
  RuleId,
  "no_promotion_in_utility_templates" | "no_promotion_in_tagged_messages" | "order_updates_never_promote"
>;

const PROMOTION_REFUSED: Record<PromotionRuleId, string> = {
  no_promotion_in_utility_templates:
    "Meta forbids marketing in utility templates, and this one has promotional wording",
  no_promotion_in_tagged_messages:
    "After 24 hours only a HUMAN_AGENT message can go out, and Meta forbids promotion in tagged messages; this one has promotional wording",
  order_updates_never_promote: "Order updates never promote (our rule); this one has promotional wording",
};

/** The transport under the windows and templates, before any content check. */
function decideTransport(request: SendRequest): SendDecision {
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
        ? decideOptinRequest(request.optinRequest, request.now)
        : skip(
            "optin_request_inside_window",
            "window_closed",
            "The opt-in request can only be sent within 24 hours of the shopper's last message.",
          );
    case "post_purchase_update":
      return decidePostPurchase(request, inStandardWindow);
    case "human_agent_reply":
      return decideHumanAgentReply(request, inStandardWindow);
    case "marketing":
      return decideMarketing(request.marketing, request.now);
  }
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
