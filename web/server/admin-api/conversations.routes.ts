import { Router } from "express";
import { z } from "zod";
import type { Deps } from "../deps.js";
import { queueMessage } from "../messaging/queue-message.js";

const replySchema = z.object({
  text: z.string().trim().min(1, "is required").max(1_999, "must be under 2,000 characters"),
  /** Chosen by the admin per composed reply, so a double click or a retry never sends twice. */
  clientId: z.uuid(),
});

/**
 * The inbox: a person replies to a shopper. It is a human_agent_reply, so outside 24 h (within 7 days)
 * the policy may use the HUMAN_AGENT tag, which Meta allows only for messages a person typed.
 */
export function conversationsRoutes(deps: Deps): Router {
  const router = Router();
  router.post("/conversations/:pageId/:psid/messages", async (req, res) => {
    const shopDomain: string = res.locals.shopify.session.shop;
    const parsed = replySchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({
        error: "invalid_body",
        issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      });
      return;
    }
    const conversation = await deps.db.conversation.findUnique({
      where: { pageId_psid: { pageId: String(req.params.pageId), psid: String(req.params.psid) } },
    });
    const shop = await deps.db.shop.findUnique({ where: { domain: shopDomain }, select: { id: true } });
    if (!conversation || !shop || conversation.shopId !== shop.id) {
      res.status(404).json({ error: "conversation_not_found" });
      return;
    }
    const now = deps.clock.now();
    const dedupeKey = `human:${conversation.id}:${parsed.data.clientId}`;
    await deps.db.$transaction(async (tx) => {
      await queueMessage(
        tx,
        {
          shopId: shop.id,
          pageId: conversation.pageId,
          psid: conversation.psid,
          category: "human_agent_reply",
          purpose: "inbox.reply",
          dedupeKey,
          humanAuthor: true,
          content: { message: { text: parsed.data.text }, textParts: [parsed.data.text] },
        },
        now,
      );
      await tx.conversation.update({
        where: { id: conversation.id },
        data: { humanUntil: new Date(now.getTime() + 30 * 60_000) },
      });
    });
    const message = await deps.db.outboundMessage.findUniqueOrThrow({
      where: { dedupeKey },
      select: { id: true, status: true },
    });
    res.status(202).json({ messageId: message.id.toString(), status: message.status });
  });
  return router;
}
