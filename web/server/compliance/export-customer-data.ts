import type { Deps } from "../deps.js";
import type { Logger } from "../lib/logger.js";
import type { CustomersDataRequestPayload } from "../notifications/shopify-compliance-payloads.js";
import { storeDataRequest, type CustomerDataExport } from "./compliance-requests-store.js";
import { customerScope, messagesOf } from "./customer-scope.js";
import { exportMarketing } from "../marketing/forget-marketing.js";

/**
 * customers/data_request: collects everything the app holds about the customer (links, threads, order
 * facts, messages) and keeps it for the merchant, who hands it over (GET /api/compliance/requests).
 * https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance#customers-data_request
 */
export async function exportCustomerData(
  deps: Deps,
  shopId: string,
  payload: CustomersDataRequestPayload,
  log: Logger,
): Promise<void> {
  const customerId = payload.customer.id ?? undefined;
  await deps.db.$transaction(async (tx) => {
    const scope = await customerScope(tx, shopId, customerId, payload.orders_requested);
    const data: CustomerDataExport = {
      ...(customerId ? { customerId } : {}),
      shopperLinks: await tx.shopperLink.findMany({
        where: {
          shopId,
          OR: [
            ...(customerId ? [{ subjectKind: "customer", subjectId: customerId }] : []),
            ...(scope.orderIds.length ? [{ subjectKind: "order", subjectId: { in: scope.orderIds } }] : []),
          ],
        },
        omit: { verifier: true },
      }),
      conversations: await tx.conversation.findMany({
        where: { shopId, OR: scope.threads.map((t) => ({ pageId: t.pageId, psid: t.psid })) },
      }),
      orders: await tx.orderRecord.findMany({ where: { shopId, orderId: { in: scope.orderIds } } }),
      messages: (await tx.outboundMessage.findMany({ where: messagesOf(scope), orderBy: { id: "asc" } })).map((m) => ({
        ...m,
        id: m.id.toString(),
      })),
      ...(await exportMarketing(tx, { shopId, customerId, threads: scope.threads })),
    };
    await storeDataRequest(tx, shopId, {
      dataRequestId: payload.data_request.id,
      ...(customerId ? { customerId } : {}),
      receivedAt: deps.clock.now().toISOString(),
      export: JSON.parse(JSON.stringify(data)) as CustomerDataExport,
    });
    log.info(
      { dataRequestId: payload.data_request.id, orders: scope.orderIds.length, threads: scope.threads.length },
      "customer data request answered",
    );
  });
}
