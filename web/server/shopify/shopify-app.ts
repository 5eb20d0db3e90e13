import { ApiVersion, LogSeverity } from "@shopify/shopify-api";
import { shopifyApp } from "@shopify/shopify-app-express";
import type { Config } from "../config.js";
import type { Logger } from "../lib/logger.js";
import type { EncryptedPrismaSessionStorage } from "./session-storage.js";

/** Scopes the app asks for; shopify.app.toml declares the same list (Shopify-managed installation). */
export const SCOPES = ["read_orders", "read_customers", "read_fulfillments", "read_themes"];

export function createShopify(config: Config, sessionStorage: EncryptedPrismaSessionStorage, logger: Logger) {
  const appUrl = new URL(config.shopify.appUrl);
  const apiVersion = Object.values(ApiVersion).find((v) => v === config.shopify.apiVersion) ?? ApiVersion.October26;
  return shopifyApp({
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
    // Token exchange with expiring offline tokens: the 2026 default for embedded apps (shopify-platform.md 1.3, 1.7).
    future: { tokenExchange: true, expiringOfflineAccessTokens: true },
  });
}

export type ShopifyApp = ReturnType<typeof createShopify>;
