import "@shopify/shopify-api/adapters/node";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";

export const API_KEY = "test-api-key-0123456789";
export const API_SECRET = "shpss_test_secret_abcdef";

/** The real library the app uses to verify session tokens and webhooks. */
export function realShopifyApi() {
  return shopifyApi({
    apiKey: API_KEY,
    apiSecretKey: API_SECRET,
    hostName: "app.example.com",
    apiVersion: ApiVersion.October25,
    isEmbeddedApp: true,
    logger: { level: 0, log: async () => {} },
  });
}
