import type { DbTx, PrismaClient } from "../db/open-database.js";
import type { Deps } from "../deps.js";
import { enqueue } from "../jobs/enqueue.js";
import type { JobHandler } from "../jobs/worker.js";
import { ensureUtilityTemplates } from "./ensure-utility-templates.js";

export const TEMPLATES_ENSURE_JOB_KIND = "templates.ensure";

/**
 * Asks for the Page's utility templates to be created (call it in the transaction that connects the Page).
 * `reason` makes the dedupe key, so a later wording change can ask again.
 */
export async function enqueueEnsureTemplates(
  tx: DbTx | PrismaClient,
  pageId: string,
  now: Date,
  reason = "connected",
): Promise<number> {
  return enqueue(
    tx,
    {
      kind: TEMPLATES_ENSURE_JOB_KIND,
      dedupeKey: `templates.ensure:${pageId}:${reason}:${now.getTime()}`,
      payload: { pageId },
      queueKey: `templates:${pageId}`,
    },
    now,
  );
}

export function ensureTemplatesJob(deps: Deps): JobHandler {
  return async (job) => {
    const { pageId } = job.payload as { pageId?: unknown };
    if (typeof pageId !== "string") return { status: "dead", error: "payload.pageId missing" };
    await ensureUtilityTemplates(deps, pageId);
    return { status: "done" };
  };
}
