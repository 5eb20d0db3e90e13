import { Router } from "express";
import { z } from "zod";
import type { Deps } from "../deps.js";
import { saveShopSettingsSection } from "../shopify/shop-settings-store.js";
import { SUPPORTED_LOCALES } from "../notifications/locale.js";
import { ORDER_EVENTS } from "../notifications/order-event.js";
import {
  readNotificationSettings,
  validateNotificationSettings,
  type NotificationSettings,
} from "../orders/notification-settings.js";
import { orderUpdateContent } from "../orders/order-update-content.js";
import { sampleOrder } from "../orders/sample-order.js";
import { shopDisplayName } from "../shopify/shop-display-name.js";
import { enqueueEnsureTemplatesForShop } from "../templates/template-jobs.js";
import { templateLinksFor } from "../tracking-links/signed-link.js";

const previewSchema = z.object({
  event: z.enum(ORDER_EVENTS),
  locale: z.enum(SUPPORTED_LOCALES),
  wording: z.string().max(4000).optional(),
  includeAddress: z.boolean().optional(),
});

/** Order-update settings (per event on/off, wording, address on receipts) and the admin's live preview. */
export function notificationsRoutes(deps: Deps): Router {
  const router = Router();
  const shopOf = (domain: string) => deps.db.shop.findUnique({ where: { domain } });

  router.get("/notifications/settings", async (_req, res) => {
    const shop = await shopOf(res.locals.shopify.session.shop);
    if (!shop) return void res.status(404).json({ error: "shop_not_installed" });
    res.json({ settings: readNotificationSettings(shop.settings), events: ORDER_EVENTS, locales: SUPPORTED_LOCALES });
  });

  router.put("/notifications/settings", async (req, res) => {
    const checked = validateNotificationSettings(req.body);
    if (!checked.ok) return void res.status(400).json({ error: "invalid_settings", errors: checked.errors });
    const domain: string = res.locals.shopify.session.shop;
    const saved = await saveShopSettingsSection(deps.db, domain, "notifications", checked.settings, (tx, shopId) =>
      enqueueEnsureTemplatesForShop(tx, shopId, deps.clock.now(), "wording"),
    );
    if (!saved) return void res.status(404).json({ error: "shop_not_installed" });
    res.json({ settings: checked.settings });
  });

  router.post("/notifications/preview", async (req, res) => {
    const parsed = previewSchema.safeParse(req.body);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message, code: i.code }));
      return void res.status(400).json({ error: "invalid_preview", errors });
    }
    const { event, locale, wording, includeAddress } = parsed.data;
    const domain: string = res.locals.shopify.session.shop;
    const shop = await shopOf(domain);
    const stored = readNotificationSettings(shop?.settings);
    const settings: NotificationSettings = {
      ...stored,
      includeAddress: includeAddress ?? stored.includeAddress,
      wording:
        wording === undefined
          ? stored.wording
          : { ...stored.wording, [locale]: { ...stored.wording[locale], [event]: wording } },
    };
    const checked = validateNotificationSettings(settings);
    if (!checked.ok) return void res.status(400).json({ error: "invalid_wording", errors: checked.errors });
    const page = shop
      ? await deps.db.pageConnection.findFirst({ where: { shopId: shop.id }, select: { pageName: true } })
      : null;
    const sample = sampleOrder(domain);
    const content = orderUpdateContent({
      event,
      shopDomain: domain,
      shopName: shopDisplayName(domain, shop?.name, page?.pageName),
      shopLocale: locale,
      settings,
      order: { ...sample.order, customerLocale: locale },
      shipment: sample.shipment,
      refund: sample.refund,
      links: templateLinksFor(deps.config),
    });
    res.json({ event, locale, preview: content });
  });
  return router;
}
