import type { Deps } from "../deps.js";
import type { MessengerEvent } from "../messenger/webhook/messenger-event.js";
import { applyTemplateStatus } from "../templates/apply-template-status.js";

/** Meta's template-status webhook → our utility template row; the policy only uses APPROVED ones. */
export async function recordTemplateStatus(
  deps: Deps,
  event: Extract<MessengerEvent, { kind: "template_status" }>,
): Promise<void> {
  if (!event.templateName || !event.language || !event.event) return;
  await applyTemplateStatus(deps.db, {
    pageId: event.pageId,
    name: event.templateName,
    language: event.language,
    event: event.event,
    reason: event.reason ?? null,
  });
}
