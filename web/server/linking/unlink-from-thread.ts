import type { EventContext } from "../conversations/process-meta-event.js";
import { stopMarketing } from "../marketing/stop-marketing.js";
import { queueMessage } from "../messaging/queue-message.js";
import { isUnlinkCommand, UNLINK_PAYLOAD_PREFIX, unlinkConfirmation } from "./link-messages.js";

/**
 * "Not me" quick reply, or a typed "unlink" / "stop updates": the thread stops being linked to the store
 * account, at once. Returns true when the message was such a command.
 */
export async function unlinkFromThread(ctx: EventContext): Promise<boolean> {
  const { event, tx, page, conversation, deps } = ctx;
  if (event.kind !== "message") return false;
  const payload = event.quickReplyPayload ?? "";
  const byQuickReply = payload.startsWith(UNLINK_PAYLOAD_PREFIX);
  if (!byQuickReply && !isUnlinkCommand(event.text)) return false;
  const at = new Date(event.timestamp);
  const where = {
    pageId: page.pageId,
    psid: conversation.psid,
    unlinkedAt: null,
    ...(byQuickReply ? { id: payload.slice(UNLINK_PAYLOAD_PREFIX.length) } : {}),
  };
  const { count } = await tx.shopperLink.updateMany({ where, data: { unlinkedAt: at } });
  // Consent given in a thread that is no longer the customer's is not kept: marketing stops, Meta unsubscribes.
  if (count > 0) {
    await stopMarketing(tx, deps, {
      shopId: page.shopId,
      pageId: page.pageId,
      psid: conversation.psid,
      actor: "shopper",
      source: "unlinked",
      reason: "unlinked",
      at,
      now: deps.clock.now(),
    });
  }
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: page.shopId }, select: { primaryLocale: true } });
  await queueMessage(
    tx,
    {
      shopId: page.shopId,
      pageId: page.pageId,
      psid: conversation.psid,
      category: "system_notice",
      purpose: "link.unlinked",
      dedupeKey: `unlink:${event.dedupeKey}`,
      content: unlinkConfirmation(shop.primaryLocale),
    },
    deps.clock.now(),
  );
  ctx.logger.info({ psid: conversation.psid, unlinked: count }, "shopper unlinked from the thread");
  return true;
}
