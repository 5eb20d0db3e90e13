import { messageIdFromEcho } from "../messaging/echo-metadata.js";
import type { EventContext } from "./process-meta-event.js";

/**
 * Our own message came back as an echo. If the send call had timed out, the message is still queued:
 * mark it sent with Meta's id, so the pending retry sends nothing. Only a message of this thread matches.
 */
export async function reconcileEcho(ctx: EventContext): Promise<void> {
  const { event, tx, page, conversation, deps } = ctx;
  if (event.kind !== "echo") return;
  const id = messageIdFromEcho(typeof event.metadata === "string" ? event.metadata : undefined);
  if (id === undefined || !event.mid) return;
  const { count } = await tx.outboundMessage.updateMany({
    where: { id, pageId: page.pageId, psid: conversation.psid, status: "queued", providerMessageId: null },
    data: {
      status: "sent",
      providerMessageId: event.mid,
      reason: "Delivered: Meta's echo confirmed it after the send call timed out",
      sentAt: new Date(event.timestamp),
      decidedAt: deps.clock.now(),
    },
  });
  if (count > 0) ctx.logger.info({ messageId: id.toString(), mid: event.mid }, "timed-out send confirmed by its echo");
}
