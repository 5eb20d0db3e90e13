import type { Deps } from "../deps.js";
import { hmacSha256 } from "../lib/hmac.js";
import { consentHistory } from "./consent-ledger.js";
import { subscriberMarketingPath } from "./marketing-facts.js";
import { decodeSubscriberCursor, encodeSubscriberCursor } from "./subscribers-cursor.js";
import { stopMarketing } from "./stop-marketing.js";

/**
 * Subscribers for the admin: everyone who opened a thread with the shop's Pages, the customer the thread is linked
 * to, and their marketing consent. Newest first, keyset-paginated on (created_at, id) so rows created in the same
 * millisecond are neither repeated nor skipped. The subscription token never leaves the server.
 */
export const MARKETING_FILTERS = ["subscribed", "stopped", "none"] as const;
export type MarketingFilter = (typeof MARKETING_FILTERS)[number];

type Shop = { id: string; settings: unknown };

function cursorKey(deps: Deps): Buffer {
  return hmacSha256(deps.config.encryptionKey, "subscribers-cursor-key");
}

export class InvalidCursorError extends Error {}

export async function listSubscribers(
  deps: Deps,
  shop: Shop,
  query: { limit: number; marketing?: MarketingFilter | undefined; cursor?: string | undefined },
) {
  const key = cursorKey(deps);
  const after = query.cursor ? decodeSubscriberCursor(key, shop.id, query.cursor) : undefined;
  if (query.cursor && !after) throw new InvalidCursorError("invalid cursor");
  const rows = await deps.db.conversation.findMany({
    where: {
      shopId: shop.id,
      ...(query.marketing === "none"
        ? { marketing: { is: null } }
        : query.marketing
          ? { marketing: { is: { status: query.marketing } } }
          : {}),
      ...(after
        ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
        : {}),
    },
    include: { marketing: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const links = await deps.db.shopperLink.findMany({
    where: { shopId: shop.id, unlinkedAt: null, OR: page.map((c) => ({ pageId: c.pageId, psid: c.psid })) },
    orderBy: { linkedAt: "desc" },
  });
  const subscribers = await Promise.all(
    page.map(async (c) => {
      const mine = links.filter((l) => l.pageId === c.pageId && l.psid === c.psid);
      const customerId = mine.find((l) => l.subjectKind === "customer")?.subjectId ?? c.marketing?.customerId ?? null;
      return subscriberView(deps, shop, c, mine, customerId);
    }),
  );
  return {
    subscribers,
    nextCursor:
      rows.length > query.limit && last
        ? encodeSubscriberCursor(key, shop.id, { createdAt: last.createdAt, id: last.id })
        : null,
  };
}

type ConversationRow = NonNullable<
  Awaited<ReturnType<Deps["db"]["conversation"]["findFirst"]>> & {
    marketing: Awaited<ReturnType<Deps["db"]["marketingSubscription"]["findFirst"]>>;
  }
>;
type LinkRow = Awaited<ReturnType<Deps["db"]["shopperLink"]["findMany"]>>[number];

async function subscriberView(deps: Deps, shop: Shop, c: ConversationRow, links: LinkRow[], customerId: string | null) {
  const m = c.marketing;
  const path = await subscriberMarketingPath(deps.db, shop, customerId);
  return {
    id: c.id,
    psid: c.psid,
    pageId: c.pageId,
    customerId,
    marketing: (m?.status ?? "none") as "subscribed" | "stopped" | "none",
    marketingDetail: m
      ? {
          since: m.statusChangedAt,
          reason: m.statusReason,
          source: m.source,
          title: m.title,
          timezone: m.timezone,
          optedInAt: m.optedInAt,
          tokenStatus: m.userTokenStatus,
          /** Whether Meta still holds a usable token for this shopper (the token itself is never shown). */
          hasToken: m.tokenCiphertext !== null,
        }
      : null,
    marketingPath: { path: path.path, code: path.code, reason: path.reason, recipientCountry: path.recipientCountry },
    reachable: c.state === "reachable",
    lastInteractionAt: c.lastInteractionAt,
    links: links.map((l) => ({
      id: l.id,
      kind: l.subjectKind,
      subjectId: l.subjectId,
      entryPoint: l.entryPoint,
      linkedAt: l.linkedAt,
    })),
  };
}

/** One subscriber with their whole consent history; undefined when the id is not a thread of this shop. */
export async function subscriberDetail(deps: Deps, shop: Shop, conversationId: string) {
  const c = await deps.db.conversation.findFirst({
    where: { id: conversationId, shopId: shop.id },
    include: { marketing: true },
  });
  if (!c) return undefined;
  const links = await deps.db.shopperLink.findMany({
    where: { shopId: shop.id, pageId: c.pageId, psid: c.psid, unlinkedAt: null },
    orderBy: { linkedAt: "desc" },
  });
  const customerId = links.find((l) => l.subjectKind === "customer")?.subjectId ?? c.marketing?.customerId ?? null;
  const history = await consentHistory(deps.db, shop.id, c.pageId, c.psid);
  return {
    subscriber: await subscriberView(deps, shop, c, links, customerId),
    consentHistory: history.map((e) => ({
      id: e.id.toString(),
      event: e.event,
      actor: e.actor,
      source: e.source,
      title: e.title,
      imageUrl: e.imageUrl,
      text: e.text,
      locale: e.locale,
      customerId: e.customerId,
      at: e.at,
    })),
  };
}

/** The merchant ends a link from the admin: at once, and marketing consent given in that thread stops too. */
export async function unlinkFromAdmin(deps: Deps, shopId: string, linkId: string): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.$transaction(async (tx) => {
    const link = await tx.shopperLink.findFirst({ where: { id: linkId, shopId, unlinkedAt: null } });
    if (!link) return false;
    const { count } = await tx.shopperLink.updateMany({
      where: { id: linkId, shopId, unlinkedAt: null },
      data: { unlinkedAt: now },
    });
    if (count === 0) return false;
    await stopMarketing(tx, deps, {
      shopId,
      pageId: link.pageId,
      psid: link.psid,
      actor: "merchant",
      source: "unlinked_by_merchant",
      reason: "unlinked",
      at: now,
      now,
    });
    return true;
  });
}
