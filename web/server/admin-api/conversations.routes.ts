import { Router } from "express";
import { z } from "zod";
import type { Deps } from "../deps.js";
import { queueInboxReply } from "../conversations/inbox-reply.js";

const replySchema = z.object({
  text: z.string().trim().min(1, "is required").max(1_999, "must be under 2,000 characters"),
  clientId: z.uuid(),
});

/** The inbox: a person replies to a shopper (POST /api/conversations/:pageId/:psid/messages, 202 when queued). */
export function conversationsRoutes(deps: Deps): Router {
  const router = Router();
  router.post("/conversations/:pageId/:psid/messages", async (req, res) => {
    const parsed = replySchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({
        error: "invalid_body",
        issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      });
      return;
    }
    const result = await queueInboxReply(deps, {
      shopDomain: res.locals.shopify.session.shop,
      pageId: String(req.params.pageId),
      psid: String(req.params.psid),
      ...parsed.data,
    });
    if (!result.ok) return void res.status(404).json({ error: result.error });
    res.status(202).json({ messageId: result.messageId, status: result.status });
  });
  return router;
}
