import type { DbTx, PrismaClient } from "../db/open-database.js";
import { pageMarketingCapacity, type PageMarketingCapacity } from "../policy/page-marketing-caps.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Counts for Meta's Page-level caps: organic threads are threads where the shopper acted (message, postback,
 * referral, reaction: conversation.last_interaction_at) within the window; marketing messages are the Page's sent
 * messages of category "marketing" in the same window.
 */
export async function pageCapacity(db: DbTx | PrismaClient, pageId: string, now: Date): Promise<PageMarketingCapacity> {
  const day = new Date(now.getTime() - DAY_MS);
  const week = new Date(now.getTime() - 7 * DAY_MS);
  const threads = (since: Date) => db.conversation.count({ where: { pageId, lastInteractionAt: { gt: since } } });
  const marketing = (since: Date) =>
    db.outboundMessage.count({ where: { pageId, category: "marketing", status: "sent", sentAt: { gt: since } } });
  const [organicThreadsDay, organicThreadsWeek, marketingSentDay, marketingSentWeek] = await Promise.all([
    threads(day),
    threads(week),
    marketing(day),
    marketing(week),
  ]);
  return pageMarketingCapacity({ organicThreadsDay, organicThreadsWeek, marketingSentDay, marketingSentWeek });
}
