import { z } from "zod";
import type { DbTx, PrismaClient } from "../db/open-database.js";
import type { Deps } from "../deps.js";
import type { DeliveryHandler } from "../inbox/process-delivery.js";
import { enqueue } from "../jobs/enqueue.js";
import type { JobHandler } from "../jobs/worker.js";
import type { AdminOperation } from "./admin-api/admin-api-client.js";
import { isAdminApiError, jobOutcomeFor } from "./admin-api/admin-api-error.js";

/**
 * The store's name (what shoppers see), currency, IANA time zone and country, read from the Admin API at
 * install and whenever Shopify sends shop/update. The webhook only says "something changed": the job reads the
 * current values, so late or reordered deliveries cannot bring back an old name.
 * https://shopify.dev/docs/api/admin-graphql/latest/objects/Shop
 */
export const SHOP_SYNC_JOB_KIND = "shopify.shop-sync";

export const SHOP_PROFILE_QUERY: AdminOperation<{
  shop: { name: string; currencyCode: string; ianaTimezone: string; billingAddress: { countryCodeV2: string | null } };
}> = {
  name: "ShopProfile",
  query: `query ShopProfile {
  shop {
    name
    currencyCode
    ianaTimezone
    billingAddress {
      countryCodeV2
    }
  }
}`,
  data: z.object({
    shop: z.object({
      name: z.string().min(1),
      currencyCode: z.string().regex(/^[A-Z]{3}$/),
      ianaTimezone: z.string().min(1),
      billingAddress: z.object({
        countryCodeV2: z
          .string()
          .regex(/^[A-Z]{2}$/)
          .nullable(),
      }),
    }),
  }),
  cost: 2,
};

export async function enqueueShopSync(tx: DbTx | PrismaClient, domain: string, now: Date, reason: string) {
  return enqueue(
    tx,
    {
      kind: SHOP_SYNC_JOB_KIND,
      dedupeKey: `shopify.shop-sync:${domain}:${reason}:${now.getTime()}`,
      payload: { shop: domain },
      // Under the shop's `shopify:` prefix: serialized per shop, and removed by shop/redact with the rest.
      queueKey: `shopify:${domain}:shop-sync`,
      maxAttempts: 8,
    },
    now,
  );
}

export function shopSyncJob(deps: Deps): JobHandler {
  return async (job, { logger }) => {
    const { shop: domain } = job.payload as { shop?: unknown };
    if (typeof domain !== "string") return { status: "dead", error: "payload.shop missing" };
    const shop = await deps.db.shop.findUnique({ where: { domain }, select: { uninstalledAt: true } });
    if (!shop || shop.uninstalledAt) return { status: "done" };
    try {
      const { shop: profile } = await deps.adminApi.request(domain, SHOP_PROFILE_QUERY);
      await deps.db.shop.update({
        where: { domain },
        data: {
          name: profile.name,
          currencyCode: profile.currencyCode,
          ianaTimezone: profile.ianaTimezone,
          countryCode: profile.billingAddress.countryCodeV2,
          shopSyncedAt: deps.clock.now(),
        },
      });
      logger.info({ shop: domain }, "shop profile synced from the Admin API");
      return { status: "done" };
    } catch (error) {
      if (isAdminApiError(error)) return jobOutcomeFor(error);
      throw error;
    }
  };
}

/** shop/update (REST-shaped Shop payload): read the shop again from the Admin API. */
export const shopUpdateHandler: DeliveryHandler = async (deps, delivery) => {
  const domain = delivery.account.toLowerCase();
  await enqueueShopSync(deps.db, domain, deps.clock.now(), `update-${delivery.id}`);
};
