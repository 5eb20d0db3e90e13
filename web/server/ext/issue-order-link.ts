import type { Deps } from "../deps.js";
import { buildMeLink, isValidPageHandle } from "../linking/m-me-link.js";
import { orderVerifier } from "../orders/order-verifier.js";
import { createRef } from "../linking/signed-ref.js";
import type { OrderLinkRequest } from "./order-link-request.js";
import type { ExtensionSession } from "./verify-extension-token.js";

/**
 * Issues the order-bound m.me link behind "Get order updates on Messenger". The rule: a ref for an order
 * is only issued to someone who proves the order is theirs, by the confirmation number Shopify shows only
 * to the buyer, or by being the logged-in customer the order belongs to. Otherwise anyone holding an
 * extension token for the shop could bind their Messenger thread to another buyer's order.
 *
 * The answer never depends on what we know about the order: a confirmation number always gets a link (the
 * Thank-you page often asks before orders/create arrives), and the number signed into it is checked when
 * the link is used (bindFromReferral) and before anything is sent (findRecipient). A wrong number and an
 * unknown order therefore look the same from outside, so this endpoint cannot be used to find out which
 * order ids exist or to guess confirmation numbers; without a number, an order that is not the logged-in
 * customer's and an unknown one get the same refusal.
 */

/** Long enough to tap the link and press Get Started; short enough that a leaked link soon dies. */
export const ORDER_REF_TTL_SECONDS = 10 * 60;

export type OrderLinkRefusal =
  | { status: 409; error: "page_not_connected"; message: string }
  | { status: 403; error: "order_unverifiable"; message: string };

/** `orderKnown` is for the log only: it must never change the answer. */
export type OrderLinkResult = { ok: true; url: string; orderKnown: boolean } | ({ ok: false } & OrderLinkRefusal);

export async function issueOrderLink(
  deps: Pick<Deps, "db" | "config" | "clock">,
  session: ExtensionSession,
  request: OrderLinkRequest,
): Promise<OrderLinkResult> {
  const shop = await deps.db.shop.findUnique({
    where: { domain: session.shop },
    select: {
      id: true,
      uninstalledAt: true,
      pages: {
        where: { status: "active" },
        orderBy: { createdAt: "asc" },
        take: 1,
        select: { pageId: true, pageUsername: true },
      },
    },
  });
  const page = shop && !shop.uninstalledAt ? shop.pages[0] : undefined;
  if (!shop || !page) {
    return refuse({ status: 409, error: "page_not_connected", message: "This store has not connected Messenger yet." });
  }

  // Read in every case (also when a confirmation number makes it unnecessary), so the time taken does not
  // tell a known order from an unknown one.
  const record = await deps.db.orderRecord.findUnique({
    where: { shopId_orderId: { shopId: shop.id, orderId: request.orderId } },
    select: { customerId: true },
  });
  const ownsByAccount = record !== null && session.customerId !== undefined && record.customerId === session.customerId;
  if (request.confirmationNumber === undefined && !ownsByAccount) {
    const message = "This order could not be verified; open it from your order confirmation.";
    return refuse({ status: 403, error: "order_unverifiable", message });
  }

  const ref = createRef({
    keyring: deps.config.refKeys,
    now: deps.clock.now(),
    ttlSeconds: ORDER_REF_TTL_SECONDS,
    claims: {
      shop: session.shop,
      kind: "order",
      orderId: request.orderId,
      entryPoint: request.entryPoint,
      pageId: page.pageId,
      // Always carried when known: the binder re-checks it against the order webhook, which covers the race
      // where this ref is issued before orders/create arrives.
      ...(request.confirmationNumber !== undefined ? { verifier: orderVerifier(request.confirmationNumber) } : {}),
    },
  });
  // m.me accepts the Page username or id; a stored username that is not a valid handle falls back to the id.
  const handle = page.pageUsername && isValidPageHandle(page.pageUsername) ? page.pageUsername : page.pageId;
  return { ok: true, url: buildMeLink(handle, ref, deps.config.meta.linkBase), orderKnown: record !== null };
}

function refuse(refusal: OrderLinkRefusal): OrderLinkResult {
  return { ok: false, ...refusal };
}
