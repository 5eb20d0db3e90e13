import type { Deps } from "../deps.js";
import type { ClaimedJob, JobOutcome } from "../jobs/job.js";
import type { Logger } from "../lib/logger.js";
import { classifyGraphError, retryAfterMs, type GraphErrorClass } from "../messenger/graph/classify-graph-error.js";
import { isGraphApiError } from "../messenger/graph/graph-error.js";
import { echoMetadata } from "../messaging/echo-metadata.js";
import type { OutboundContent } from "../messaging/outbound-content.js";
import { pausePage } from "../pages/page-health.js";
import { clearPageRestriction, restrictPageSends } from "../pages/page-restriction.js";
import { marketingFacts } from "../marketing/marketing-facts.js";
import { optinRequestFacts, recordOptinRequestSent } from "../marketing/optin-requests.js";
import type { MessageCategory } from "../policy/message-category.js";
import { decideSend } from "../policy/send-decision.js";
import type { Transport, UtilityTemplateFacts, UtilityTemplateStatus } from "../policy/send-request.js";
import { backoffDelayMs } from "../jobs/backoff.js";
import { buildSendRequest } from "./build-send-request.js";
import { deferSend } from "./defer-send.js";
import type { RateLimiter } from "./rate-limiter.js";

type MessageRow = NonNullable<Awaited<ReturnType<Deps["db"]["outboundMessage"]["findUnique"]>>>;

/**
 * Sends one queued message. The policy runs again here, at send time, with current facts (the window
 * may have closed since the message was queued). A message that has Meta's message id is never sent
 * again, and every skip or failure is recorded on the message with its reason.
 *
 * Order against a crash: `send_started_at` is committed before the Send API call and Meta's id after it.
 * A kill between the two leaves a queued message with `send_started_at` set, exactly like a timed-out
 * call: the next attempt waits AMBIGUOUS_SEND_RETRY_MS from that moment (and from this process's start)
 * for Meta's echo, which carries our metadata and marks the message sent (conversations/reconcile-echo.ts),
 * and while that echo sits received but unprocessed in the inbox, before it sends again.
 */
