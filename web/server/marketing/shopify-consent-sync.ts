import { z } from "zod";
import type { DbTx } from "../db/open-database.js";
import type { Deps } from "../deps.js";
import { enqueue } from "../jobs/enqueue.js";
import type { JobHandler } from "../jobs/worker.js";
import type { AdminOperation } from "../shopify/admin-api/admin-api-client.js";
import { isAdminApiError, jobOutcomeFor } from "../shopify/admin-api/admin-api-error.js";
import { readMarketingSettings } from "./marketing-settings.js";

/**
 * The Shopify side of marketing consent, for a linked customer: the merchant's customer tag (so they can segment)
 * added on opt-in and removed on opt-out, and the Flow triggers "Messenger opt-in" / "Messenger opt-out"
 * (extensions/messenger-opt-in, messenger-opt-out) fired with the customer id. Through the Admin API client, in a
 * durable job per change, serialized per customer.
 * https://shopify.dev/docs/api/admin-graphql/latest/mutations/tagsAdd
 * https://shopify.dev/docs/apps/build/flow/triggers/reference
 */
export const SHOPIFY_CONSENT_JOB_KIND = "marketing.shopify-sync";
export const FLOW_TRIGGER_HANDLES = { opt_in: "messenger-opt-in", opt_out: "messenger-opt-out" } as const;

export interface ShopifyConsentPayload {
  shop: string;
  customerId: string;
  change: keyof typeof FLOW_TRIGGER_HANDLES;
  /** Where the consent came from, or why it ended (the trigger's Source / Reason field). */
  detail: string;
}

const userErrors = z.array(z.object({ field: z.array(z.string()).nullable().optional(), message: z.string() }));
const tagsOperation = (
  mutation: "tagsAdd" | "tagsRemove",
): AdminOperation<Record<string, { userErrors: z.infer<typeof userErrors> }>> => ({
  name: mutation === "tagsAdd" ? "MessengerTagAdd" : "MessengerTagRemove",
  query: `mutation ${mutation === "tagsAdd" ? "MessengerTagAdd" : "MessengerTagRemove"}($id: ID!, $tags: [String!]!) {
  ${mutation}(id: $id, tags: $tags) {
    userErrors {
      field
      message
    }
  }
}`,
  data: z.record(z.string(), z.object({ userErrors })),
  cost: 10,
});

const FLOW_TRIGGER: AdminOperation<{ flowTriggerReceive: { userErrors: z.infer<typeof userErrors> } }> = {
  name: "MessengerFlowTrigger",
  query: `mutation MessengerFlowTrigger($handle: String, $payload: JSON) {
  flowTriggerReceive(handle: $handle, payload: $payload) {
    userErrors {
      field
      message
    }
  }
}`,
  data: z.object({ flowTriggerReceive: z.object({ userErrors }) }),
  cost: 10,
};

export function consentQueueKey(shopDomain: string, customerId: string): string {
  // Under the shop's `shopify:` prefix: serialized per customer, and removed by shop/redact with the rest.
  return `shopify:${shopDomain}:marketing:${customerId}`;
}

/** Queues the Shopify side of a consent change, in the caller's transaction. */
export async function enqueueShopifyConsent(
  tx: DbTx,
  input: {
    shopId: string;
    customerId: string | null;
    change: ShopifyConsentPayload["change"];
    detail: string;
    at: Date;
    now: Date;
  },
): Promise<void> {
  if (!input.customerId) return;
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: input.shopId }, select: { domain: true } });
  const payload: ShopifyConsentPayload = {
    shop: shop.domain,
    customerId: input.customerId,
    change: input.change,
    detail: input.detail,
  };
  await enqueue(
    tx,
    {
      kind: SHOPIFY_CONSENT_JOB_KIND,
      dedupeKey: `marketing.shopify-sync:${shop.domain}:${input.customerId}:${input.change}:${input.at.getTime()}`,
      payload,
      queueKey: consentQueueKey(shop.domain, input.customerId),
      orderAt: input.at,
      maxAttempts: 8,
    },
    input.now,
  );
}

export function shopifyConsentJob(deps: Deps): JobHandler {
  return async (job, { logger }) => {
    const payload = job.payload as ShopifyConsentPayload;
    const shop = await deps.db.shop.findUnique({ where: { domain: payload.shop } });
    if (!shop || shop.uninstalledAt) return { status: "done" };
    const settings = readMarketingSettings(shop.settings);
    const id = `gid://shopify/Customer/${payload.customerId}`;
    try {
      if (settings.customerTag) {
        const mutation = payload.change === "opt_in" ? "tagsAdd" : "tagsRemove";
        const result = await deps.adminApi.request(payload.shop, tagsOperation(mutation), {
          id,
          tags: [settings.customerTag],
        });
        const errors = result[mutation]?.userErrors ?? [];
        if (errors.length > 0)
          return { status: "dead", error: `${mutation}: ${errors.map((e) => e.message).join("; ")}` };
      }
      // Flow takes the customer reference as customer_id (a number) and each custom field under its key.
      const customerId = Number(payload.customerId);
      const flow = await deps.adminApi.request(payload.shop, FLOW_TRIGGER, {
        handle: FLOW_TRIGGER_HANDLES[payload.change],
        payload: {
          customer_id: Number.isSafeInteger(customerId) ? customerId : payload.customerId,
          [payload.change === "opt_in" ? "Source" : "Reason"]: payload.detail,
        },
      });
      const errors = flow.flowTriggerReceive.userErrors;
      if (errors.length > 0)
        return { status: "dead", error: `flowTriggerReceive: ${errors.map((e) => e.message).join("; ")}` };
    } catch (error) {
      if (!isAdminApiError(error)) throw error;
      logger.warn({ failure: error.failure }, "marketing consent sync to Shopify failed");
      return jobOutcomeFor(error);
    }
    logger.info({ change: payload.change }, "marketing consent synced to Shopify");
    return { status: "done" };
  };
}
