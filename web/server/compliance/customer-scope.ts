import type { DbTx, PrismaClient } from "../db/open-database.js";

/** Everything that identifies one customer's data within a shop: their orders and their Messenger threads. */
export interface CustomerScope {
  shopId: string;
  customerId?: string;
  orderIds: string[];
  threads: { pageId: string; psid: string }[];
}

export async function customerScope(
  tx: DbTx | PrismaClient,
  shopId: string,
  customerId: string | undefined,
  orderIds: readonly string[],
): Promise<CustomerScope> {
  const known = customerId
    ? await tx.orderRecord.findMany({ where: { shopId, customerId }, select: { orderId: true } })
    : [];
  const orders = [...new Set([...orderIds, ...known.map((o) => o.orderId)])];
  const links = await tx.shopperLink.findMany({
    where: {
      shopId,
      OR: [
        ...(customerId ? [{ subjectKind: "customer", subjectId: customerId }] : []),
        ...(orders.length ? [{ subjectKind: "order", subjectId: { in: orders } }] : []),
      ],
    },
    select: { pageId: true, psid: true },
  });
  const threads = [...new Map(links.map((l) => [`${l.pageId}:${l.psid}`, l])).values()];
  return { shopId, ...(customerId ? { customerId } : {}), orderIds: orders, threads };
}

/** Prisma filter: messages about the customer, their orders or to their threads. */
export function messagesOf(scope: CustomerScope) {
  return {
    shopId: scope.shopId,
    OR: [
      ...(scope.customerId ? [{ customerId: scope.customerId }] : []),
      ...(scope.orderIds.length ? [{ orderId: { in: scope.orderIds } }] : []),
      ...scope.threads.map((t) => ({ pageId: t.pageId, psid: t.psid })),
    ],
  };
}

export function hasAnything(scope: CustomerScope): boolean {
  return Boolean(scope.customerId) || scope.orderIds.length > 0 || scope.threads.length > 0;
}
