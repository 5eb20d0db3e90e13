import type { Deps } from "../deps.js";
import { enqueueBubbleSync } from "../storefront/bubble-metafields.js";
import { enqueueShopSync } from "./shop-profile.js";

/**
 * A fresh offline token was stored for the shop: by token exchange when the merchant opens the app (the
 * afterAuth hook), or by the operator's shop:install. Creates or revives the shop row, clears a "must open the
 * app" flag, and asks for the shop's name etc. from the Admin API. After a reinstall or a lost token the bubble
 * metafield is written again too (uninstalling deletes app-data metafields; failed jobs stopped while flagged).
 */
export async function recordShopAuthorized(
  deps: Pick<Deps, "db" | "clock" | "logger">,
  domain: string,
  options: { locale?: string } = {},
): Promise<{ shopId: string; created: boolean }> {
  const now = deps.clock.now();
  return deps.db.$transaction(async (tx) => {
    const before = await tx.shop.findUnique({ where: { domain } });
    const shop = before
      ? await tx.shop.update({
          where: { domain },
          data: {
            uninstalledAt: null,
            reauthRequiredAt: null,
            reauthReason: null,
            ...(before.uninstalledAt ? { installedAt: now } : {}),
            ...(options.locale ? { primaryLocale: options.locale } : {}),
          },
        })
      : await tx.shop.create({ data: { domain, primaryLocale: options.locale ?? "en", installedAt: now } });
    await enqueueShopSync(tx, domain, now, "authorized");
    if (!before || before.uninstalledAt || before.reauthRequiredAt)
      await enqueueBubbleSync(tx, shop.id, now, "authorized");
    if (before?.reauthRequiredAt) deps.logger.info({ shop: domain }, "shopify access restored");
    return { shopId: shop.id, created: !before };
  });
}
