/**
 * Meta's Page-level load caps on marketing messages (Marketing Messages changelog, since 2026-04-10): a Page is
 * blocked when its marketing messages exceed 20 % of its organic threads over 7 days (WEEKLY_MM_LOAD_CAP_REACHED)
 * or 40 % over 1 day (DAILY_MM_LOAD_CAP_REACHED). Pure: the counts come in, the capacity left goes out.
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/marketing-messages-on-messenger
 * Meta also requires a minimum of organic threads between marketing messages (MIN_ORGANIC_THREAD_NOT_REACHED)
 * without publishing the number, so that cap cannot be computed ahead; the sender must handle its error.
 */

export const WEEKLY_MM_LOAD_CAP = 0.2;
export const DAILY_MM_LOAD_CAP = 0.4;
export const PAGE_CAPS_IN_FORCE_SINCE = "2026-04-10";

export interface PageMarketingCounts {
  /** Threads of the Page with a shopper interaction in the last 24 h / 7 days. */
  readonly organicThreadsDay: number;
  readonly organicThreadsWeek: number;
  /** Marketing messages the Page sent in the last 24 h / 7 days. */
  readonly marketingSentDay: number;
  readonly marketingSentWeek: number;
}

export interface CapWindow {
  readonly organicThreads: number;
  readonly limit: number;
  readonly sent: number;
  readonly left: number;
}

export interface PageMarketingCapacity {
  readonly daily: CapWindow;
  readonly weekly: CapWindow;
  /** Marketing messages the Page can still send before either cap would block it. */
  readonly left: number;
  /** The cap already reached, as Meta names it; null while there is room. */
  readonly blockedBy: "DAILY_MM_LOAD_CAP_REACHED" | "WEEKLY_MM_LOAD_CAP_REACHED" | null;
}

export function pageMarketingCapacity(counts: PageMarketingCounts): PageMarketingCapacity {
  const daily = capWindow(counts.organicThreadsDay, counts.marketingSentDay, DAILY_MM_LOAD_CAP);
  const weekly = capWindow(counts.organicThreadsWeek, counts.marketingSentWeek, WEEKLY_MM_LOAD_CAP);
  const left = Math.min(daily.left, weekly.left);
  const blockedBy =
    weekly.left === 0 ? "WEEKLY_MM_LOAD_CAP_REACHED" : daily.left === 0 ? "DAILY_MM_LOAD_CAP_REACHED" : null;
  return { daily, weekly, left, blockedBy };
}

function capWindow(organic: number, sent: number, ratio: number): CapWindow {
  // "Exceed 20 %" blocks: sending exactly up to the share is allowed. Integer maths avoids 0.2 * 5 = 1.0000000002.
  const limit = Math.floor((Math.max(0, organic) * Math.round(ratio * 100)) / 100);
  return { organicThreads: organic, limit, sent, left: Math.max(0, limit - Math.max(0, sent)) };
}
