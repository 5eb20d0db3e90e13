import { ApiVersion, LogSeverity } from "@shopify/shopify-api";
import { shopifyApp } from "@shopify/shopify-app-express";
import type { RequestHandler } from "express";
import type { Config } from "../config.js";
import type { Logger } from "../lib/logger.js";
import { withAdminApiBase } from "./admin-api/admin-api-base.js";
import type { EncryptedPrismaSessionStorage } from "./session-storage.js";

/**
 * Scopes the app asks for, each for what uses it; shopify.app.toml declares the same list (Shopify-managed
 * installation; test/server/shopify/scopes.test.ts compares them). Nothing else: the shop query, app-data
 * metafields on the app installation and the mandatory compliance webhooks need no scope, and the theme editor
 * deep link needs none either. A feature that needs one more (e.g. write_customers for tags) adds it to both.
 * - read_orders: orders/*, refunds/create webhooks (order confirmations, refunds)
 * - read_fulfillments: fulfillments/*, fulfillment_events/create webhooks (shipping updates)
 * - write_app_proxy: the /apps/messenger app proxy the bubble calls for authenticated links
 * - write_customers: the marketing customer tag (tagsAdd/tagsRemove) and the Flow triggers' customer reference
 */
export const SCOPES = ["read_orders", "read_fulfillments", "write_app_proxy", "write_customers"];

export interface ShopifyHooks {
  /** A token exchange stored a fresh offline session for the shop. */
  afterAuth?: (shop: string) => Promise<void>;
}

export function createShopify(
  config: Config,
  sessionStorage: EncryptedPrismaSessionStorage,
  logger: Logger,
  hooks: ShopifyHooks = {},
) {
  const appUrl = new URL(config.shopify.appUrl);
  const apiVersion = Object.values(ApiVersion).find((v) => v === config.shopify.apiVersion) ?? ApiVersion.October26;
  const app = shopifyApp({
    api: {
      apiKey: config.shopify.apiKey,
      apiSecretKey: config.shopify.apiSecret,
      apiVersion: apiVersion as ApiVersion,
      hostName: appUrl.host,
      hostScheme: appUrl.protocol === "http:" ? "http" : "https",
      scopes: SCOPES,
      isEmbeddedApp: true,
      logger: {
        level: LogSeverity.Warning,
        log: async (severity, message) => {
          logger.child({ component: "shopify-api" })[severity <= LogSeverity.Warning ? "warn" : "info"](message);
        },
      },
    },
    auth: { path: "/api/auth", callbackPath: "/api/auth/callback" },
    webhooks: { path: "/webhooks/shopify" },
    sessionStorage,
    // Token exchange asks for EXPIRING offline tokens (expiring=1): mandatory for public apps from 2027-01-01
    // (shopify-platform.md "Update 2026-12"; shopify.dev "Use expiring offline access tokens (required)").
    future: { tokenExchange: true, expiringOfflineAccessTokens: true },
    hooks: {
      afterAuth: async ({ session }) => {
        if (!session.isOnline) await hooks.afterAuth?.(session.shop);
      },
    },
  });
  // Token exchange runs inside validateAuthenticatedSession: send it to SHOPIFY_ADMIN_API_URL when set.
  const validate = app.validateAuthenticatedSession;
  const base = config.shopify.adminApiUrl;
  return Object.assign(app, {
    validateAuthenticatedSession: (): RequestHandler => {
      const inner = validate();
      return (req, res, next) => withAdminApiBase(base, () => inner(req, res, next));
    },
  });
}

export type ShopifyApp = ReturnType<typeof createShopify>;
