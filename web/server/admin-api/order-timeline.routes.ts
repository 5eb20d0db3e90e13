import { Router } from "express";
import type { Deps } from "../deps.js";
import { readOrderTimeline } from "../orders/order-timeline.js";

/** GET /api/orders/:orderId/timeline: the per-order record of what was sent and why not. */
export function orderTimelineRoutes(deps: Deps): Router {
  const router = Router();
  router.get("/orders/:orderId/timeline", async (req, res) => {
    const orderId = String(req.params.orderId);
    if (!/^\d{1,20}$/.test(orderId)) return void res.status(400).json({ error: "invalid_order_id" });
    const result = await readOrderTimeline(deps, res.locals.shopify.session.shop, orderId);
    if (!result.ok) return void res.status(404).json({ error: result.error });
    res.json({ orderId: result.orderId, messages: result.messages });
  });
  return router;
}
