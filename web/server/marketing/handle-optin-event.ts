import type { EventContext } from "../conversations/process-meta-event.js";
import { appendConsent, latestRequest } from "./consent-ledger.js";
import { sourceFromOptinPayload } from "./optin-wording.js";
import { enqueueShopifyConsent } from "./shopify-consent-sync.js";
import { linkedCustomerId, recordOptin, setMarketingStatus } from "./subscriptions.js";

/**
 * messaging_optins of type notification_messages (spec 4.1; grow-audience doc, Updated 2026-06-21):
 * - with notification_messages_status "STOP NOTIFICATIONS" / "RESUME NOTIFICATIONS": the shopper used Messenger's
 *   own control; the status changes at once;
 * - otherwise with a notification_messages_token: the shopper accepted an opt-in request; subscribed.
 * Meta's event time orders the facts, so a late re-delivery never undoes a newer choice.
 */
export const SCRUBBED_TOKEN = "[token stored encrypted]";

export async function handleOptinEvent(ctx: EventContext): Promise<void> {
  const { event, tx, page, conversation, deps, logger } = ctx;
  if (event.kind !== "optin" || event.optin.type !== "notification_messages") return;
  const optin = event.optin;
  const at = new Date(event.timestamp);
  const base = { shopId: page.shopId, pageId: page.pageId, psid: conversation.psid };
  const customerId = await linkedCustomerId(tx, page.pageId, conversation.psid);
  // The token is a secret: it is stored encrypted below and must not stay readable in the inbox row it came in.
  if (optin.token) {
    await tx.webhookDelivery.updateMany({
      where: { id: ctx.delivery.id },
      data: { body: ctx.delivery.body.split(optin.token).join(SCRUBBED_TOKEN) },
    });
  }
  if (optin.notificationMessagesStatus !== null) {
    const stop = optin.notificationMessagesStatus === "STOP NOTIFICATIONS";
    const applied = await setMarketingStatus(tx, deps.cipher, {
      ...base,
      status: stop ? "stopped" : "subscribed",
      reason: optin.notificationMessagesStatus,
      token: optin.token,
      customerId,
      at,
    });
    if (applied === null) {
      logger.info({ status: optin.notificationMessagesStatus }, "marketing status change ignored (older or unknown)");
      return;
    }
    await appendConsent(tx, {
      ...base,
      customerId,
      event: stop ? "stopped" : "resumed",
      actor: "shopper",
      source: "messenger_control",
      at,
    });
    await enqueueShopifyConsent(tx, {
      shopId: page.shopId,
      customerId,
      change: stop ? "opt_out" : "opt_in",
      detail: optin.notificationMessagesStatus,
      at,
      now: deps.clock.now(),
    });
    logger.info({ status: stop ? "stopped" : "subscribed" }, "shopper changed marketing messages in Messenger");
    return;
  }
  if (!optin.token) {
    logger.warn("notification_messages opt-in without a token; nothing recorded");
    return;
  }
  const source = sourceFromOptinPayload(optin.payload);
  const shown = await latestRequest(tx, page.pageId, conversation.psid, optin.title);
  const applied = await recordOptin(tx, deps.cipher, {
    ...base,
    customerId,
    token: optin.token,
    timezone: optin.timezone,
    tokenExpiresAt: optin.tokenExpiresAt === null ? null : new Date(optin.tokenExpiresAt),
    userTokenStatus: optin.userTokenStatus,
    source,
    title: optin.title,
    at,
  });
  if (!applied) return;
  await appendConsent(tx, {
    ...base,
    customerId,
    event: "opted_in",
    actor: "shopper",
    source,
    title: optin.title ?? shown?.title ?? null,
    imageUrl: shown?.imageUrl ?? null,
    text: shown?.text ?? null,
    locale: shown?.locale ?? conversation.locale ?? null,
    at,
  });
  await enqueueShopifyConsent(tx, {
    shopId: page.shopId,
    customerId,
    change: "opt_in",
    detail: source ?? "messenger",
    at,
    now: deps.clock.now(),
  });
  logger.info({ source }, "shopper opted in to marketing messages");
}
