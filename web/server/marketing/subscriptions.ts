import type { DbTx, PrismaClient } from "../db/open-database.js";
import type { TokenCipher } from "../lib/token-cipher.js";

type Db = DbTx | PrismaClient;

export type MarketingStatus = "subscribed" | "stopped";

/** The Shopify customer a thread is linked to right now, if any. */
export async function linkedCustomerId(db: Db, pageId: string, psid: string): Promise<string | null> {
  const link = await db.shopperLink.findFirst({
    where: { pageId, psid, subjectKind: "customer", unlinkedAt: null },
    orderBy: { linkedAt: "desc" },
    select: { subjectId: true },
  });
  return link?.subjectId ?? null;
}

export function subscriptionOf(db: Db, pageId: string, psid: string) {
  return db.marketingSubscription.findUnique({ where: { pageId_psid: { pageId, psid } } });
}

/**
 * messaging_optins with a notification_messages_token: the shopper is subscribed. The token is stored only as
 * AES-256-GCM ciphertext. An event older than the last status change (Meta does not order webhooks) changes
 * nothing; returns whether it applied.
 */
export async function recordOptin(
  db: Db,
  cipher: TokenCipher,
  input: {
    shopId: string;
    pageId: string;
    psid: string;
    customerId: string | null;
    token: string;
    timezone: string | null;
    tokenExpiresAt: Date | null;
    userTokenStatus: string | null;
    source: string | null;
    title: string | null;
    at: Date;
  },
): Promise<boolean> {
  const existing = await subscriptionOf(db, input.pageId, input.psid);
  if (existing && existing.statusChangedAt > input.at) return false;
  const data = {
    customerId: input.customerId ?? existing?.customerId ?? null,
    status: "subscribed",
    statusReason: "opted in",
    tokenCiphertext: cipher.encrypt(input.token),
    timezone: input.timezone,
    tokenExpiresAt: input.tokenExpiresAt,
    userTokenStatus: input.userTokenStatus,
    source: input.source,
    title: input.title,
    optedInAt: input.at,
    statusChangedAt: input.at,
  };
  await db.marketingSubscription.upsert({
    where: { pageId_psid: { pageId: input.pageId, psid: input.psid } },
    create: { shopId: input.shopId, pageId: input.pageId, psid: input.psid, ...data },
    update: data,
  });
  return true;
}

/**
 * STOP / RESUME NOTIFICATIONS, a typed "stop", unlinking: the status changes at once. A token Meta sends with
 * the change replaces the stored one. Returns the row as it was before, or null when nothing applied.
 */
export async function setMarketingStatus(
  db: Db,
  cipher: TokenCipher,
  input: {
    shopId: string;
    pageId: string;
    psid: string;
    status: MarketingStatus;
    reason: string;
    at: Date;
    token?: string | null;
    customerId?: string | null;
  },
) {
  const existing = await subscriptionOf(db, input.pageId, input.psid);
  if (existing && existing.statusChangedAt > input.at) return null;
  if (!existing && !input.token) return null;
  const data = {
    status: input.status,
    statusReason: input.reason,
    statusChangedAt: input.at,
    ...(input.token ? { tokenCiphertext: cipher.encrypt(input.token) } : {}),
    ...(input.customerId ? { customerId: input.customerId } : {}),
  };
  if (existing) await db.marketingSubscription.update({ where: { id: existing.id }, data });
  else
    await db.marketingSubscription.create({
      data: { shopId: input.shopId, pageId: input.pageId, psid: input.psid, ...data },
    });
  return existing ?? { status: "none" as const };
}
