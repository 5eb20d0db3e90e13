import type { EventContext } from "../conversations/process-meta-event.js";
import { parseEntryPointRef } from "../linking/m-me-link.js";
import { askForOptin } from "./optin-requests.js";

/** The growth entry point whose link or QR code asks for marketing consent ("Get offers"). */
export const OFFERS_ENTRY_POINT = "offers";

/**
 * After a referral was handled: a shopper who just linked is asked (if the merchant switched "after linking" on),
 * and one who opened a "Get offers" link is asked. The request is placed just after what the referral itself
 * queued (the link confirmation or the greeting), so the shopper reads it second.
 */
export async function askAfterReferral(ctx: EventContext, ref: string, bound: boolean): Promise<void> {
  const moment = bound ? "after_link" : parseEntryPointRef(ref) === OFFERS_ENTRY_POINT ? "entry_offers" : null;
  if (moment === null) return;
  const { tx, page, conversation, event, deps } = ctx;
  const now = deps.clock.now();
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: page.shopId }, select: { primaryLocale: true } });
  await askForOptin(tx, {
    shopId: page.shopId,
    pageId: page.pageId,
    psid: conversation.psid,
    moment,
    cause: event.dedupeKey,
    locale: conversation.locale ?? shop.primaryLocale,
    now,
    orderAt: new Date(now.getTime() + 1),
  });
}

/** After an order confirmation was queued for a linked shopper (merchant switch "after an order confirmation"). */
export async function askAfterOrderConfirmation(
  tx: EventContext["tx"],
  input: { shopId: string; pageId: string; psid: string; orderId: string; locale: string | null; now: Date },
): Promise<void> {
  await askForOptin(tx, {
    shopId: input.shopId,
    pageId: input.pageId,
    psid: input.psid,
    moment: "after_order",
    cause: input.orderId,
    locale: input.locale,
    now: input.now,
    orderAt: new Date(input.now.getTime() + 1),
  });
}