export function sendMessageJob(deps: Deps, limiter: RateLimiter, processStartedAt: Date = deps.clock.now()) {
  return async (job: ClaimedJob, { logger, signal }: { logger: Logger; signal?: AbortSignal }): Promise<JobOutcome> => {
    const { messageId } = job.payload as { messageId: string };
    const message = await deps.db.outboundMessage.findUnique({ where: { id: BigInt(messageId) } });
    if (!message || message.providerMessageId || message.status !== "queued") return { status: "done" };
    const log = logger.child({ messageId, pageId: message.pageId, psid: message.psid, purpose: message.purpose });

    const [page, conversation] = await Promise.all([
      deps.db.pageConnection.findUnique({ where: { pageId: message.pageId } }),
      deps.db.conversation.findUnique({ where: { pageId_psid: { pageId: message.pageId, psid: message.psid } } }),
    ]);
    const content = message.content as unknown as OutboundContent;
    const now = deps.clock.now();
    const decision = decideSend({
      category: message.category as MessageCategory,
      now,
      lastUserInteractionAt: conversation?.lastInteractionAt ?? null,
      recipientState: conversation?.state === "unavailable" ? "unavailable" : "reachable",
      pageStatus: !page
        ? "revoked"
        : page.status === "active"
          ? "active"
          : page.status === "paused"
            ? "paused"
            : "revoked",
      humanAuthor: message.humanAuthor,
      utilityTemplate: await utilityTemplateFacts(deps, message.pageId, content),
      marketing:
        message.category === "marketing" ? await marketingFacts(deps.db, deps.cipher, message).catch(() => null) : null,
      optinRequest:
        message.category === "optin_request"
          ? await optinRequestFacts(deps.db, message, content).catch(() => null)
          : null,
      textParts: content.textParts ?? [],
    });
    if (decision.action === "skip") {
      await finish(deps, message, {
        status: "skipped",
        reasonCode: decision.code,
        reason: decision.reason,
        rule: decision.rule,
      });
      log.info({ outcome: "skipped", code: decision.code }, "message not sent");
      return { status: "done" };
    }
    const body = buildSendRequest(message.psid, decision.transport, content, echoMetadata(message.id));
    if (typeof body === "string" || !page) {
      await finish(deps, message, {
        status: "failed",
        reasonCode: "invalid_content",
        reason: typeof body === "string" ? body : "no page",
        rule: decision.rule,
      });
      return { status: "done" };
    }
    // Meta restricted the Page for a while (10 / 1893063): the message waits, in its place, until sending resumes.
    if (page.sendsPausedUntil && page.sendsPausedUntil > now) {
      await deferSend(deps, job, message, page.sendsPausedUntil, page.sendsPausedReason ?? "Page restricted.");
      log.info({ outcome: "deferred", until: page.sendsPausedUntil.toISOString() }, "page restricted; send deferred");
      return { status: "done" };
    }
    if (message.sendStartedAt) {
      // Counted from this process's start too: echoes Meta could not deliver while the app was down arrive
      // (Meta redelivers) and are processed only once it is up again.
      const from = Math.max(message.sendStartedAt.getTime(), processStartedAt.getTime());
      const waitMs = from + deps.config.meta.ambiguousSendRetryMs - now.getTime();
      if (waitMs > 0 || (await echoAwaitsProcessing(deps, message))) {
        log.info({ outcome: "awaiting_echo", waitMs }, "an earlier send has no known outcome; waiting for its echo");
        return {
          status: "retry",
          error: "waiting for the echo of an earlier send with no known outcome",
          delayMs: Math.max(waitMs, 500),
        };
      }
    }
    await limiter.take(page.pageId);
    // The lease passed on while waiting: another worker may run this job now, so do not call Meta here.
    if (signal?.aborted) return { status: "retry", error: "job lease lost before the send call" };
    const started = await deps.db.outboundMessage.updateMany({
      where: { id: message.id, status: "queued", providerMessageId: null },
      data: { sendStartedAt: deps.clock.now() },
    });
    if (started.count === 0) return { status: "done" };
    try {
      const result = await deps.graph.sendMessage(page.pageId, deps.cipher.decrypt(page.tokenCiphertext), body);
      await finish(deps, message, {
        status: "sent",
        providerMessageId: result.messageId,
        transport: transportLabel(decision.transport),
        reason: decision.reason,
        rule: decision.rule,
        sentAt: deps.clock.now(),
      });
      if (page.sendsPausedUntil) await clearPageRestriction(deps.db, page.pageId, deps.clock.now());
      // The consent ledger keeps exactly what an opt-in request showed; the policy's cool-down reads it back.
      if (message.category === "optin_request") await recordOptinRequestSent(deps.db, message, content, now);
      deps.metrics.sends.inc({ outcome: "sent", transport: transportLabel(decision.transport) });
      log.info({ outcome: "sent", transport: transportLabel(decision.transport) }, "message sent");
      return { status: "done" };
    } catch (error) {
      const outcome = await onSendError({
        deps,
        limiter,
        message,
        error,
        log,
        transport: transportLabel(decision.transport),
        attempts: job.attempts,
      });
      if (outcome.status === "retry" && job.attempts >= job.maxAttempts) {
        await finish(deps, message, {
          status: "failed",
          reasonCode: "gave_up",
          reason: `No answer from Meta after ${job.attempts} attempts`,
          lastError: outcome.error,
        });
        return { status: "dead", error: outcome.error };
      }
      return outcome;
    }
  };
}

/** What a permanent Graph failure means for the merchant; other classes read "Meta refused the message". */
const PERMANENT_FAILURES: Partial<Record<GraphErrorClass, { reasonCode: string; reason: string }>> = {
  auth_broken: { reasonCode: "page_auth_broken", reason: "The Page connection needs to be renewed" },
  recipient_unavailable: {
    reasonCode: "recipient_unavailable",
    reason: "The shopper can't receive messages from this Page right now",
  },
  window_closed: { reasonCode: "window_closed", reason: "Meta refused: outside the messaging window" },
};

