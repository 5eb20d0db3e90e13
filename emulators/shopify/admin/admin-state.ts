import { randomBytes } from "node:crypto";
import type { Clock } from "../../../web/server/lib/clock.js";

/** What the Admin API knows of one emulated shop. */
export interface EmulatedShop {
  domain: string;
  name: string;
  email: string;
  currencyCode: string;
  ianaTimezone: string;
  countryCode: string;
  /** gid://shopify/AppInstallation/… of this app on this shop: the owner of app-data metafields. */
  appInstallationId: string;
  scope: string;
  metafields: Map<string, EmulatedMetafield>;
  /** Customer GID -> its tags (tagsAdd / tagsRemove). */
  customerTags: Map<string, Set<string>>;
  /** Every flowTriggerReceive call, in order. */
  flowTriggers: { handle: string; payload: Record<string, unknown> }[];
  /** Leaky bucket of the (app, shop) pair: https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits */
  bucket: { maximumAvailable: number; restoreRate: number; available: number; at: number };
}

export interface EmulatedMetafield {
  id: string;
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

interface AccessToken {
  shop: string;
  /** Epoch ms; null for a legacy non-expiring token. */
  expiresAt: number | null;
}

interface RefreshToken {
  shop: string;
  expiresAt: number;
  revoked: boolean;
  /** Refresh tokens issued in exchange for this one; once one of them is used, this one is retired. */
  replacements: string[];
  retired: boolean;
}

export interface TokenPair {
  access_token: string;
  scope: string;
  expires_in: number;
  refresh_token: string;
  refresh_token_expires_in: number;
}

/** 60-minute access tokens, 90-day refresh tokens ("About offline access tokens"). */
export const ACCESS_TOKEN_TTL_S = 3600;
export const REFRESH_TOKEN_TTL_S = 90 * 24 * 3600;

let installationSeq = 7_000_000;
let metafieldSeq = 30_000_000_000;

export function createAdminState(clock: Clock) {
  const shops = new Map<string, EmulatedShop>();
  const accessTokens = new Map<string, AccessToken>();
  const refreshTokens = new Map<string, RefreshToken>();
  /** Successful refresh_token grants per shop: what the "refresh once" tests count. */
  const refreshes = new Map<string, number>();
  /** Non-expiring tokens exchanged for expiring ones, per shop. */
  const migrations = new Map<string, number>();
  const now = () => clock.now().getTime();

  function issuePair(shop: EmulatedShop, expiresInSeconds = ACCESS_TOKEN_TTL_S): TokenPair {
    const access = `shpat_${randomBytes(16).toString("hex")}`;
    const refresh = `shprt_${randomBytes(16).toString("hex")}`;
    accessTokens.set(access, { shop: shop.domain, expiresAt: now() + expiresInSeconds * 1000 });
    refreshTokens.set(refresh, {
      shop: shop.domain,
      expiresAt: now() + REFRESH_TOKEN_TTL_S * 1000,
      revoked: false,
      replacements: [],
      retired: false,
    });
    return {
      access_token: access,
      scope: shop.scope,
      expires_in: expiresInSeconds,
      refresh_token: refresh,
      refresh_token_expires_in: REFRESH_TOKEN_TTL_S,
    };
  }

  return {
    shops,
    refreshes,
    addShop(
      input: Partial<Omit<EmulatedShop, "metafields" | "bucket" | "customerTags" | "flowTriggers">> & {
        domain: string;
      },
    ): EmulatedShop {
      const shop: EmulatedShop = {
        name: input.domain.replace(/\.myshopify\.com$/, ""),
        email: `owner@${input.domain}`,
        currencyCode: "EUR",
        ianaTimezone: "Europe/Vilnius",
        countryCode: "LT",
        appInstallationId: `gid://shopify/AppInstallation/${(installationSeq += 1)}`,
        scope: "",
        ...input,
        metafields: new Map(),
        customerTags: new Map(),
        flowTriggers: [],
        bucket: { maximumAvailable: 2000, restoreRate: 100, available: 2000, at: now() },
      };
      shops.set(shop.domain, shop);
      return shop;
    },
    shop(domain: string): EmulatedShop {
      const shop = shops.get(domain);
      if (!shop) throw new Error(`emulated shop ${domain} was never added`);
      return shop;
    },
    issuePair,
    /** A legacy non-expiring offline token (what apps got before expiring tokens), to migrate. */
    issueNonExpiring(shop: EmulatedShop): string {
      const access = `shpat_${randomBytes(16).toString("hex")}`;
      accessTokens.set(access, { shop: shop.domain, expiresAt: null });
      return access;
    },
    /**
     * Token exchange of a non-expiring offline token for an expiring pair; the old token stops working.
     * https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/migrate-to-expiring-tokens
     */
    migrate(token: string): TokenPair | null {
      const t = accessTokens.get(token);
      if (!t || t.expiresAt !== null) return null;
      const shop = shops.get(t.shop);
      if (!shop) return null;
      accessTokens.delete(token);
      migrations.set(shop.domain, (migrations.get(shop.domain) ?? 0) + 1);
      return issuePair(shop);
    },
    migrations,
    /** The shop an access token acts for, or null when it is unknown or expired. */
    shopForAccessToken(token: string): EmulatedShop | null {
      const t = accessTokens.get(token);
      if (!t || (t.expiresAt !== null && t.expiresAt <= now())) return null;
      return shops.get(t.shop) ?? null;
    },
    /**
     * refresh_token grant. Since 2026-08-28 a used refresh token stays usable until its replacement is used
     * ("More resilient refreshes for expiring offline access tokens"); using the replacement retires it.
     */
    refresh(token: string): TokenPair | null {
      const t = refreshTokens.get(token);
      if (!t || t.revoked || t.retired || t.expiresAt <= now()) return null;
      const shop = shops.get(t.shop);
      if (!shop) return null;
      for (const other of refreshTokens.values()) if (other.replacements.includes(token)) other.retired = true;
      const pair = issuePair(shop);
      t.replacements.push(pair.refresh_token);
      refreshes.set(shop.domain, (refreshes.get(shop.domain) ?? 0) + 1);
      return pair;
    },
    /** The merchant revoked the app's access (or uninstalled): no refresh token of the shop works any more. */
    revokeRefreshTokens(domain: string): void {
      for (const t of refreshTokens.values()) if (t.shop === domain) t.revoked = true;
    },
    /** Every access token of the shop stops working now, as after its 60 minutes. */
    expireAccessTokens(domain: string): void {
      for (const t of accessTokens.values()) if (t.shop === domain) t.expiresAt = now() - 1;
    },
    nextMetafieldId: () => `gid://shopify/Metafield/${(metafieldSeq += 1)}`,
    now,
  };
}

export type AdminState = ReturnType<typeof createAdminState>;
