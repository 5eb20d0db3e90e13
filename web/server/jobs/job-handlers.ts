import type { Deps } from "../deps.js";
import { INBOX_JOB_KIND } from "../inbox/record-delivery.js";
import { processDelivery, type DeliveryHandlers } from "../inbox/process-delivery.js";
import type { JobHandler } from "./worker.js";
import { complianceDeliveryHandlers } from "../compliance/compliance-webhook-handlers.js";
import { orderDeliveryHandlers } from "../orders/order-webhook-handlers.js";
import {
  TEMPLATES_ENSURE_JOB_KIND,
  TEMPLATES_POLL_JOB_KIND,
  ensureTemplatesJob,
  pollTemplatesJob,
} from "../templates/template-jobs.js";
import {
  metaDeliveryHandler,
  MESSENGER_EVENT_KINDS,
  type ConversationHooks,
} from "../conversations/process-meta-event.js";
import { SEND_JOB_KIND } from "../messaging/queue-message.js";
import { createRateLimiter } from "../dispatch/rate-limiter.js";
import { sendMessageJob } from "../dispatch/send-message.job.js";
import { recordTemplateStatus } from "../conversations/template-status.js";
import { bindFromReferral } from "../linking/bind-from-referral.js";
import { unlinkFromThread } from "../linking/unlink-from-thread.js";
import { askAfterReferral } from "../marketing/optin-moments.js";
import { marketingCommands } from "../marketing/marketing-commands.js";
import { handleOptinEvent } from "../marketing/handle-optin-event.js";
import { UNSUBSCRIBE_JOB_KIND } from "../marketing/stop-marketing.js";
import { unsubscribeJob } from "../marketing/unsubscribe.job.js";
import { SHOPIFY_CONSENT_JOB_KIND, shopifyConsentJob } from "../marketing/shopify-consent-sync.js";
import { PAGE_HEALTH_JOB_KIND, pageHealthJob } from "../pages/page-health.job.js";
import { PRUNE_JOB_KIND, pruneJob } from "../maintenance/prune.job.js";
import { SHOP_SYNC_JOB_KIND, shopSyncJob, shopUpdateHandler } from "../shopify/shop-profile.js";
import { BUBBLE_METAFIELDS_JOB_KIND, bubbleMetafieldsJob } from "../storefront/bubble-metafields.js";

/** Which code handles each received webhook topic. */
export function deliveryHandlers(): DeliveryHandlers {
  const conversationHooks: ConversationHooks = {
    onTemplateStatus: recordTemplateStatus,
    onReferral: async (ctx, ref, source) => {
      const bound = await bindFromReferral(ctx, ref, source);
      await askAfterReferral(ctx, ref, bound);
      return bound;
    },
    onMessage: async (ctx) => (await unlinkFromThread(ctx)) || (await marketingCommands(ctx)),
    onOptin: handleOptinEvent,
  };
  const onMessengerEvent = metaDeliveryHandler(conversationHooks);
  return {
    shopify: { ...orderDeliveryHandlers(), ...complianceDeliveryHandlers(), "shop/update": shopUpdateHandler },
    meta: Object.fromEntries(MESSENGER_EVENT_KINDS.map((kind) => [kind, onMessengerEvent])),
  };
}

/** Every job kind the app runs, and who handles it. */
export function jobHandlers(deps: Deps): Record<string, JobHandler> {
  const deliveries = deliveryHandlers();
  // Paced through the database, so every worker of every instance shares one rate per Page.
  const limiter = createRateLimiter(deps.db, deps.config.pageSendRatePerSecond);
  return {
    [INBOX_JOB_KIND]: (job, ctx) => processDelivery(deps, deliveries, job, ctx.logger),
    [TEMPLATES_ENSURE_JOB_KIND]: ensureTemplatesJob(deps),
    [TEMPLATES_POLL_JOB_KIND]: pollTemplatesJob(deps),
    [SEND_JOB_KIND]: sendMessageJob(deps, limiter),
    [PAGE_HEALTH_JOB_KIND]: pageHealthJob(deps),
    [PRUNE_JOB_KIND]: pruneJob(deps),
    [SHOP_SYNC_JOB_KIND]: shopSyncJob(deps),
    [BUBBLE_METAFIELDS_JOB_KIND]: bubbleMetafieldsJob(deps),
    [UNSUBSCRIBE_JOB_KIND]: unsubscribeJob(deps),
    [SHOPIFY_CONSENT_JOB_KIND]: shopifyConsentJob(deps),
  };
}
