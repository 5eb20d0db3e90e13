import type { Deps } from "../deps.js";
import type { Logger } from "../lib/logger.js";

/**
 * app/uninstalled: the shop's tokens are dead from now on, so its sessions go and the shop is marked
 * uninstalled (its data stays until shop/redact, which Shopify sends 48 h later). Repeats change nothing.
 * https://shopify.dev/docs/apps/build/authentication-authorization/app-installation/uninstall-app-api-request
 */
export async function markShopUninstalled(deps: Deps, domain: string, log: Logger): Promise<void> {
  const now = deps.clock.now();
  const [marked, sessions] = await deps.db.$transaction([
    deps.db.shop.updateMany({ where: { domain, uninstalledAt: null }, data: { uninstalledAt: now } }),
    deps.db.session.deleteMany({ where: { shop: domain } }),
  ]);
  log.info({ marked: marked.count, sessionsDeleted: sessions.count }, "app uninstalled");
}
