import { Router } from "express";
import { z } from "zod";
import type { Deps } from "../deps.js";

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Conversation id to continue after (keyset pagination, newest first). */
  after: z.uuid().optional(),
});

/**
 * Subscribers: everyone who opened a thread with the shop's Pages, with the Shopify customer their thread
 * is linked to. Marketing consent is "none" until Marketing Messages opt-ins exist (no consent rows yet).
 * Unlinking from the admin ends a link at once; the shopper can link again with a new signed ref.
 */
export function subscribersRoutes(deps: Deps): Router {
  const router = Router();

  router.get("/subscribers", async (req, res) => {
    const query = listQuery.safeParse(req.query);
    if (!query.success) {
      res.status(400).json({ error: "invalid_query" });
      return;
    }
    const shop = await shopOf(deps, res.locals.shopify.session.shop);
    if (!shop) {
      res.json({ subscribers: [] });
      return;
    }
    const cursor = query.data.after ? await deps.db.conversation.findUnique({ where: { id: query.data.after } }) : null;
    const conversations = await deps.db.conversation.findMany({
      where: { shopId: shop.id, ...(cursor ? { createdAt: { lte: cursor.createdAt }, id: { not: cursor.id } } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.data.limit,
    });
    const links = await deps.db.shopperLink.findMany({
      where: { shopId: shop.id, unlinkedAt: null, psid: { in: conversations.map((c) => c.psid) } },
      orderBy: { linkedAt: "desc" },
    });
    res.json({
      subscribers: conversations.map((c) => {
        const mine = links.filter((l) => l.pageId === c.pageId && l.psid === c.psid);
        const customer = mine.find((l) => l.subjectKind === "customer");
        return {
          id: c.id,
          psid: c.psid,
          pageId: c.pageId,
          customerId: customer?.subjectId ?? null,
          marketing: "none",
          reachable: c.state === "reachable",
          lastInteractionAt: c.lastInteractionAt,
          links: mine.map((l) => ({
            id: l.id,
            kind: l.subjectKind,
            subjectId: l.subjectId,
            entryPoint: l.entryPoint,
            linkedAt: l.linkedAt,
          })),
        };
      }),
      next: conversations.length === query.data.limit ? conversations.at(-1)?.id : null,
    });
  });

  router.delete("/links/:linkId", async (req, res) => {
    const linkId = z.uuid().safeParse(req.params.linkId);
    const shop = await shopOf(deps, res.locals.shopify.session.shop);
    if (!linkId.success || !shop) {
      res.status(404).json({ error: "link_not_found" });
      return;
    }
    const { count } = await deps.db.shopperLink.updateMany({
      where: { id: linkId.data, shopId: shop.id, unlinkedAt: null },
      data: { unlinkedAt: deps.clock.now() },
    });
    if (count === 0) {
      res.status(404).json({ error: "link_not_found" });
      return;
    }
    res.status(204).end();
  });
  return router;
}

function shopOf(deps: Deps, domain: string) {
  return deps.db.shop.findUnique({ where: { domain }, select: { id: true } });
}
