import type { DbTx, PrismaClient } from "../db/open-database.js";
import { orderVerifier } from "./order-verifier.js";

export interface Recipient {
  pageId: string;
  psid: string;
  via: "order" | "customer";
}

/**
 * Who hears about an order: the PSID bound to this order (post-purchase button) or to its customer,
 * within the shop, never anyone else. An order link that carries a verifier counts only when it matches
 * the order's confirmation number. One recipient per order, so each (order, event) is one message; a
 * thread that already got messages about the order keeps getting them.
 */
export async function findRecipient(
  tx: DbTx | PrismaClient,
  input: { shopId: string; orderId: string; customerId?: string; confirmationNumber?: string },
): Promise<Recipient | undefined> {
  const links = await tx.shopperLink.findMany({
    where: {
      shopId: input.shopId,
      unlinkedAt: null,
      OR: [
        { subjectKind: "order", subjectId: input.orderId },
        ...(input.customerId ? [{ subjectKind: "customer", subjectId: input.customerId }] : []),
      ],
    },
    orderBy: { linkedAt: "desc" },
  });
  const usable = links.filter(
    (l) =>
      l.subjectKind === "customer" ||
      !l.verifier ||
      (input.confirmationNumber !== undefined && l.verifier === orderVerifier(input.confirmationNumber)),
  );
  if (usable.length === 0) return undefined;
  const earlier = await tx.outboundMessage.findFirst({
    where: { shopId: input.shopId, orderId: input.orderId, category: "post_purchase_update" },
    orderBy: { id: "asc" },
    select: { pageId: true, psid: true },
  });
  const pick =
    usable.find((l) => earlier && l.pageId === earlier.pageId && l.psid === earlier.psid) ??
    usable.find((l) => l.subjectKind === "order") ??
    usable[0];
  return pick && { pageId: pick.pageId, psid: pick.psid, via: pick.subjectKind === "order" ? "order" : "customer" };
}
