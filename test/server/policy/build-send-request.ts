import type { OptinRequestFacts, SendRequest, UtilityTemplateFacts } from "../../../web/server/policy/send-request.js";

export const NOW = new Date("2026-07-01T12:00:00.000Z");
export const HOUR = 3_600_000;
export const ago = (ms: number): Date => new Date(NOW.getTime() - ms);

export const approvedTemplate: UtilityTemplateFacts = { name: "order_shipped", language: "en_US", status: "APPROVED" };

/** A shopper never asked for marketing consent, with a 30-day cool-down. */
export const NEVER_ASKED: OptinRequestFacts = {
  alreadySubscribed: false,
  lastRequestedAt: null,
  lastOptedInAt: null,
  lastDeclinedAt: null,
  sameTitleRequestedAt: null,
  cooldownMs: 30 * 24 * HOUR,
};

/** A reachable shopper on an active Page who wrote an hour ago; override what the case is about. */
export function buildSendRequest(overrides: Partial<SendRequest> = {}): SendRequest {
  return {
    category: "reply",
    now: NOW,
    lastUserInteractionAt: ago(HOUR),
    recipientState: "reachable",
    pageStatus: "active",
    humanAuthor: false,
    utilityTemplate: null,
    marketing: null,
    optinRequest: NEVER_ASKED,
    textParts: ["Your order #1001 has shipped."],
    ...overrides,
  };
}
