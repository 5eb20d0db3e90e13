import type { DbTx, PrismaClient } from "../db/open-database.js";
import type { TokenCipher } from "../lib/token-cipher.js";
import { decideMarketingPath, type MarketingPathDecision } from "../policy/marketing-path.js";
import type { MarketingFacts } from "../policy/send-request.js";
import { isOnboarded, readMarketingSettings } from "./marketing-settings.js";
import { subscriptionOf } from "./subscriptions.js";

type Db = DbTx | PrismaClient;

/** The linked customer's country, from the shipping address of their latest order we know; null when unknown. */
export async function customerCountry(db: Db, shopId: string, customerId: string | null): Promise<string | null> {
  if (!customerId) return null;
  const order = await db.orderRecord.findFirst({
    where: { shopId, customerId },
    orderBy: { createdAt: "desc" },
    select: { facts: true },
  });
  const facts = (order?.facts ?? {}) as { shippingAddress?: { countryCode?: unknown } };
  const code = facts.shippingAddress?.countryCode;
  return typeof code === "string" ? code : null;
}

/** Which marketing channel applies to one subscriber, and why (pure policy over what we know). */
export async function subscriberMarketingPath(
  db: Db,
  shop: { id: string; settings: unknown },
  customerId: string | null,
): Promise<MarketingPathDecision & { recipientCountry: string | null }> {
  const settings = readMarketingSettings(shop.settings);
  const recipientCountry = await customerCountry(db, shop.id, customerId);
  return {
    ...decideMarketingPath({
      businessCountry: settings.businessCountry,
      onboarded: isOnboarded(settings),
      recipientCountry,
    }),
    recipientCountry,
  };
}

/** What the policy needs to decide on a marketing message to this thread; null when the shopper never opted in. */
export async function marketingFacts(
  db: Db,
  cipher: TokenCipher,
  message: { shopId: string; pageId: string; psid: string },
): Promise<MarketingFacts | null> {
  const subscription = await subscriptionOf(db, message.pageId, message.psid);
  if (!subscription?.tokenCiphertext) return null;
  const [shop, last] = await Promise.all([
    db.shop.findUniqueOrThrow({ where: { id: message.shopId }, select: { settings: true } }),
    db.outboundMessage.findFirst({
      where: { pageId: message.pageId, psid: message.psid, category: "marketing", status: "sent" },
      orderBy: { sentAt: "desc" },
      select: { sentAt: true },
    }),
  ]);
  const settings = readMarketingSettings(shop.settings);
  return {
    subscriptionToken: cipher.decrypt(subscription.tokenCiphertext),
    subscriptionStatus: subscription.status === "subscribed" ? "subscribed" : "stopped",
    tokenExpiresAt: subscription.tokenExpiresAt,
    lastMarketingMessageAt: last?.sentAt ?? null,
    recipientCountryCode: await customerCountry(db, message.shopId, subscription.customerId),
    pageCountryCode: settings.businessCountry,
    pageEnabledForMarketingMessages: isOnboarded(settings),
  };
}
