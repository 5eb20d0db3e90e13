import express, { Router, type NextFunction, type Request, type Response } from "express";
import type { Deps } from "../deps.js";
import { createRequestLimiter } from "../storefront/client-rate-limit.js";
import { extCors } from "./ext-cors.js";
import { issueOrderLink } from "./issue-order-link.js";
import { orderLinkRequestSchema } from "./order-link-request.js";
import { verifyExtensionToken } from "./verify-extension-token.js";

// A buyer taps the button once or twice; more than this from one client is a script.
const PER_CLIENT_PER_MINUTE = 10;
const PER_SHOP_PER_MINUTE = 600;

/**
 * /ext/* for checkout and customer-account UI extensions (shopify-platform.md section 5). Authenticated by
 * the extension's session token only; the shop comes from the token, never from the request.
 */
export function extRouter(deps: Deps): Router {
  const router = Router();
  const limiter = createRequestLimiter(60_000);
  router.use(extCors());
  router.use(express.json({ limit: "4kb" }));

  router.post("/order-link", async (req, res) => {
    const log = res.locals.log ?? deps.logger;
    const bearer = /^Bearer ([^\s]+)$/.exec(req.get("authorization") ?? "")?.[1];
    const token = verifyExtensionToken(bearer, {
      apiKey: deps.config.shopify.apiKey,
      secret: deps.config.shopify.apiSecret,
      now: deps.clock.now(),
    });
    if (!token.ok) {
      log.warn({ reason: token.reason }, "extension token refused");
      res.status(401).json({ error: "unauthorized" });
      return;
    }
    // A logged-in buyer is counted as themself; a guest by address (TRUST_PROXY decides what req.ip is).
    const { shop, customerId } = token.session;
    const client = customerId ? `${shop}:customer:${customerId}` : `${shop}:ip:${req.ip ?? "unknown"}`;
    const now = deps.clock.now().getTime();
    // The client first: a request it may not make must not use up the shop's allowance, or one client
    // hammering the endpoint would lock every other buyer of the shop out.
    if (
      !limiter.allow(client, PER_CLIENT_PER_MINUTE, now) ||
      !limiter.allow(`shop:${shop}`, PER_SHOP_PER_MINUTE, now)
    ) {
      log.warn({ shop }, "order link rate-limited");
      res.setHeader("Retry-After", "60");
      res.status(429).json({ error: "too_many_requests", message: "Too many requests; try again in a minute." });
      return;
    }
    const body = orderLinkRequestSchema.safeParse(req.body);
    if (!body.success) {
      res
        .status(400)
        .json({ error: "bad_request", issues: body.error.issues.map((i) => i.path.join(".") || i.message) });
      return;
    }
    const result = await issueOrderLink(deps, token.session, body.data);
    const context = { shop: token.session.shop, orderId: body.data.orderId, entryPoint: body.data.entryPoint };
    if (!result.ok) {
      log.warn({ ...context, error: result.error }, "order link refused");
      res.status(result.status).json({ error: result.error, message: result.message });
      return;
    }
    log.info(
      { ...context, orderKnown: result.orderKnown, loggedIn: token.session.customerId !== undefined },
      "order link issued",
    );
    res.setHeader("Cache-Control", "no-store");
    res.json({ url: result.url });
  });

  router.use((_req: Request, res: Response) => {
    res.status(404).json({ error: "not_found" });
  });
  // Body-parser errors (bad JSON, too large) still leave with the CORS headers set above.
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const status = (error as { status?: unknown })?.status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      res.status(status).json({ error: status === 413 ? "payload_too_large" : "bad_request" });
      return;
    }
    next(error);
  });
  return router;
}
