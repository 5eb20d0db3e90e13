import type { Deps } from "../deps.js";
import { queueMessage } from "../messaging/queue-message.js";
import { findShopId } from "../shopify/shop-lookup.js";
import { HUMAN_TAKEOVER_MS } from "./process-meta-event.js";

export interface InboxReply {
  shopDomain: string;
  pageId: string;
  psid: string;
  text: string;
  /** Chosen by the admin per composed reply, so a double click or a retry never sends twice. */
  clientId: string;
}

export type InboxReplyResult =
  | { ok: true; messageId: string; status: string }
  | { ok: false; error: "conversation_not_found" };

/**
 * A person replies to a shopper from the inbox. It is a human_agent_reply, so outside 24 h (within 7 days)
 * the policy may use the HUMAN_AGENT tag, which Meta allows only for messages a person typed. Replying
 * takes the thread over: automatic answers pause for HUMAN_TAKEOVER_MS.
 */
export async function queueInboxReply(deps: Pick<Deps, "db" | "clock">, reply: InboxReply): Promise<InboxReplyResult> {
  const conversation = await deps.db.conversation.findUnique({
    where: { pageId_psid: { pageId: reply.pageId, psid: reply.psid } },
  });
  const shopId = await findShopId(deps.db, reply.shopDomain);
  if (!conversation || !shopId || conversation.shopId !== shopId) return { ok: false, error: "conversation_not_found" };
  const now = deps.clock.now();
  const dedupeKey = `human:${conversation.id}:${reply.clientId}`;
  await deps.db.$transaction(async (tx) => {
    await queueMessage(
      tx,
      {
        shopId,
        pageId: conversation.pageId,
        psid: conversation.psid,
        category: "human_agent_reply",
        purpose: "inbox.reply",
        dedupeKey,
        humanAuthor: true,
        content: { message: { text: reply.text }, textParts: [reply.text] },
      },
      now,
    );
    await tx.conversation.update({
      where: { id: conversation.id },
      data: { humanUntil: new Date(now.getTime() + HUMAN_TAKEOVER_MS) },
    });
  });
  const message = await deps.db.outboundMessage.findUniqueOrThrow({
    where: { dedupeKey },
    select: { id: true, status: true },
  });
  return { ok: true, messageId: message.id.toString(), status: message.status };
}
