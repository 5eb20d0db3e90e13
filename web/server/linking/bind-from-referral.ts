import { z } from "zod";
import type { EventContext } from "../conversations/process-meta-event.js";
import { queueMessage } from "../messaging/queue-message.js";
import { catchUpLinkedOrder } from "./catch-up-order.js";
import { linkConfirmation } from "./link-messages.js";
import { parseEntryPointRef } from "./m-me-link.js";
import { maskName } from "./mask-identity.js";
import { orderVerifier } from "./order-verifier.js";
import { verifyRef, type RefClaims } from "./signed-ref.js";

/**
 * A ref arrived (messaging_referrals on an existing thread, or postback.referral on Get Started). A valid,
 * unexpired, unused ref of this shop and Page binds the PSID to its customer or order once; anything else
 * binds nothing, is logged with the reason, and the shopper just gets the usual greeting.
 * Returns true when it answered in the thread.
 */
export async function bindFromReferral(ctx: EventContext, ref: string, source: string | null): Promise<boolean> {
  const { deps, tx, page, conversation, event, logger } = ctx;
  const entryPoint = parseEntryPointRef(ref);
  if (entryPoint) {
    logger.info({ entryPoint, source }, "m.me opened from an entry point");
    return false;
  }
  const shop = await tx.shop.findUniqueOrThrow({
    where: { id: page.shopId },
    select: { id: true, domain: true, primaryLocale: true, settings: true, name: true },
  });
  // Expiry is judged at the moment the shopper opened the link (Meta's timestamp), not when we got to it.
  const verified = verifyRef(ref, {
    keyring: deps.config.refKeys,
    now: new Date(event.timestamp),
    expectedShop: shop.domain,
    expectedPageId: page.pageId,
  });
  if (!verified.ok) {
    logger.warn({ reason: verified.reason, psid: conversation.psid }, "ref refused: nothing bound");
    return false;
  }
  const claims = verified.claims;
  if (claims.kind === "entry" || !(claims.customerId ?? claims.orderId)) return false;
  if (!(await verifierFitsKnownOrder(ctx, claims))) {
    // /ext/order-link signs whatever confirmation number it is given (it must not reveal which orders exist),
    // so a wrong one is caught here: binding it would show the order's name and buyer in the confirmation.
    logger.warn({ reason: "verifier_mismatch", psid: conversation.psid }, "ref refused: nothing bound");
    return false;
  }
  const used = await tx.refNonce.createMany({
    data: [
      {
        nonce: verified.nonce,
        shopId: page.shopId,
        pageId: page.pageId,
        psid: conversation.psid,
        consumedAt: new Date(event.timestamp),
        expiresAt: verified.expiresAt,
      },
    ],
    skipDuplicates: true,
  });
  if (used.count === 0) {
    const first = await tx.refNonce.findUnique({ where: { nonce: verified.nonce } });
    if (first?.psid !== conversation.psid) {
      logger.warn(
        { psid: conversation.psid, reason: "replayed" },
        "ref already used by another Messenger user: nothing bound",
      );
      return false;
    }
  }
  const link = await upsertLink(ctx, claims);
  await queueMessage(
    tx,
    {
      shopId: page.shopId,
      pageId: page.pageId,
      psid: conversation.psid,
      category: "system_notice",
      purpose: "link.confirmed",
      dedupeKey: `link:${link.id}:${verified.nonce}`,
      content: linkConfirmation({
        locale: shop.primaryLocale,
        who: link.maskedIdentity ?? "***",
        orderName: link.orderName,
        linkId: link.id,
      }),
      ...(claims.orderId ? { orderId: claims.orderId } : {}),
      ...(claims.customerId ? { customerId: claims.customerId } : {}),
    },
    deps.clock.now(),
  );
  if (claims.kind === "order" && claims.orderId) await catchUpLinkedOrder(ctx, claims.orderId, shop);
  logger.info({ psid: conversation.psid, subjectKind: claims.kind, entryPoint: claims.entryPoint }, "shopper linked");
  return true;
}

const factsSchema = z.object({ confirmationNumber: z.string().optional() }).passthrough();

/** An order ref's verifier must match the order's confirmation number once the order is known. */
async function verifierFitsKnownOrder(ctx: EventContext, claims: RefClaims): Promise<boolean> {
  if (claims.kind !== "order" || !claims.orderId || claims.verifier === undefined) return true;
  const record = await ctx.tx.orderRecord.findUnique({
    where: { shopId_orderId: { shopId: ctx.page.shopId, orderId: claims.orderId } },
    select: { facts: true },
  });
  // Not known yet (the Thank-you race): findRecipient checks the verifier against the order's webhook.
  if (!record) return true;
  const number = factsSchema.safeParse(record.facts).data?.confirmationNumber;
  return number !== undefined && orderVerifier(number) === claims.verifier;
}

async function upsertLink(ctx: EventContext, claims: RefClaims) {
  const { tx, page, conversation, event } = ctx;
  const subjectKind = claims.kind === "order" ? "order" : "customer";
  const subjectId = (subjectKind === "order" ? claims.orderId : claims.customerId)!;
  const known = await tx.orderRecord.findFirst({
    where:
      subjectKind === "order"
        ? { shopId: page.shopId, orderId: subjectId }
        : { shopId: page.shopId, customerId: subjectId },
    orderBy: { createdAt: "desc" },
  });
  const facts = (known?.facts ?? {}) as { firstName?: string | null; name?: string };
  const maskedIdentity = maskName(facts.firstName);
  const linkedAt = new Date(event.timestamp);
  if (subjectKind === "customer") {
    // One person per Messenger thread: a new customer binding replaces an older one.
    await tx.shopperLink.updateMany({
      where: {
        pageId: page.pageId,
        psid: conversation.psid,
        subjectKind: "customer",
        subjectId: { not: subjectId },
        unlinkedAt: null,
      },
      data: { unlinkedAt: linkedAt },
    });
  }
  const link = await tx.shopperLink.upsert({
    where: {
      pageId_psid_subjectKind_subjectId: { pageId: page.pageId, psid: conversation.psid, subjectKind, subjectId },
    },
    create: {
      shopId: page.shopId,
      pageId: page.pageId,
      psid: conversation.psid,
      subjectKind,
      subjectId,
      entryPoint: claims.entryPoint,
      maskedIdentity,
      verifier: claims.verifier ?? null,
      linkedAt,
    },
    update: {
      unlinkedAt: null,
      entryPoint: claims.entryPoint,
      maskedIdentity,
      verifier: claims.verifier ?? null,
      linkedAt,
    },
  });
  return { ...link, orderName: subjectKind === "order" ? facts.name : undefined };
}
