import type { DbTx, PrismaClient } from "../db/open-database.js";
import { queueMessage } from "../messaging/queue-message.js";
import type { OutboundContent } from "../messaging/outbound-content.js";
import type { NotificationMessagesTemplate } from "../messenger/graph/send-request.js";
import type { OptinRequestFacts } from "../policy/send-request.js";
import { appendConsent } from "./consent-ledger.js";
import { cooldownMs, optinWordingFor, readMarketingSettings, type OptinMoment } from "./marketing-settings.js";
import { OPTIN_CTA_LABELS, optinRequestContent, sourceFromOptinPayload, type OptinCta } from "./optin-wording.js";
import { linkedCustomerId, subscriptionOf } from "./subscriptions.js";

type Db = DbTx | PrismaClient;

export const OPTIN_PURPOSE_PREFIX = "optin.request.";

/**
 * Queues the opt-in request at one of the moments a merchant can switch on. Whether it really goes out (window
 * open, not subscribed, not within the cool-down, not the same title within a week) is the policy's decision at
 * send time, recorded on the message. Returns false when the merchant has this moment switched off or the
 * same moment already queued it (dedupeKey).
 */
export async function askForOptin(
  tx: DbTx,
  input: {
    shopId: string;
    pageId: string;
    psid: string;
    moment: OptinMoment;
    /** Unique per cause (the event or order that triggered it), so re-deliveries queue nothing twice. */
    cause: string;
    locale: string | null;
    now: Date;
    /** Causal place in the conversation's queue, e.g. just after the greeting queued for the same event. */
    orderAt?: Date;
  },
): Promise<boolean> {
  const shop = await tx.shop.findUniqueOrThrow({
    where: { id: input.shopId },
    select: { settings: true, primaryLocale: true },
  });
  const settings = readMarketingSettings(shop.settings);
  if (!settings.ask[input.moment]) return false;
  const subscription = await subscriptionOf(tx, input.pageId, input.psid);
  const customerId = await linkedCustomerId(tx, input.pageId, input.psid);
  const content = optinRequestContent({
    wording: optinWordingFor(settings, input.locale ?? shop.primaryLocale),
    source: input.moment,
    timezone: subscription?.timezone ?? null,
  });
  return queueMessage(
    tx,
    {
      shopId: input.shopId,
      pageId: input.pageId,
      psid: input.psid,
      category: "optin_request",
      purpose: `${OPTIN_PURPOSE_PREFIX}${input.moment}`,
      dedupeKey: `optin:${input.pageId}:${input.psid}:${input.moment}:${input.cause}`,
      content: withLocale(content, input.locale ?? shop.primaryLocale),
      ...(customerId ? { customerId } : {}),
      ...(input.orderAt ? { orderAt: input.orderAt } : {}),
    },
    input.now,
  );
}

// The ledger records the language the request was shown in; the content carries it to the dispatcher.
function withLocale(content: OutboundContent, locale: string): OutboundContent & { locale: string } {
  return { ...content, locale };
}

function templateOf(content: OutboundContent): NotificationMessagesTemplate | null {
  const message = content.message;
  if (!message || !("attachment" in message) || message.attachment.type !== "template") return null;
  const payload = message.attachment.payload;
  return payload.template_type === "notification_messages" ? payload : null;
}

/** What the policy needs to decide on an opt-in request to this thread, read from the ledger and the settings. */
export async function optinRequestFacts(
  db: Db,
  message: { shopId: string; pageId: string; psid: string },
  content: OutboundContent,
): Promise<OptinRequestFacts> {
  const where = { shopId: message.shopId, pageId: message.pageId, psid: message.psid };
  const latest = (events: string[], extra: object = {}) =>
    db.consentEvent
      .findFirst({
        where: { ...where, event: { in: events }, ...extra },
        orderBy: { at: "desc" },
        select: { at: true },
      })
      .then((row) => row?.at ?? null);
  const title = templateOf(content)?.title ?? null;
  const [shop, subscription, lastRequestedAt, lastOptedInAt, lastDeclinedAt, sameTitleRequestedAt] = await Promise.all([
    db.shop.findUniqueOrThrow({ where: { id: message.shopId }, select: { settings: true } }),
    subscriptionOf(db, message.pageId, message.psid),
    latest(["requested"]),
    latest(["opted_in", "resumed"]),
    latest(["stopped", "unsubscribed"]),
    title === null ? Promise.resolve(null) : latest(["requested"], { title }),
  ]);
  return {
    alreadySubscribed: subscription?.status === "subscribed",
    lastRequestedAt,
    lastOptedInAt,
    lastDeclinedAt,
    sameTitleRequestedAt,
    cooldownMs: cooldownMs(readMarketingSettings(shop.settings)),
  };
}

/** After Meta accepted an opt-in request: the ledger gets exactly what the shopper was shown. */
export async function recordOptinRequestSent(
  db: Db,
  message: { shopId: string; pageId: string; psid: string; customerId: string | null },
  content: OutboundContent,
  at: Date,
): Promise<void> {
  const template = templateOf(content);
  if (!template) return;
  const cta = (template.notification_messages_cta_text ?? "GET_UPDATES") as OptinCta;
  await appendConsent(db, {
    shopId: message.shopId,
    pageId: message.pageId,
    psid: message.psid,
    customerId: message.customerId,
    event: "requested",
    actor: "merchant",
    source: sourceFromOptinPayload(template.payload),
    title: template.title,
    imageUrl: template.image_url ?? null,
    text: OPTIN_CTA_LABELS[cta],
    locale: (content as { locale?: string }).locale ?? null,
    at,
  });
}
