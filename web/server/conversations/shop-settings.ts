import { z } from "zod";
import type { DbTx, PrismaClient } from "../db/open-database.js";
import { shopDisplayName } from "../shopify/shop-display-name.js";

/** The conversation settings a merchant controls, read leniently: a bad stored value falls back to the default. */
const settingsSchema = z
  .object({
    shopName: z.string().min(1).max(100).optional(),
    instantReply: z.object({ enabled: z.boolean(), text: z.string().min(1).max(1000) }).optional(),
  })
  .passthrough();

export async function shopSettings(db: DbTx | PrismaClient, shopId: string) {
  const shop = await db.shop.findUniqueOrThrow({
    where: { id: shopId },
    select: { domain: true, settings: true, name: true },
  });
  const parsed = settingsSchema.safeParse(shop.settings);
  const settings = parsed.success ? parsed.data : {};
  return { ...settings, shopName: shopDisplayName(shop.domain, settings.shopName, shop.name) };
}
