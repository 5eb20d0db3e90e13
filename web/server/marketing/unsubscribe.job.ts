import type { Deps } from "../deps.js";
import type { ClaimedJob, JobOutcome } from "../jobs/job.js";
import type { Logger } from "../lib/logger.js";
import { classifyGraphError } from "../messenger/graph/classify-graph-error.js";
import { appendConsent } from "./consent-ledger.js";
import type { UnsubscribePayload } from "./stop-marketing.js";

/**
 * Tells Meta to unsubscribe one PSID from the Page's marketing audience, then forgets the subscription token
 * (it can never be used again). Transient Graph failures retry with backoff; a permanent refusal is dead-lettered
 * with Meta's message so an operator sees it.
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/marketing-messages-on-messenger/faq#unsubscribe-api
 */
export function unsubscribeJob(deps: Deps) {
  return async (job: ClaimedJob, { logger }: { logger: Logger }): Promise<JobOutcome> => {
    const payload = job.payload as UnsubscribePayload;
    const page = await deps.db.pageConnection.findUnique({ where: { pageId: payload.pageId } });
    const ciphertext = payload.pageTokenCiphertext ?? page?.tokenCiphertext;
    if (!ciphertext) {
      logger.warn({ pageId: payload.pageId }, "unsubscribe: the Page is no longer connected; nothing to call");
      return { status: "dead", error: "page not connected" };
    }
    const psid = payload.psid ?? (payload.psidCiphertext ? deps.cipher.decrypt(payload.psidCiphertext) : undefined);
    if (!psid) return { status: "dead", error: "unsubscribe job without a PSID" };
    try {
      const result = await deps.graph.unsubscribeMarketing(payload.pageId, deps.cipher.decrypt(ciphertext), [{ psid }]);
      if (result.invalidRows > 0) return { status: "dead", error: "Meta refused the PSID as an invalid row" };
    } catch (error) {
      const kind = classifyGraphError(error);
      const detail = error instanceof Error ? error.message.slice(0, 500) : String(error);
      logger.warn({ outcome: kind, error: detail }, "unsubscribe call failed");
      if (kind === "retry" || kind === "rate_limited") return { status: "retry", error: detail };
      return { status: "dead", error: detail };
    }
    if (payload.redacted) {
      // Meta has been told; the outbox keeps nothing of the redacted shopper, not even encrypted.
      await deps.db.outboxJob.update({
        where: { id: job.id },
        data: { payload: { pageId: payload.pageId, redacted: true } },
      });
    } else {
      const now = deps.clock.now();
      await deps.db.$transaction(async (tx) => {
        const sub = await tx.marketingSubscription.findUnique({
          where: { pageId_psid: { pageId: payload.pageId, psid } },
        });
        // A shopper who opted in again after the stop keeps the new token.
        if (sub && sub.status === "stopped") {
          await tx.marketingSubscription.update({ where: { id: sub.id }, data: { tokenCiphertext: null } });
        }
        if (page) {
          await appendConsent(tx, {
            shopId: page.shopId,
            pageId: payload.pageId,
            psid,
            customerId: sub?.customerId ?? null,
            event: "unsubscribed",
            actor: "meta",
            source: "unsubscribe_api",
            at: now,
          });
        }
      });
    }
    logger.info({ pageId: payload.pageId }, "shopper unsubscribed at Meta");
    return { status: "done" };
  };
}
