import type { Deps } from "../deps.js";
import { applyTemplateStatus } from "./apply-template-status.js";

/**
 * Reads the Page's templates from GET /{page-id}/message_templates and applies their status, for when the
 * message_template_status_update webhook does not come: its Messenger payload shape is unverified (spec
 * messenger-platform.md, Update 2026-12), and a missed webhook would leave a template PENDING forever.
 * Returns how many stored templates changed.
 */
export async function pollTemplateStatuses(
  deps: Pick<Deps, "db" | "graph" | "cipher">,
  pageId: string,
): Promise<number> {
  const page = await deps.db.pageConnection.findUnique({ where: { pageId } });
  if (!page || page.status !== "active") return 0;
  const rows = await deps.db.utilityTemplate.findMany({ where: { pageId, status: { not: "draft" } } });
  if (rows.length === 0) return 0;
  const remote = await deps.graph.listMessageTemplates(pageId, deps.cipher.decrypt(page.tokenCiphertext));
  let changed = 0;
  for (const row of rows) {
    // The id tells the current version from a deleted one that may still be listed under the same name.
    const found = remote.data.find(
      (t) => t.name === row.name && t.language === row.language && (!row.metaTemplateId || t.id === row.metaTemplateId),
    );
    if (!found || found.status.toUpperCase() === row.status) continue;
    const reason = (found as { rejected_reason?: unknown }).rejected_reason;
    const applied = await applyTemplateStatus(deps.db, {
      pageId,
      name: row.name,
      language: row.language,
      event: found.status,
      reason: typeof reason === "string" ? reason : null,
    });
    if (applied) changed++;
  }
  return changed;
}
