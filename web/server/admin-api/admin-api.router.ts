import express, { Router } from "express";
import type { Deps } from "../deps.js";
import { conversationsRoutes } from "./conversations.routes.js";
import { subscribersRoutes } from "./subscribers.routes.js";
import { pagesRouter } from "../pages/pages.router.js";
import { growthRouter } from "../growth/growth.router.js";
import { notificationsRoutes } from "./notifications.routes.js";
import { marketingRoutes } from "./marketing.routes.js";
import { orderTimelineRoutes } from "./order-timeline.routes.js";
import { complianceRoutes } from "../compliance/compliance.routes.js";
import { shopDisplayName } from "../shopify/shop-display-name.js";

/**
 * /api/* for the embedded admin. Every route needs a valid Shopify session token (App Bridge sends it
 * as a Bearer token); the shop comes from the verified session, never from the request.
 */
export function adminApiRouter(deps: Deps): Router {
  const router = Router();
  router.use(deps.shopify.validateAuthenticatedSession());
  router.use(express.json({ limit: "256kb" }));
  router.use("/pages", pagesRouter(deps));
  router.use(conversationsRoutes(deps));
  router.use(subscribersRoutes(deps));
  router.use(growthRouter(deps));
  router.use(notificationsRoutes(deps));
  router.use(marketingRoutes(deps));
  router.use(orderTimelineRoutes(deps));
  router.use(complianceRoutes(deps));
  router.get("/shop", async (_req, res) => {
    const session = res.locals.shopify.session;
    const shop = await deps.db.shop.findUnique({
      where: { domain: session.shop },
      select: {
        domain: true,
        name: true,
        currencyCode: true,
        ianaTimezone: true,
        countryCode: true,
        primaryLocale: true,
        installedAt: true,
        reauthRequiredAt: true,
        reauthReason: true,
        pages: { select: { pageId: true, pageName: true, status: true } },
      },
    });
    const domain = shop?.domain ?? session.shop;
    res.json({ shop: { ...(shop ?? { domain, pages: [] }), displayName: shopDisplayName(domain, shop?.name) } });
  });
  return router;
}
