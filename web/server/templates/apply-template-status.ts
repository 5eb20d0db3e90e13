import type { PrismaClient } from "../db/open-database.js";

export const TEMPLATE_STATUSES = ["PENDING", "APPROVED", "REJECTED", "PAUSED", "DISABLED"] as const;

/**
 * Applies a template-status webhook (message_template_status_update) to the stored template. The policy
 * sends only APPROVED ones; a rejection keeps Meta's reason for the merchant. Returns false for a template
 * the app does not know (another app's, or already redacted).
 */
export async function applyTemplateStatus(
  db: PrismaClient,
  input: { pageId: string; name: string; language: string; event: string; reason?: string | null },
): Promise<boolean> {
  const status = input.event.toUpperCase();
  if (!(TEMPLATE_STATUSES as readonly string[]).includes(status)) return false;
  const reason = input.reason && input.reason.toUpperCase() !== "NONE" ? input.reason.slice(0, 500) : null;
  const r = await db.utilityTemplate.updateMany({
    where: { pageId: input.pageId, name: input.name, language: input.language },
    data: { status, rejectionReason: status === "REJECTED" ? reason : null },
  });
  return r.count > 0;
}
