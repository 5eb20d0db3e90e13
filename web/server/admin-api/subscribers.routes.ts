import { Router } from "express";
import { z } from "zod";
import type { Deps } from "../deps.js";
import {
  InvalidCursorError,
  MARKETING_FILTERS,
  listSubscribers,
  subscriberDetail,
  unlinkFromAdmin,
} from "../marketing/subscribers.js";

const listQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    /** Marketing status filter. */
    marketing: z.enum(MARKETING_FILTERS).optional(),
    /** nextCursor of the previous page (opaque, signed for the shop). */
    cursor: z.string().min(1).max(200).optional(),
  })
  .strict();

/**
 * Subscribers: GET /subscribers (filter by marketing status, keyset pages), GET /subscribers/:id (consent history),
 * DELETE /links/:linkId (unlink from the admin, which also stops marketing consent given in that thread).
 */
export function subscribersRoutes(deps: Deps): Router {
  const router = Router();

  router.get("/subscribers", async (req, res) => {
    const query = listQuery.safeParse(req.query);
    if (!query.success) return void res.status(400).json({ error: "invalid_query" });
    const shop = await shopOf(deps, res.locals.shopify.session.shop);
    if (!shop) return void res.json({ subscribers: [], nextCursor: null });
    try {
      res.json(await listSubscribers(deps, shop, query.data));
    } catch (error) {
      if (!(error instanceof InvalidCursorError)) throw error;
      res.status(400).json({ error: "invalid_cursor", message: "This cursor was not issued for this shop." });
    }
  });

  router.get("/subscribers/:id", async (req, res) => {
    const id = z.uuid().safeParse(req.params.id);
    const shop = await shopOf(deps, res.locals.shopify.session.shop);
    const detail = id.success && shop ? await subscriberDetail(deps, shop, id.data) : undefined;
    if (!detail) return void res.status(404).json({ error: "subscriber_not_found" });
    res.json(detail);
  });

  router.delete("/links/:linkId", async (req, res) => {
    const linkId = z.uuid().safeParse(req.params.linkId);
    const shop = await shopOf(deps, res.locals.shopify.session.shop);
    if (!linkId.success || !shop || !(await unlinkFromAdmin(deps, shop.id, linkId.data))) {
      res.status(404).json({ error: "link_not_found" });
      return;
    }
    res.status(204).end();
  });
  return router;
}

function shopOf(deps: Deps, domain: string) {
  return deps.db.shop.findUnique({ where: { domain }, select: { id: true, settings: true } });
}
