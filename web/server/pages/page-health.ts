import type { PrismaClient } from "../db/open-database.js";
import type { Deps } from "../deps.js";
import { enqueueBubbleSync } from "../storefront/bubble-metafields.js";
import { PAGE_FIELDS } from "./connect-page.js";
import type { PageGraphCalls } from "./page-graph-calls.js";

/**
 * Marks a Page's connection broken after Graph error 190 (password changed, role lost, app removed): no more
 * sends until the merchant reconnects, and the admin shows why (spec §8.1, §10.3; peers-lessons §5.5).
 * Only an active Page is paused, so a later 190 neither revives a revoked Page nor moves authErrorAt.
 * Returns whether this call paused it.
 */
export async function pausePage(
  db: Pick<PrismaClient, "pageConnection">,
  pageId: string,
  reason: string,
  now: Date,
): Promise<boolean> {
  const { count } = await db.pageConnection.updateMany({
    where: { pageId, status: "active" },
    data: { status: "paused", statusReason: reason.slice(0, 500), authErrorAt: now },
  });
  return count > 0;
}

export type ResubscribeOutcome = "subscribed" | "resubscribed" | "not_active";

/**
 * Meta unsubscribes the app from a Page after an hour of failed webhook deliveries (spec §6), and nothing
 * tells us except the silence. Checks GET /{page-id}/subscribed_apps and subscribes again when our app
 * is missing or lacks a field. https://developers.facebook.com/docs/messenger-platform/webhooks#subscribe
 */
export async function resubscribeIfNeeded(
  deps: Pick<Deps, "db" | "cipher" | "graph" | "clock" | "logger" | "config">,
  pageId: string,
): Promise<ResubscribeOutcome> {
  const page = await deps.db.pageConnection.findUnique({ where: { pageId } });
  if (!page || page.status !== "active" || !page.tokenCiphertext) return "not_active";
  const token = deps.cipher.decrypt(page.tokenCiphertext);
  const apps = await deps.graph.getSubscribedApps(pageId, token);
  const ours = apps.data.find((app) => app.id === deps.config.meta.appId);
  if (ours && PAGE_FIELDS.every((field) => ours.subscribed_fields.includes(field))) return "subscribed";
  await deps.graph.subscribeApp(pageId, token, PAGE_FIELDS);
  await deps.db.pageConnection.update({ where: { pageId }, data: { subscribedAt: deps.clock.now() } });
  deps.logger.warn({ pageId }, "app was unsubscribed from the Page; subscribed again");
  return "resubscribed";
}

/**
 * A Page renamed on Facebook (name or @username): the app's copy follows, and a new username goes to the
 * bubble's metafield, so the storefront never opens an m.me link that stopped working. Returns whether it changed.
 */
export async function refreshPageProfile(
  deps: Pick<Deps, "db" | "cipher" | "clock" | "logger"> & { pageGraph: PageGraphCalls },
  pageId: string,
): Promise<boolean> {
  const page = await deps.db.pageConnection.findUnique({ where: { pageId } });
  if (!page || page.status !== "active" || !page.tokenCiphertext) return false;
  const profile = await deps.pageGraph.pageProfile(pageId, deps.cipher.decrypt(page.tokenCiphertext));
  const username = profile.username ?? null;
  if (profile.name === page.pageName && username === page.pageUsername) return false;
  await deps.db.$transaction(async (tx) => {
    await tx.pageConnection.update({ where: { pageId }, data: { pageName: profile.name, pageUsername: username } });
    if (username !== page.pageUsername) await enqueueBubbleSync(tx, page.shopId, deps.clock.now(), "rename");
  });
  deps.logger.info({ pageId, usernameChanged: username !== page.pageUsername }, "page renamed on Facebook");
  return true;
}
