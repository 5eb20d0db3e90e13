import type { DbTx, PrismaClient } from "../db/open-database.js";
import { enqueue } from "../jobs/enqueue.js";
import type { QueueMessageInput } from "./outbound-content.js";

export const SEND_JOB_KIND = "message.send";

/** Messages to one shopper go out one at a time, in the order they were queued. */
export function conversationQueueKey(pageId: string, psid: string): string {
  return `conv:${pageId}:${psid}`;
}

/**
 * Records an outbound message and its send job inside the caller's transaction. The dispatcher decides
 * at send time, through the messaging policy, whether and how it goes out. Returns false when a message
 * with the same dedupe key exists already (nothing is queued twice).
 */
export async function queueMessage(tx: DbTx | PrismaClient, input: QueueMessageInput, now: Date): Promise<boolean> {
  const created = await tx.outboundMessage.createManyAndReturn({
    data: [
      {
        shopId: input.shopId,
        pageId: input.pageId,
        psid: input.psid,
        category: input.category,
        purpose: input.purpose,
        dedupeKey: input.dedupeKey,
        orderId: input.orderId ?? null,
        fulfillmentId: input.fulfillmentId ?? null,
        refundId: input.refundId ?? null,
        customerId: input.customerId ?? null,
        content: JSON.parse(JSON.stringify(input.content)),
        humanAuthor: input.humanAuthor ?? false,
        createdAt: now,
      },
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  const message = created[0];
  if (!message) return false;
  await enqueue(
    tx,
    {
      kind: SEND_JOB_KIND,
      dedupeKey: `send:${message.id}`,
      payload: { messageId: message.id.toString() },
      queueKey: conversationQueueKey(input.pageId, input.psid),
      orderAt: input.orderAt ?? now,
      maxAttempts: 12,
    },
    now,
  );
  return true;
}
