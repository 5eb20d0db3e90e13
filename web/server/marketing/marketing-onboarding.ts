import type { Deps } from "../deps.js";
import { isGraphApiError } from "../messenger/graph/graph-error.js";
import { deriveStateKey, signState, verifyState } from "../pages/login-grant.js";
import type { MarketingGraphCalls } from "./marketing-graph-calls.js";
import { readMarketingSettings } from "./marketing-settings.js";

/**
 * Marketing Messages onboarding (onboard-businesses doc, Updated 2026-03-31; spec 4.2): the merchant signs in with
 * Facebook Login for Business using the marketing configuration; the code becomes a token that must carry
 * ads_management and one of the Marketing Messages permissions (paid_marketing_messages for the Business Portfolio
 * flow, marketing_messages_messenger for the asset-based flow); the ad account messages are billed to is chosen
 * among those the token reaches. The token is stored encrypted and never returned.
 */
export const MARKETING_LOGIN_RETURN_PATH = "/app/marketing";
export const REQUIRED_PERMISSION = "ads_management";
export const MARKETING_PERMISSIONS = ["paid_marketing_messages", "marketing_messages_messenger"] as const;

export class MarketingOnboardingError extends Error {
  constructor(
    readonly reason:
      | "not_configured"
      | "code_rejected"
      | "missing_permissions"
      | "unknown_ad_account"
      | "not_connected",
    message: string,
  ) {
    super(message);
    this.name = "MarketingOnboardingError";
  }
}

type OnboardingDeps = Pick<Deps, "config" | "db" | "cipher" | "graph" | "clock"> & {
  marketingGraph: MarketingGraphCalls;
};

export function marketingLoginUrl(deps: Pick<Deps, "config" | "clock">, shop: string) {
  const { meta, shopify, encryptionKey } = deps.config;
  if (!meta.marketingConfigId) {
    throw new MarketingOnboardingError(
      "not_configured",
      "Marketing Messages sign-in is not configured (META_MARKETING_CONFIG_ID).",
    );
  }
  const redirectUri = `${shopify.appUrl}${MARKETING_LOGIN_RETURN_PATH}`;
  const state = signState(deriveStateKey(encryptionKey), shop, redirectUri, deps.clock.now());
  const url = new URL(`https://www.facebook.com/${meta.graphVersion}/dialog/oauth`);
  url.searchParams.set("client_id", meta.appId);
  url.searchParams.set("config_id", meta.marketingConfigId);
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("override_default_response_type", "true");
  url.searchParams.set("state", state);
  return { url: url.toString(), redirectUri, state };
}

/** Code -> long-lived token, checked for the Marketing Messages permissions; stores it and the ad accounts. */
export async function connectMarketingAccount(
  deps: OnboardingDeps,
  shop: { id: string; domain: string },
  input: { code: string; state: string; redirectUri: string },
) {
  verifyState(deriveStateKey(deps.config.encryptionKey), input.state, shop.domain, input.redirectUri, deps.clock.now());
  let token: { access_token: string; expires_in?: number | undefined };
  try {
    const short = await deps.graph.exchangeCode(input.code, input.redirectUri);
    token = await deps.graph.exchangeForLongLivedToken(short.access_token);
  } catch (error) {
    if (isGraphApiError(error) && error.status !== null && error.status < 500)
      throw new MarketingOnboardingError("code_rejected", "Facebook did not accept the sign-in; try again.");
    throw error;
  }
  const granted = await deps.marketingGraph.grantedPermissions(token.access_token);
  const missing = [
    ...(granted.includes(REQUIRED_PERMISSION) ? [] : [REQUIRED_PERMISSION]),
    ...(MARKETING_PERMISSIONS.some((p) => granted.includes(p)) ? [] : [MARKETING_PERMISSIONS.join(" or ")]),
  ];
  if (missing.length > 0) {
    throw new MarketingOnboardingError(
      "missing_permissions",
      `The sign-in did not grant ${missing.join(" and ")}; sign in again and allow them.`,
    );
  }
  const adAccounts = await deps.marketingGraph.adAccounts(token.access_token);
  const now = deps.clock.now();
  const data = {
    tokenCiphertext: deps.cipher.encrypt(token.access_token),
    tokenExpiresAt: token.expires_in ? new Date(now.getTime() + token.expires_in * 1000) : null,
    grantedScopes: granted.join(","),
    adAccounts,
    connectedAt: now,
  };
  await deps.db.marketingAccount.upsert({
    where: { shopId: shop.id },
    create: { shopId: shop.id, ...data },
    update: data,
  });
  // With a single ad account there is nothing to choose.
  if (adAccounts.length === 1) await chooseAdAccount(deps, shop.id, adAccounts[0]!.id);
  return { adAccounts, tokenExpiresAt: data.tokenExpiresAt, grantedScopes: granted };
}

/** The ad account marketing messages are billed to: one the connected token reaches. */
export async function chooseAdAccount(deps: Pick<Deps, "db">, shopId: string, adAccountId: string): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    const account = await tx.marketingAccount.findUnique({ where: { shopId } });
    if (!account) throw new MarketingOnboardingError("not_connected", "Sign in with Facebook first.");
    const known = (account.adAccounts as { id: string }[]).some((a) => a.id === adAccountId);
    if (!known)
      throw new MarketingOnboardingError("unknown_ad_account", "That ad account is not one this sign-in reaches.");
    await tx.$queryRaw`SELECT id FROM shop WHERE id = ${shopId}::uuid FOR UPDATE`;
    const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId } });
    const marketing = readMarketingSettings(shop.settings);
    const settings = {
      ...((shop.settings ?? {}) as object),
      marketing: { ...marketing, onboarding: { ...marketing.onboarding, adAccountId } },
    };
    await tx.shop.update({ where: { id: shopId }, data: { settings: JSON.parse(JSON.stringify(settings)) as object } });
  });
}

/** What the admin may see of the connection: never the token. */
export async function marketingAccountView(deps: Pick<Deps, "db" | "clock">, shopId: string) {
  const account = await deps.db.marketingAccount.findUnique({ where: { shopId } });
  if (!account) return null;
  return {
    connectedAt: account.connectedAt,
    tokenExpiresAt: account.tokenExpiresAt,
    expired: account.tokenExpiresAt !== null && account.tokenExpiresAt <= deps.clock.now(),
    grantedScopes: account.grantedScopes.split(",").filter(Boolean),
    adAccounts: account.adAccounts as { id: string; name: string }[],
  };
}
