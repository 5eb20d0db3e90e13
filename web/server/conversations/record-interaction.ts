import type { DbTx } from "../db/open-database.js";

/**
 * Creates the conversation on first contact and moves its window forward when the shopper interacted.
 * The window is measured from Meta's event timestamps, never from when we processed the event, and a late
 * older event never moves it back.
 */
export async function touchConversation(
  tx: DbTx,
  params: { shopId: string; pageId: string; psid: string; interactionAt: Date | null; now: Date },
) {
  const existing = await tx.conversation.findUnique({
    where: { pageId_psid: { pageId: params.pageId, psid: params.psid } },
  });
  if (!existing) {
    return tx.conversation.create({
      data: {
        shopId: params.shopId,
        pageId: params.pageId,
        psid: params.psid,
        lastInteractionAt: params.interactionAt,
        createdAt: params.now,
        updatedAt: params.now,
      },
    });
  }
  const newer =
    params.interactionAt && (!existing.lastInteractionAt || params.interactionAt > existing.lastInteractionAt);
  // A shopper who writes again after error 551 is reachable again.
  const reopened = params.interactionAt !== null && existing.state !== "reachable";
  if (!newer && !reopened) return existing;
  return tx.conversation.update({
    where: { id: existing.id },
    data: {
      ...(newer ? { lastInteractionAt: params.interactionAt } : {}),
      ...(reopened ? { state: "reachable", stateReason: null } : {}),
      updatedAt: params.now,
    },
  });
}
