import type { Deps } from "../deps.js";
import type { MessengerEvent } from "../messenger/webhook/messenger-event.js";

const KNOWN_STATUSES = new Set(["APPROVED", "REJECTED", "PENDING", "PAUSED", "DISABLED"]);

/** Applies Meta's template-status webhook to our utility template row; the policy only uses APPROVED ones. */
export async function recordTemplateStatus(deps: Deps, event: Extract<MessengerEvent, { kind: "template_status" }>): Promise<void> {
  const status = String(event.event ?? "").toUpperCase();
  if (!KNOWN_STATUSES.has(status) || !event.templateName || !event.language) return;
  await deps.db.utilityTemplate.updateMany({
    where: { pageId: event.pageId, name: event.templateName, language: event.language },
    data: { status, rejectionReason: status === "REJECTED" ? (event.reason ?? "rejected") : null, updatedAt: deps.clock.now() },
  });
}
