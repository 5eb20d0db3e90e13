import { Router, type NextFunction, type Request, type Response } from "express";
import { z } from "zod";
import type { Deps } from "../deps.js";
import { saveShopSettingsSection } from "../shopify/shop-settings-store.js";
import { pageCapacity } from "../marketing/marketing-capacity.js";
import { createMarketingGraphCalls } from "../marketing/marketing-graph-calls.js";
import {
  chooseAdAccount,
  connectMarketingAccount,
  marketingAccountView,
  marketingLoginUrl,
  MarketingOnboardingError,
} from "../marketing/marketing-onboarding.js";
import { LoginGrantError } from "../pages/login-grant.js";
import { marketingReadiness } from "../marketing/marketing-readiness.js";
import {
  OPTIN_MOMENTS,
  optinWordingFor,
  readMarketingSettings,
  validateMarketingSettings,
} from "../marketing/marketing-settings.js";
import { MARKETING_KEYWORDS } from "../marketing/marketing-commands-text.js";
import {
  OPTIN_CTA_LABELS,
  OPTIN_CTA_VALUES,
  OPTIN_TITLE_MAX,
  optinRequestContent,
  validateOptinWording,
} from "../marketing/optin-wording.js";
import { SUPPORTED_LOCALES } from "../notifications/locale.js";

const connectSchema = z.object({
  code: z.string().min(1).max(2000),
  state: z.string().min(1).max(2000),
  redirectUri: z.url(),
});

const previewSchema = z
  .object({
    locale: z.enum(SUPPORTED_LOCALES),
    title: z.string().max(200).optional(),
    imageUrl: z.string().max(2000).optional(),
    ctaText: z.enum(OPTIN_CTA_VALUES).optional(),
  })
  .strict();

/**
 * Marketing settings (when to ask, cool-down, opt-in wording per language, customer tag, business country and
 * onboarding), the wording preview, and the status page: can the shop send, and how much capacity each Page has
 * left under Meta's Page-level caps.
 */
export function marketingRoutes(deps: Deps): Router {
  const router = Router();
  const shopOf = (domain: string) => deps.db.shop.findUnique({ where: { domain } });

  router.get("/marketing/settings", async (_req, res) => {
    const shop = await shopOf(res.locals.shopify.session.shop);
    if (!shop) return void res.status(404).json({ error: "shop_not_installed" });
    res.json({
      settings: readMarketingSettings(shop.settings),
      moments: OPTIN_MOMENTS,
      locales: SUPPORTED_LOCALES,
      ctaValues: OPTIN_CTA_LABELS,
      titleMax: OPTIN_TITLE_MAX,
      keywords: MARKETING_KEYWORDS,
    });
  });

  router.put("/marketing/settings", async (req, res) => {
    const checked = validateMarketingSettings(req.body);
    if (!checked.ok) return void res.status(400).json({ error: "invalid_settings", errors: checked.errors });
    const domain: string = res.locals.shopify.session.shop;
    const saved = await saveShopSettingsSection(deps.db, domain, "marketing", checked.settings);
    if (!saved) return void res.status(404).json({ error: "shop_not_installed" });
    res.json({ settings: checked.settings });
  });

  router.post("/marketing/preview", async (req, res) => {
    const parsed = previewSchema.safeParse(req.body);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message, code: i.code }));
      return void res.status(400).json({ error: "invalid_preview", errors });
    }
    const shop = await shopOf(res.locals.shopify.session.shop);
    const stored = optinWordingFor(readMarketingSettings(shop?.settings), parsed.data.locale);
    const wording = {
      title: parsed.data.title ?? stored.title,
      imageUrl: parsed.data.imageUrl ?? stored.imageUrl,
      ctaText: parsed.data.ctaText ?? stored.ctaText,
    };
    const checked = validateOptinWording(wording);
    if (!checked.ok) {
      const errors = checked.errors.map((e) => ({ path: e.field, message: e.message, code: e.code }));
      return void res.status(400).json({ error: "invalid_wording", errors });
    }
    const content = optinRequestContent({ wording, source: "preview", timezone: null });
    res.json({
      locale: parsed.data.locale,
      preview: { ...content, buttonLabel: OPTIN_CTA_LABELS[wording.ctaText] },
    });
  });

  const marketingGraph = createMarketingGraphCalls(deps.config.meta);
  const onboardingError = (res: Response, error: unknown): boolean => {
    if (error instanceof MarketingOnboardingError) {
      res.status(error.reason === "not_configured" ? 409 : 400).json({ error: error.reason, message: error.message });
      return true;
    }
    if (error instanceof LoginGrantError) {
      res.status(400).json({ error: error.message, message: "The sign-in expired or did not come from this shop." });
      return true;
    }
    if (error instanceof z.ZodError) {
      res.status(400).json({ error: "invalid_request" });
      return true;
    }
    return false;
  };
  const onboarding =
    (fn: (req: Request, res: Response, shop: { id: string; domain: string }) => Promise<void>) =>
    async (req: Request, res: Response, next: NextFunction) => {
      const shop = await shopOf(res.locals.shopify.session.shop);
      if (!shop) return void res.status(404).json({ error: "shop_not_installed" });
      await fn(req, res, shop).catch((error: unknown) => onboardingError(res, error) || next(error));
    };

  router.get(
    "/marketing/onboarding",
    onboarding(async (_req, res, shop) => {
      res.json({
        configured: Boolean(deps.config.meta.marketingConfigId),
        account: await marketingAccountView(deps, shop.id),
      });
    }),
  );
  router.post(
    "/marketing/onboarding/login-url",
    onboarding(async (_req, res, shop) => void res.json(marketingLoginUrl(deps, shop.domain))),
  );
  router.post(
    "/marketing/onboarding/connect",
    onboarding(async (req, res, shop) => {
      const body = connectSchema.parse(req.body);
      res.json(await connectMarketingAccount({ ...deps, marketingGraph }, shop, body));
    }),
  );
  router.post(
    "/marketing/onboarding/ad-account",
    onboarding(async (req, res, shop) => {
      const { adAccountId } = z.object({ adAccountId: z.string().regex(/^\d{1,20}$/) }).parse(req.body);
      await chooseAdAccount(deps, shop.id, adAccountId);
      res.json({ adAccountId });
    }),
  );

  router.get("/marketing/status", async (_req, res) => {
    const shop = await shopOf(res.locals.shopify.session.shop);
    if (!shop) return void res.status(404).json({ error: "shop_not_installed" });
    const pages = await deps.db.pageConnection.findMany({
      where: { shopId: shop.id, status: "active" },
      select: { pageId: true, pageName: true },
    });
    const now = deps.clock.now();
    const [subscribed, stopped] = await Promise.all(
      ["subscribed", "stopped"].map((status) =>
        deps.db.marketingSubscription.count({ where: { shopId: shop.id, status } }),
      ),
    );
    res.json({
      readiness: marketingReadiness(
        readMarketingSettings(shop.settings),
        pages.length,
        await marketingAccountView(deps, shop.id),
      ),
      subscribers: { subscribed, stopped },
      pages: await Promise.all(
        pages.map(async (p) => ({ ...p, capacity: await pageCapacity(deps.db, p.pageId, now) })),
      ),
    });
  });
  return router;
}
