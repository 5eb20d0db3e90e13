import { deliverWebhook, signWebhook } from "../../../emulators/shopify/sign-webhook.js";
import { TEST_PAGE, type MetaHarness } from "../../helpers/meta-harness.js";
import { waitForIdle } from "../../helpers/outbound.js";
import { TEST_ENV, TEST_SHOP } from "../../helpers/test-app.js";

/** Sends one signed Shopify webhook to the app, as Shopify would (same webhook id = Shopify's own retry). */
export async function deliver(
  h: MetaHarness,
  topic: string,
  body: unknown,
  options: { webhookId?: string; shop?: string } = {},
): Promise<number> {
  const webhook = signWebhook({
    topic,
    shop: options.shop ?? TEST_SHOP,
    body,
    secret: TEST_ENV.SHOPIFY_API_SECRET,
    apiVersion: "2026-10",
    ...(options.webhookId ? { webhookId: options.webhookId } : {}),
  });
  return (await deliverWebhook(`${h.app.url}/webhooks/shopify`, webhook)).status;
}

/** Binds a PSID to a customer or an order of the test shop, as a verified ref would. */
export async function link(
  h: MetaHarness,
  psid: string,
  subject: { kind: "customer" | "order"; id: string; verifier?: string; unlinked?: boolean },
): Promise<void> {
  const shop = await h.app.database.prisma.shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } });
  await h.app.database.prisma.shopperLink.create({
    data: {
      shopId: shop.id,
      pageId: TEST_PAGE.pageId,
      psid,
      subjectKind: subject.kind,
      subjectId: subject.id,
      entryPoint: "test",
      verifier: subject.verifier ?? null,
      unlinkedAt: subject.unlinked ? new Date() : null,
    },
  });
}

export async function settle(h: MetaHarness): Promise<void> {
  await waitForIdle(h.app.database.prisma);
}

export function orderMessages(h: MetaHarness, orderId: string) {
  return h.app.database.prisma.outboundMessage.findMany({ where: { orderId }, orderBy: { id: "asc" } });
}
