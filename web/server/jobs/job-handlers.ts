import type { Deps } from "../deps.js";
import { INBOX_JOB_KIND } from "../inbox/record-delivery.js";
import { processDelivery, type DeliveryHandlers } from "../inbox/process-delivery.js";
import type { JobHandler } from "./worker.js";

/** Which code handles each received webhook topic. */
export function deliveryHandlers(): DeliveryHandlers {
  return { shopify: {}, meta: {} };
}

/** Every job kind the app runs, and who handles it. */
export function jobHandlers(deps: Deps): Record<string, JobHandler> {
  const deliveries = deliveryHandlers();
  return {
    [INBOX_JOB_KIND]: (job, ctx) => processDelivery(deps, deliveries, job, ctx.logger),
  };
}
