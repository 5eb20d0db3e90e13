import { Router } from "express";
import { z } from "zod";
import type { Deps } from "../deps.js";
import { queueInboxReply } from "../conversations/inbox-reply.js";

const replySchema = z.object({
  // Meta takes up to 2,000 characters (code points); 2,000 UTF-16 units are never more code points than that.
  text: z.string().trim().min(1, "is required").max(2_000, "must be at most 2,000 characters"),
  /** Chosen by the admin per composed reply, so a double click or a retry never sends twice. */
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
