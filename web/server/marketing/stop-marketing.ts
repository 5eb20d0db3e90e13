import { randomUUID } from "node:crypto";
import type { DbTx } from "../db/open-database.js";
import type { Deps } from "../deps.js";
import { enqueue } from "../jobs/enqueue.js";
import { appendConsent, type ConsentActor } from "./consent-ledger.js";
import { enqueueShopifyConsent } from "./shopify-consent-sync.js";
import { setMarketingStatus, subscriptionOf } from "./subscriptions.js";

export const UNSUBSCRIBE_JOB_KIND = "marketing.unsubscribe";

export interface UnsubscribePayload {
  pageId: string;
  /** Plain PSID; after customers/redact only its ciphertext travels (psidCiphertext) and the job writes nothing back. */
  psid?: string;
  psidCiphertext?: string;
  redacted?: boolean;
  /** When the Page connection is being deleted (Meta data deletion), its token travels with the job, encrypted. */
  pageTokenCiphertext?: string;
}

/**
 * Stops marketing for one thread at once and has Meta unsubscribe the PSID at Page level
 * (POST /{page-id}/messaging_customer_base/unsubscribe) through a durable job, so a Graph outage loses nothing.
 * Used by the typed "stop", unlinking, customers/redact and Meta's data deletion. `always` calls Meta even when we
 * hold no subscription: a shopper who typed "stop" may have been subscribed by a Click-to-Messenger ad.
 */
export async function stopMarketing(
  tx: DbTx,
  deps: Pick<Deps, "cipher">,
  input: {
    shopId: string;
    pageId: string;
    psid: string;
    actor: ConsentActor;
    source: string;
    reason: string;
    at: Date;
    now: Date;
    always?: boolean;
    redacted?: boolean;
    pageTokenCiphertext?: string;
  },
): Promise<{ stopped: boolean; unsubscribeQueued: boolean }> {
  const before = await subscriptionOf(tx, input.pageId, input.psid);
  let stopped = false;
  if (before && !input.redacted) {
    const applied = await setMarketingStatus(tx, deps.cipher, { ...input, status: "stopped" });
    stopped = applied !== null && before.status !== "stopped";
    if (applied !== null && before.status === "subscribed") {
      await enqueueShopifyConsent(tx, {
        shopId: input.shopId,
        customerId: before.customerId,
        change: "opt_out",
        detail: input.reason,
        at: input.at,
        now: input.now,
      });
    }
    if (applied !== null) {
      await appendConsent(tx, {
        shopId: input.shopId,
        pageId: input.pageId,
        psid: input.psid,
        customerId: before.customerId,
        event: "stopped",
        actor: input.actor,
        source: input.source,
        at: input.at,
      });
    }
  }
  if (!before && !input.always && !input.redacted) return { stopped, unsubscribeQueued: false };
  // A redacted customer's PSID must not be readable in the outbox: it travels encrypted, under a key naming no one.
  const payload: UnsubscribePayload = {
    pageId: input.pageId,
    ...(input.redacted ? { psidCiphertext: deps.cipher.encrypt(input.psid), redacted: true } : { psid: input.psid }),
    ...(input.pageTokenCiphertext ? { pageTokenCiphertext: input.pageTokenCiphertext } : {}),
  };
  const queued = await enqueue(
    tx,
    {
      kind: UNSUBSCRIBE_JOB_KIND,
      dedupeKey: input.redacted
        ? `unsubscribe:${input.pageId}:redacted:${randomUUID()}`
        : `unsubscribe:${input.pageId}:${input.psid}:${input.at.getTime()}`,
      payload,
      maxAttempts: 12,
    },
    input.now,
  );
  return { stopped, unsubscribeQueued: queued > 0 };
}