async function onSendError(params: {
  deps: Deps;
  limiter: RateLimiter;
  message: MessageRow;
  error: unknown;
  log: Logger;
  transport: string;
  attempts: number;
}): Promise<JobOutcome> {
  const { deps, message, error, log } = params;
  const kind: GraphErrorClass = classifyGraphError(error);
  const detail = error instanceof Error ? error.message.slice(0, 500) : String(error);
  const now = deps.clock.now();
  log.warn({ outcome: kind, error: detail }, "send failed");
  switch (kind) {
    case "retry": {
      // A timeout is ambiguous: Meta may have delivered the message. Wait long enough for its echo (which
      // marks the message sent, see conversations/reconcile-echo.ts) before trying again. Any answer from
      // Meta, even a 5xx, means it did not send: the next attempt may go at once.
      const ambiguous = isGraphApiError(error) && error.failure === "timeout";
      await deps.db.outboundMessage.update({
        where: { id: message.id },
        data: ambiguous ? { lastError: detail } : { lastError: detail, sendStartedAt: null },
      });
      return ambiguous
        ? {
            status: "retry",
            error: detail,
            delayMs: Math.max(
              deps.config.meta.ambiguousSendRetryMs,
              backoffDelayMs(params.attempts, deps.config.jobBackoff),
            ),
          }
        : { status: "retry", error: detail };
    }
    case "page_restricted": {
      // Not this message's fault and not permanent: the Page waits (the pause is in the database, so every
      // instance honours it), then this message is tried again.
      const waitMs = deps.config.meta.restrictedPauseMs;
      await restrictPageSends(deps.db, message.pageId, new Date(now.getTime() + waitMs));
      await deps.db.outboundMessage.update({ where: { id: message.id }, data: { lastError: detail } });
      return { status: "retry", error: detail, delayMs: waitMs };
    }
    case "rate_limited": {
      // Meta's usage headers say when sends may resume; without them, back off like any retry.
      const waitMs = retryAfterMs(error) ?? backoffDelayMs(params.attempts, deps.config.jobBackoff);
      await params.limiter.pause(message.pageId, waitMs);
      await deps.db.outboundMessage.update({
        where: { id: message.id },
        data: { lastError: detail, sendStartedAt: null },
      });
      return { status: "retry", error: detail, delayMs: waitMs };
    }
  }
  // Everything else is permanent: record why, and act on what it says about the Page or the shopper.
  if (kind === "auth_broken") {
    await pausePage(deps.db, message.pageId, "Facebook rejected the Page token (error 190): reconnect the Page", now);
  }
  if (kind === "recipient_unavailable") {
    await deps.db.conversation.updateMany({
      where: { pageId: message.pageId, psid: message.psid },
      data: { state: "unavailable", stateReason: detail, updatedAt: now },
    });
  }
  const failure = PERMANENT_FAILURES[kind] ?? { reasonCode: `graph_${kind}`, reason: "Meta refused the message" };
  await finish(deps, message, { status: "failed", ...failure, lastError: detail });
  deps.metrics.sends.inc({ outcome: "failed", transport: params.transport });
  return { status: "done" };
}

/**
 * Whether Meta's echo of this message was received but not yet processed (webhooks are persisted first and
 * worked later): after a restart the backlog of redelivered webhooks can take longer than the wait, and
 * sending then would repeat a delivered message. Only unprocessed deliveries of the Page are searched.
 */
async function echoAwaitsProcessing(deps: Deps, message: MessageRow): Promise<boolean> {
  const waiting = await deps.db.webhookDelivery.count({
    where: {
      source: "meta",
      account: message.pageId,
      processedAt: null,
      body: { contains: JSON.stringify(echoMetadata(message.id)) },
    },
  });
  return waiting > 0;
}

/** Settles a message once: only a still-queued message changes, so a late duplicate job changes nothing. */
async function finish(
  deps: Deps,
  message: MessageRow,
  data: {
    status: "sent" | "skipped" | "failed";
    reasonCode?: string;
    reason?: string;
    rule?: string;
    transport?: string;
    providerMessageId?: string;
    sentAt?: Date;
    lastError?: string;
  },
): Promise<void> {
  if (data.status === "skipped") deps.metrics.sends.inc({ outcome: "skipped", transport: "none" });
  await deps.db.outboundMessage.updateMany({
    where: { id: message.id, status: "queued", providerMessageId: null },
    data: { ...data, decidedAt: deps.clock.now() },
  });
}

async function utilityTemplateFacts(
  deps: Deps,
  pageId: string,
  content: OutboundContent,
): Promise<UtilityTemplateFacts | null> {
  if (!content.utility) return null;
  const row = await deps.db.utilityTemplate.findUnique({
    where: { pageId_name_language: { pageId, name: content.utility.name, language: content.utility.language } },
  });
  if (!row || row.status === "draft") return null;
  return { name: row.name, language: row.language, status: row.status as UtilityTemplateStatus };
}

export function transportLabel(transport: Transport): string {
  switch (transport.kind) {
    case "standard":
      return transport.messagingType;
    case "utility_template":
      return "UTILITY";
    case "message_tag":
      return `MESSAGE_TAG:${transport.tag}`;
    case "marketing_message":
      return "MARKETING_MESSAGE";
  }
}
