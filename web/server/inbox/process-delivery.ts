import type { Deps } from "../deps.js";
import type { ClaimedJob, JobOutcome } from "../jobs/job.js";
import type { Logger } from "../lib/logger.js";

export type DeliveryHandler = (
  deps: Deps,
  delivery: {
    id: bigint;
    source: string;
    topic: string;
    account: string;
    body: string;
    eventAt: Date | null;
    receivedAt: Date;
  },
  logger: Logger,
) => Promise<JobOutcome | void>;

/** Topic handlers by source. A topic without a handler is a logged no-op; the delivery stays in the inbox. */
export type DeliveryHandlers = Record<"shopify" | "meta", Record<string, DeliveryHandler>>;

export async function processDelivery(
  deps: Deps,
  handlers: DeliveryHandlers,
  job: ClaimedJob,
  logger: Logger,
): Promise<JobOutcome | void> {
  const { deliveryId } = job.payload as { deliveryId: string };
  const delivery = await deps.db.webhookDelivery.findUnique({ where: { id: BigInt(deliveryId) } });
  if (!delivery) return { status: "done" };
  const handler = handlers[delivery.source as keyof DeliveryHandlers]?.[delivery.topic];
  const log = logger.child({ source: delivery.source, topic: delivery.topic, deliveryId });
  if (!handler) {
    log.info("no handler for this topic; delivery kept and ignored");
  } else {
    const outcome = await handler(deps, delivery, log);
    if (outcome && outcome.status !== "done") return outcome;
  }
  await deps.db.webhookDelivery.update({ where: { id: delivery.id }, data: { processedAt: deps.clock.now() } });
  return { status: "done" };
}
