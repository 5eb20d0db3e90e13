import express, { type Express } from "express";
import type { Deps } from "./deps.js";
import { adminApiRouter } from "./admin-api/admin-api.router.js";
import { adminUiRouter } from "./admin-ui/admin-ui.router.js";
import { extRouter } from "./ext/ext.router.js";
import { errorHandler } from "./http/error-handler.js";
import { opsRouter } from "./http/ops.router.js";
import { requestContext } from "./http/request-context.js";
import { shopifyWebhookRouter } from "./shopify/webhooks/shopify-webhook.router.js";
import { metaCallbacksRouter } from "./meta-callbacks/meta-callbacks.router.js";
import { metaWebhookRouter } from "./messenger/webhook/meta-webhook.router.js";
import { appProxyRouter } from "./storefront/app-proxy.router.js";
import { templateLinksFor } from "./tracking-links/signed-link.js";
import { trackingLinksRouter } from "./tracking-links/tracking-links.router.js";

/**
 * Mounts every route. Webhook routes read their raw bodies themselves, so nothing here parses bodies
 * globally: signatures are checked on the exact bytes received.
 */
export function createApp(deps: Deps): Express {
  const app = express();
  app.disable("x-powered-by");
  // Off unless configured: with it on for any hop, a client picks its own req.ip through X-Forwarded-For.
  app.set("trust proxy", deps.config.trustProxy);
  // JSON answers to API calls and webhooks are never revalidated; hashing every body for an ETag was wasted work.
  app.set("etag", false);
  app.use(requestContext(deps.logger, deps.metrics));
  // Webhooks first: they are the hot path (bursts of thousands), answered to servers, never framed, so
  // they skip the CSP middleware (which parses the query string) and the routers below.
  app.use("/webhooks/shopify", shopifyWebhookRouter(deps));
  app.use("/webhooks/meta", metaWebhookRouter(deps));
  // Only the shop's admin may frame the app (Shopify's embedded-app CSP); everything else: frame-ancestors 'none'.
  app.use(deps.shopify.cspHeaders());
  app.use(opsRouter(deps));
  app.use("/proxy", appProxyRouter(deps));
  app.use("/meta", metaCallbacksRouter(deps));
  app.use("/api", adminApiRouter(deps));
  app.use("/ext", extRouter(deps));
  app.use("/t", trackingLinksRouter(templateLinksFor(deps.config)));
  app.use(adminUiRouter(deps, deps.config.adminDistDir ? { distDir: deps.config.adminDistDir } : {}));
  app.use((_req, res) => {
    res.status(404).json({ error: "not_found" });
  });
  app.use(errorHandler());
  return app;
}
