import type { EventContext } from "../conversations/process-meta-event.js";
import { queueMessage } from "../messaging/queue-message.js";
import { askForOptin } from "./optin-requests.js";
import { marketingCommand, stopConfirmation } from "./marketing-commands-text.js";
import { stopMarketing } from "./stop-marketing.js";

/**
 * Typed marketing commands: "stop" / "unsubscribe" (8 languages) stops marketing, confirms in the thread and has
 * Meta unsubscribe the PSID; "offers" asks for consent with the opt-in request. Returns true when handled.
 */
export async function marketingCommands(ctx: EventContext): Promise<boolean> {
  const { event, tx, page, conversation, deps, logger } = ctx;
  if (event.kind !== "message" || event.quickReplyPayload) return false;
  const command = marketingCommand(event.text);
  if (command === null) return false;
  const now = deps.clock.now();
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: page.shopId }, select: { primaryLocale: true } });
  const locale = conversation.locale ?? shop.primaryLocale;
  const base = { shopId: page.shopId, pageId: page.pageId, psid: conversation.psid };
  if (command === "stop") {
    const result = await stopMarketing(tx, deps, {
      ...base,
      actor: "shopper",
      source: "typed_stop",
      reason: "typed stop",
      at: new Date(event.timestamp),
      now,
      always: true,
    });
    await queueMessage(
      tx,
      {
        ...base,
        category: "system_notice",
        purpose: "marketing.stopped",
        dedupeKey: `marketing:stop:${event.dedupeKey}`,
        content: stopConfirmation(locale),
      },
      now,
    );
    logger.info({ ...result }, "shopper typed stop: marketing stopped");
    return true;
  }
  const asked = await askForOptin(tx, { ...base, moment: "keyword", cause: event.dedupeKey, locale, now });
  return asked;
}
