import type { PrismaClient } from "../db/open-database.js";
import { RULES } from "../policy/rules.js";

/**
 * Meta's error 10 / 1893063 "Page temporarily restricted from sending" (changelog 2026-06-25): unlike error 190 the
 * connection is fine, so the Page stays active and its sends wait until `until`; the admin shows why. A later
 * restriction only ever extends the wait.
 */
export async function restrictPageSends(
  db: Pick<PrismaClient, "pageConnection">,
  pageId: string,
  until: Date,
): Promise<void> {
  await db.pageConnection.updateMany({
    where: { pageId, OR: [{ sendsPausedUntil: null }, { sendsPausedUntil: { lt: until } }] },
    data: { sendsPausedUntil: until, sendsPausedReason: RULES.page_temporarily_restricted.reason },
  });
}

/** After a send went through again: the restriction is over, and the admin no longer shows it. */
export async function clearPageRestriction(
  db: Pick<PrismaClient, "pageConnection">,
  pageId: string,
  now: Date,
): Promise<void> {
  await db.pageConnection.updateMany({
    where: { pageId, sendsPausedUntil: { lte: now } },
    data: { sendsPausedUntil: null, sendsPausedReason: null },
  });
}
