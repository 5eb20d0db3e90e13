import { Router } from "express";
import { z } from "zod";
import type { Deps } from "../deps.js";
import { buildMeLink, entryPointRef, isValidPageHandle } from "../linking/m-me-link.js";
import { createRef } from "../linking/signed-ref.js";
import { createRequestLimiter } from "./client-rate-limit.js";
import { verifyAppProxySignature } from "./verify-proxy-signature.js";

/** Long enough to open Messenger and tap Get Started; short enough that a leaked link dies soon. */
export const CUSTOMER_REF_TTL_SECONDS = 10 * 60;
const PER_CLIENT_PER_MINUTE = 20;
const PER_SHOP_PER_MINUTE = 1_200;

const querySchema = z.object({
  ep: z.enum(["bubble", "order_status", "packaging", "social"]).default("bubble"),
  redirect: z.enum(["0", "1"]).optional(),
});

/**
 * GET /proxy/link, reached through the shop's app proxy (/apps/messenger/link). Shopify signs the query
 * and adds logged_in_customer_id; only that verified id goes into the ref. The answer is JSON (never
 * Liquid, so nothing from the request is ever rendered by the theme).
 * https://shopify.dev/docs/apps/build/online-store/app-proxies/authenticate-app-proxies
 */
export function appProxyRouter(deps: Deps): Router {
  const router = Router();
  const limiter = createRequestLimiter(60_000);
  router.get("/link", async (req, res) => {
    res.setHeader("cache-control", "no-store");
    const rawQuery = req.originalUrl.includes("?") ? req.originalUrl.slice(req.originalUrl.indexOf("?") + 1) : "";
    const now = deps.clock.now();
    const verified = verifyAppProxySignature(rawQuery, deps.config.shopify.apiSecret, now);
    if (!verified.ok) {
      res.locals.log.warn({ reason: verified.reason }, "app proxy request refused");
      res.status(401).json({ error: "invalid_signature" });
      return;
    }
    const client = `${verified.shop}:${verified.loggedInCustomerId ?? req.ip ?? "unknown"}`;
    if (
      !limiter.allow(`shop:${verified.shop}`, PER_SHOP_PER_MINUTE, now.getTime()) ||
      !limiter.allow(client, PER_CLIENT_PER_MINUTE, now.getTime())
    ) {
      res.status(429).json({ error: "too_many_requests" });
      return;
    }
    const query = querySchema.safeParse(verified.params);
    if (!query.success) {
      res.status(400).json({ error: "invalid_query" });
      return;
    }
    const shop = await deps.db.shop.findUnique({
      where: { domain: verified.shop },
      select: { uninstalledAt: true, pages: { where: { status: "active" }, orderBy: { createdAt: "asc" }, take: 1 } },
    });
    const page = shop && !shop.uninstalledAt ? shop.pages[0] : undefined;
    if (!page) {
      res.status(404).json({ error: "messenger_not_connected" });
      return;
    }
    const handle = page.pageUsername && isValidPageHandle(page.pageUsername) ? page.pageUsername : page.pageId;
    const ref = verified.loggedInCustomerId
      ? createRef({
          keyring: deps.config.refKeys,
          now,
          ttlSeconds: CUSTOMER_REF_TTL_SECONDS,
          claims: {
            shop: verified.shop,
            kind: "customer",
            customerId: verified.loggedInCustomerId,
            entryPoint: query.data.ep,
            pageId: page.pageId,
          },
        })
      : entryPointRef(query.data.ep);
    const url = buildMeLink(handle, ref, deps.config.meta.linkBase);
    res.locals.log.info(
      { shop: verified.shop, entryPoint: query.data.ep, authenticated: Boolean(verified.loggedInCustomerId) },
      "m.me link issued",
    );
    if (query.data.redirect === "1") {
      res.redirect(302, url);
      return;
    }
    res.json({ url });
  });
  return router;
}
