import type { Deps } from "../deps.js";
import { enqueue } from "../jobs/enqueue.js";
import type { JobHandler } from "../jobs/worker.js";
import { createPageGraphCalls } from "./page-graph-calls.js";
import { refreshPageProfile, resubscribeIfNeeded } from "./page-health.js";

export const PAGE_HEALTH_JOB_KIND = "pages.health";
/** Meta drops a subscription after an hour of failed deliveries; checking hourly bounds the silence. */
export const PAGE_HEALTH_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Asks for one Page-health round per interval. Every instance may call this; the dedupe key (the
 * interval's start) makes exactly one job per interval across all of them.
 */
export async function schedulePageHealth(deps: Pick<Deps, "db" | "clock">): Promise<void> {
  const now = deps.clock.now();
  const slot = Math.floor(now.getTime() / PAGE_HEALTH_INTERVAL_MS) * PAGE_HEALTH_INTERVAL_MS;
  await enqueue(
    deps.db,
    { kind: PAGE_HEALTH_JOB_KIND, dedupeKey: `pages.health:${slot}`, payload: { slot }, maxAttempts: 3 },
    now,
  );
}

/**
 * Re-subscribes the app to every active Page that lost the subscription and follows Page renames; one Page's
 * failure does not stop the round.
 */
export function pageHealthJob(deps: Deps): JobHandler {
  const pageGraph = createPageGraphCalls(deps.config.meta);
  return async (_job, { logger }) => {
    const pages = await deps.db.pageConnection.findMany({ where: { status: "active" }, select: { pageId: true } });
    let failed = 0;
    for (const { pageId } of pages) {
      try {
        const outcome = await resubscribeIfNeeded(deps, pageId);
        if (outcome === "resubscribed") logger.warn({ pageId }, "page subscription restored");
        await refreshPageProfile({ ...deps, pageGraph }, pageId);
      } catch (error) {
        failed++;
        logger.warn(
          { pageId, err: error instanceof Error ? error.message : String(error) },
          "page health check failed",
        );
      }
    }
    logger.info({ pages: pages.length, failed }, "page health round done");
  };
}
