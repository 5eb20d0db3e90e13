/**
 * Fixed identities and secrets of the local sandbox. They only ever sign traffic between the sandbox's own
 * processes (app, Meta emulator, storefront stand-in), so they are constants, not configuration.
 */
export const SANDBOX_SHOP = "sandbox-demo.myshopify.com";
export const SANDBOX_SHOP_NAME = "Demo Store";
export const SANDBOX_PAGE = {
  pageId: "1000000000777",
  token: "EAASANDBOX-page-token",
  name: "Demo Store",
  username: "demostore",
} as const;
/** Shopper shown as logged in on the storefront unless `?customer=` or `?guest=1` says otherwise. */
export const SANDBOX_CUSTOMER = { id: "7000000000001", firstName: "Jane" } as const;
/** Shopify's default app proxy prefix for this app (shopify.app.toml [app_proxy]). */
export const SANDBOX_PROXY_PREFIX = "/apps/messenger";

export const SANDBOX_SECRETS = {
  SHOPIFY_API_KEY: "sandbox-shopify-api-key",
  SHOPIFY_API_SECRET: "sandbox-shopify-api-secret-0123456789",
  META_APP_ID: "900000000000001",
  META_APP_SECRET: "sandbox-meta-app-secret-0123456789",
  META_VERIFY_TOKEN: "sandbox-verify-token",
} as const;

export interface SandboxEnvInput {
  appPort: number;
  dataDir: string;
  graphUrl: string;
  /** The Shopify emulator's Admin API origin (stands in for https://{shop}). */
  adminApiUrl: string;
  logLevel: string;
}

/** The env the real app gets in the sandbox; loadConfig validates it as it would any other. */
export function sandboxEnv(input: SandboxEnvInput): Record<string, string> {
  return {
    SANDBOX: "1",
    NODE_ENV: "development",
    SHOPIFY_API_KEY: SANDBOX_SECRETS.SHOPIFY_API_KEY,
    SHOPIFY_API_SECRET: SANDBOX_SECRETS.SHOPIFY_API_SECRET,
    SHOPIFY_APP_URL: `http://127.0.0.1:${input.appPort}`,
    META_APP_ID: SANDBOX_SECRETS.META_APP_ID,
    META_APP_SECRET: SANDBOX_SECRETS.META_APP_SECRET,
    META_VERIFY_TOKEN: SANDBOX_SECRETS.META_VERIFY_TOKEN,
    META_GRAPH_URL: input.graphUrl,
    SHOPIFY_ADMIN_API_URL: input.adminApiUrl,
    MESSENGER_LINK_BASE: `${input.graphUrl}/m.me`,
    DATA_DIR: input.dataDir,
    PORT: String(input.appPort),
    LOG_LEVEL: input.logLevel,
  };
}
