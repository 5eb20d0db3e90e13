import { Router } from "express";
import type { Deps } from "../deps.js";

/** Every message the app meant to send about one order: what, to which thread, how it went out or why not. */
export function orderTimelineRoutes(deps: Deps): Router {
  const router = Router();
  router.get("/orders/:orderId/timeline", async (req, res) => {
    const orderId = String(req.params.orderId);
    if (!/^\d{1,20}$/.test(orderId)) return void res.status(400).json({ error: "invalid_order_id" });
    const shop = await deps.db.shop.findUnique({
      where: { domain: res.locals.shopify.session.shop },
      select: { id: true },
    });
    if (!shop) return void res.status(404).json({ error: "shop_not_installed" });
    const rows = await deps.db.outboundMessage.findMany({
      where: { shopId: shop.id, orderId },
      orderBy: { id: "asc" },
    });
    res.json({
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
    });
  });
  return router;
}
