import type { DbTx, PrismaClient } from "../db/open-database.js";
import type { Deps } from "../deps.js";
import { enqueue } from "../jobs/enqueue.js";
import type { JobHandler } from "../jobs/worker.js";
import { ensureUtilityTemplates } from "./ensure-utility-templates.js";
import { pollTemplateStatuses } from "./poll-template-status.js";

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

/**
 * Utility templates carry the merchant's wording and cannot be edited: after a wording change every active Page of
 * the shop checks its templates again, and the changed ones are deleted and created anew.
 */
export async function enqueueEnsureTemplatesForShop(
  tx: DbTx | PrismaClient,
  shopId: string,
  now: Date,
  reason: string,
): Promise<void> {
  const pages = await tx.pageConnection.findMany({ where: { shopId, status: "active" }, select: { pageId: true } });
  for (const page of pages) await enqueueEnsureTemplates(tx, page.pageId, now, reason);
}

export function ensureTemplatesJob(deps: Deps): JobHandler {
  return async (job) => {
    const { pageId } = job.payload as { pageId?: unknown };
    if (typeof pageId !== "string") return { status: "dead", error: "payload.pageId missing" };
    await ensureUtilityTemplates(deps, pageId);
    return { status: "done" };
  };
}

export const TEMPLATES_POLL_JOB_KIND = "templates.poll";
/** The template-status webhook is the fast path; polling bounds how long a missed one leaves a template waiting. */
export const TEMPLATES_POLL_INTERVAL_MS = 15 * 60 * 1000;

/** One poll round per interval across all instances (the dedupe key is the interval's start). */
export async function scheduleTemplatePoll(deps: Pick<Deps, "db" | "clock">): Promise<void> {
  const now = deps.clock.now();
  const slot = Math.floor(now.getTime() / TEMPLATES_POLL_INTERVAL_MS) * TEMPLATES_POLL_INTERVAL_MS;
  await enqueue(
    deps.db,
    { kind: TEMPLATES_POLL_JOB_KIND, dedupeKey: `templates.poll:${slot}`, payload: { slot }, maxAttempts: 3 },
    now,
  );
}

/**
 * Every active Page, each round: its templates are checked against what the app needs now (a deploy that changed
 * them, or a new base URL, gets them deleted and created again through the serialized templates.ensure job), and
 * their status is read from Meta. One Page's failure does not stop the round.
 */
export function pollTemplatesJob(deps: Deps): JobHandler {
  return async (job, { logger }) => {
    const pages = await deps.db.pageConnection.findMany({ where: { status: "active" }, select: { pageId: true } });
    const now = deps.clock.now();
    let changed = 0;
    let failed = 0;
    for (const { pageId } of pages) {
      try {
        await enqueueEnsureTemplates(deps.db, pageId, now, `poll:${job.id}`);
        changed += await pollTemplateStatuses(deps, pageId);
      } catch (error) {
        failed++;
        logger.warn({ pageId, err: error instanceof Error ? error.message : String(error) }, "template poll failed");
      }
    }
    logger.info({ pages: pages.length, changed, failed }, "template status poll done");
  };
}
