import type { Deps } from "../deps.js";
import { findShopId } from "../shopify/shop-lookup.js";

export interface OrderTimelineEntry {
  id: string;
  purpose: string;
  event: string;
  pageId: string;
  status: string;
  transport: string | null;
  reasonCode: string | null;
  reason: string | null;
  rule: string | null;
  lastError: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  sentAt: Date | null;
}

export type OrderTimelineResult =
  | { ok: true; orderId: string; messages: OrderTimelineEntry[] }
  | { ok: false; error: "shop_not_installed" };

/** Every message the app meant to send about one order: what, to which thread, how it went out or why not. */
export async function readOrderTimeline(
  deps: Pick<Deps, "db">,
  shopDomain: string,
  orderId: string,
): Promise<OrderTimelineResult> {
  const shopId = await findShopId(deps.db, shopDomain);
  if (!shopId) return { ok: false, error: "shop_not_installed" };
  const rows = await deps.db.outboundMessage.findMany({ where: { shopId, orderId }, orderBy: { id: "asc" } });
  return {
    ok: true,
    orderId,
    messages: rows.map((m) => ({
      id: m.id.toString(),
      purpose: m.purpose,
      event: m.purpose.replace(/^order\./, ""),
      pageId: m.pageId,
      status: m.status,
      transport: m.transport,
      reasonCode: m.reasonCode,
      reason: m.reason,
      rule: m.rule,
      lastError: m.lastError,
      createdAt: m.createdAt,
      decidedAt: m.decidedAt,
      sentAt: m.sentAt,
    })),
  };
}
