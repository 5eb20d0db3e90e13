import type { Deps } from "../deps.js";
import type { DeliveryHandler } from "../inbox/process-delivery.js";
import type { Logger } from "../lib/logger.js";
import { queueMessage } from "../messaging/queue-message.js";
import {
  isUserInteraction,
  type MessengerEvent,
  type MessengerEventKind,
} from "../messenger/webhook/messenger-event.js";
import type { DbTx } from "../db/open-database.js";
import {
  DEFAULT_INSTANT_REPLY,
  greetingContent,
  INSTANT_REPLY_QUIET_MS,
  instantReplyContent,
} from "./instant-reply.js";
import { touchConversation } from "./record-interaction.js";
import { reconcileEcho } from "./reconcile-echo.js";
import { shopSettings } from "./shop-settings.js";

/** A person answering from the Page inbox silences our automatic replies for this long. */
export const HUMAN_TAKEOVER_MS = 30 * 60 * 1000;

export const GET_STARTED_PAYLOAD = "GET_STARTED";

type Conversation = Awaited<ReturnType<typeof touchConversation>>;
type PageRow = NonNullable<Awaited<ReturnType<Deps["db"]["pageConnection"]["findUnique"]>>>;

export interface ConversationHooks {
  /** Linking (signed refs) for referrals and Get Started with a referral; returns true when it answered. */
  onReferral?: (ctx: EventContext, ref: string, source: string | null) => Promise<boolean>;
  /** Quick-reply payloads and typed commands owned by other features; returns true when handled. */
  onMessage?: (ctx: EventContext) => Promise<boolean>;
  /** messaging_optins: marketing consent (notification_messages opt-in, STOP / RESUME NOTIFICATIONS). */
  onOptin?: (ctx: EventContext) => Promise<void>;
  /** Template status changes (utility templates). */
  onTemplateStatus?: (deps: Deps, event: Extract<MessengerEvent, { kind: "template_status" }>) => Promise<void>;
}

export interface EventContext {
  deps: Deps;
  tx: DbTx;
  page: PageRow;
  conversation: Conversation;
  event: MessengerEvent;
  logger: Logger;
  /** The inbox row the event came in; a handler may scrub secrets from its body once they are stored encrypted. */
  delivery: { id: bigint; body: string };
}

/** Handles one recorded Messenger event: window bookkeeping first, then what the event asks for. */
export function metaDeliveryHandler(hooks: ConversationHooks): DeliveryHandler {
  return async (deps, delivery, logger) => {
    const event = JSON.parse(delivery.body) as MessengerEvent;
    if (event.kind === "template_status") {
      await hooks.onTemplateStatus?.(deps, event);
      return;
    }
    const page = await deps.db.pageConnection.findUnique({ where: { pageId: event.pageId } });
    if (!page) {
      logger.info({ pageId: event.pageId, kind: event.kind }, "event for a Page no shop has connected; ignored");
      return;
    }
    if (!event.psid) return;
    const psid = event.psid;
    const now = deps.clock.now();
    await deps.db.$transaction(async (tx) => {
      const conversation = await touchConversation(tx, {
        shopId: page.shopId,
        pageId: page.pageId,
        psid,
        interactionAt: isUserInteraction(event) ? new Date(event.timestamp) : null,
        now,
      });
      await react({ deps, tx, page, conversation, event, logger, delivery }, hooks);
    });
  };
}

async function react(ctx: EventContext, hooks: ConversationHooks): Promise<void> {
  const { event } = ctx;
  // Standby: another app (or the Page inbox) owns the thread; we listen but never answer.
  if (event.standby) return;
  switch (event.kind) {
    case "echo":
      if (event.appId === null || String(event.appId) !== ctx.deps.config.meta.appId) await humanTookOver(ctx);
      else await reconcileEcho(ctx);
      return;
    case "referral":
      await hooks.onReferral?.(ctx, event.ref ?? "", event.source ?? null);
      return;
    case "postback":
      if (event.referral?.ref && (await hooks.onReferral?.(ctx, event.referral.ref, event.referral.source ?? null)))
        return;
      if (event.payload === GET_STARTED_PAYLOAD) await greet(ctx);
      return;
    case "message":
      if (await hooks.onMessage?.(ctx)) return;
      await instantReply(ctx);
      return;
    case "optin":
      await hooks.onOptin?.(ctx);
      return;
    default:
      return;
  }
}

async function humanTookOver({ tx, conversation, event, deps }: EventContext): Promise<void> {
  const until = new Date(event.timestamp + HUMAN_TAKEOVER_MS);
  if (conversation.humanUntil && conversation.humanUntil >= until) return;
  await tx.conversation.update({
    where: { id: conversation.id },
    data: { humanUntil: until, updatedAt: deps.clock.now() },
  });
}

async function greet(ctx: EventContext): Promise<void> {
  const settings = await shopSettings(ctx.tx, ctx.page.shopId);
  await queueMessage(
    ctx.tx,
    {
      shopId: ctx.page.shopId,
      pageId: ctx.page.pageId,
      psid: ctx.conversation.psid,
      category: "reply",
      purpose: "reply.greeting",
      dedupeKey: `reply:greeting:${ctx.event.dedupeKey}`,
      content: greetingContent(settings.shopName),
    },
    ctx.deps.clock.now(),
  );
}

/** One automatic acknowledgement per quiet period, never while a person is answering. */
async function instantReply(ctx: EventContext): Promise<void> {
  const { tx, conversation, event, page } = ctx;
  const settings = await shopSettings(tx, page.shopId);
  const reply = settings.instantReply ?? DEFAULT_INSTANT_REPLY;
  if (!reply.enabled) return;
  const at = new Date(event.timestamp);
  if (conversation.humanUntil && conversation.humanUntil > at) return;
  const recent = await tx.outboundMessage.findFirst({
    where: {
      pageId: page.pageId,
      psid: conversation.psid,
      purpose: "reply.instant",
      createdAt: { gt: new Date(ctx.deps.clock.now().getTime() - INSTANT_REPLY_QUIET_MS) },
    },
    select: { id: true },
  });
  if (recent) return;
  await queueMessage(
    tx,
    {
      shopId: page.shopId,
      pageId: page.pageId,
      psid: conversation.psid,
      category: "reply",
      purpose: "reply.instant",
      dedupeKey: `reply:${event.dedupeKey}`,
      content: instantReplyContent(reply),
    },
    ctx.deps.clock.now(),
  );
}

export const MESSENGER_EVENT_KINDS: MessengerEventKind[] = [
  "message",
  "echo",
  "postback",
  "referral",
  "optin",
  "delivery",
  "read",
  "reaction",
  "template_status",
  "handover",
  "unknown",
];
