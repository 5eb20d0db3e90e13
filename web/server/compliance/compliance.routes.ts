import { Router } from "express";
import type { Deps } from "../deps.js";
import { listDataRequests } from "./compliance-requests-store.js";

/** The customers/data_request exports for the merchant to hand over (newest first). */
export function complianceRoutes(deps: Deps): Router {
  const router = Router();
  router.get("/compliance/requests", async (_req, res) => {
    const shop = await deps.db.shop.findUnique({
      where: { domain: res.locals.shopify.session.shop },
      select: { settings: true },
    });
    res.json({ requests: shop ? listDataRequests(shop.settings) : [] });
  });
  return router;
}
