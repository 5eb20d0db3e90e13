import type { Session } from "@shopify/shopify-api";
import type { Deps } from "../../deps.js";
import { AdminApiError } from "./admin-api-error.js";
import { shopifyErrors, withAdminApiBase } from "./admin-api-base.js";

/**
 * The shop's expiring offline token (60 min access token + refresh token), refreshed before it expires. One
 * refresh at a time across every instance: the refresh runs inside a transaction holding the session row's
 * lock (SELECT … FOR UPDATE), and whoever gets the lock second finds the new token and uses it. The new pair
 * is stored in that same transaction; if storing fails, the old refresh token still works (Shopify keeps it
 * until its replacement is used, changelog 2026-08-28), so the next try recovers. A non-expiring token (a shop
 * installed before expiring tokens) is exchanged for an expiring pair the same way, once: Shopify rejects
 * non-expiring tokens of public apps from 2027-01-01 ("Migrate to expiring offline access tokens").
 * https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/offline-access-tokens
 */
export type OfflineTokenDeps = Pick<Deps, "db" | "sessionStorage" | "shopify" | "clock" | "logger" | "config">;

/** Refresh this long before expiry (the margin shopify-app-express uses for token exchange). */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** The refresh's HTTP call runs inside the lock; give it room, but bounded. */
const LOCK_TX_TIMEOUT_MS = 30_000;

export interface OfflineTokens {
  /** A session whose access token is valid for at least REFRESH_MARGIN_MS (refreshed if needed). */
  current(shop: string): Promise<Session>;
  /** Shopify refused `staleToken` (401): refresh unless another job already replaced it. */
  replace(shop: string, staleToken: string): Promise<Session>;
}

type Outcome = { kind: "ok"; session: Session } | { kind: "rejected"; reason: string };

export function createOfflineTokens(deps: OfflineTokenDeps): OfflineTokens {
  const api = deps.shopify.api;
  // Jobs of this process share one refresh per shop; other processes wait on the row lock.
  const inFlight = new Map<string, Promise<Session>>();
  const expiresSoon = (s: Session) =>
    !s.expires || s.expires.getTime() - deps.clock.now().getTime() <= REFRESH_MARGIN_MS;

  async function load(shop: string): Promise<Session> {
    const session = await deps.sessionStorage.loadSession(api.session.getOfflineId(shop));
    if (!session?.accessToken) {
      await flagReauth(deps, shop, "no offline access token is stored");
      throw new AdminApiError("reauth_required", `no offline access token for ${shop}`);
    }
    return session;
  }

  function refreshOnce(shop: string, isStale: (s: Session) => boolean): Promise<Session> {
    const running = inFlight.get(shop);
    if (running) return running;
    const next = refreshUnderLock(shop, isStale).finally(() => inFlight.delete(shop));
    inFlight.set(shop, next);
    return next;
  }

  async function refreshUnderLock(shop: string, isStale: (s: Session) => boolean): Promise<Session> {
    const id = api.session.getOfflineId(shop);
    const outcome = await deps.db.$transaction(
      async (tx): Promise<Outcome> => {
        await tx.$queryRaw`SELECT id FROM "session" WHERE id = ${id} FOR UPDATE`;
        const locked = await deps.sessionStorage.loadSession(id, tx);
        if (!locked?.accessToken) return { kind: "rejected", reason: "no offline access token is stored" };
        if (!isStale(locked)) return { kind: "ok", session: locked }; // refreshed meanwhile by someone else
        const { accessToken, refreshToken } = locked;
        if (locked.expires && !refreshToken)
          return { kind: "rejected", reason: "the offline token cannot be refreshed" };
        let refreshed: Session;
        try {
          ({ session: refreshed } = await withAdminApiBase(deps.config.shopify.adminApiUrl, () =>
            refreshToken
              ? api.auth.refreshToken({ shop, refreshToken })
              : api.auth.migrateToExpiringToken({ shop, nonExpiringOfflineAccessToken: accessToken }),
          ));
        } catch (error) {
          // 400 invalid_grant / 401: revoked, expired or retired refresh token. Anything else may pass.
          if (error instanceof shopifyErrors.HttpResponseError && [400, 401].includes(error.response.code)) {
            return { kind: "rejected", reason: `refresh refused (HTTP ${error.response.code})` };
          }
          throw new AdminApiError("unavailable", `token refresh failed: ${(error as Error).message}`);
        }
        // The library dates expiry from the system clock; the app decides by its own clock (tests move it).
        // expires_in is whole seconds, so the lifetime is rounded back to them.
        if (refreshed.expires) {
          const lifetimeMs = Math.round((refreshed.expires.getTime() - Date.now()) / 1000) * 1000;
          refreshed.expires = new Date(deps.clock.now().getTime() + lifetimeMs);
        }
        await deps.sessionStorage.storeSession(refreshed, tx);
        deps.logger.info(
          { shop, expires: refreshed.expires?.toISOString(), migrated: !refreshToken },
          refreshToken ? "shopify offline token refreshed" : "shopify offline token migrated to an expiring one",
        );
        return { kind: "ok", session: refreshed };
      },
      { timeout: LOCK_TX_TIMEOUT_MS, maxWait: LOCK_TX_TIMEOUT_MS },
    );
    if (outcome.kind === "rejected") {
      await flagReauth(deps, shop, outcome.reason);
      throw new AdminApiError("reauth_required", `${shop}: ${outcome.reason}`);
    }
    return outcome.session;
  }

  return {
    async current(shop) {
      const session = await load(shop);
      return expiresSoon(session) ? refreshOnce(shop, expiresSoon) : session;
    },
    replace(shop, staleToken) {
      return refreshOnce(shop, (s) => s.accessToken === staleToken);
    },
  };
}

/** Marks the shop as needing the merchant to open the app (shown by GET /api/shop and Home). Idempotent. */
export async function flagReauth(deps: Pick<Deps, "db" | "clock" | "logger">, shop: string, reason: string) {
  const { count } = await deps.db.shop.updateMany({
    where: { domain: shop, reauthRequiredAt: null },
    data: { reauthRequiredAt: deps.clock.now(), reauthReason: reason },
  });
  if (count > 0) deps.logger.warn({ shop, reason }, "shopify access lost: the merchant must open the app");
}
