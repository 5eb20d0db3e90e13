import { z } from "zod";
import type { DbTx, PrismaClient } from "../db/open-database.js";
import type { Deps } from "../deps.js";
import { enqueue } from "../jobs/enqueue.js";
import type { JobHandler } from "../jobs/worker.js";
import type { AdminOperation } from "../shopify/admin-api/admin-api-client.js";
import { isAdminApiError, jobOutcomeFor } from "../shopify/admin-api/admin-api-error.js";

/**
 * The bubble (extensions/messenger-bubble/blocks/messenger-bubble.liquid) reads the Page it opens from the
 * app-data metafield `app.metafields.messenger.page_username`: a metafield owned by the app installation,
 * written with metafieldsSet (ownerId = currentAppInstallation.id) and readable by no other app.
 * https://shopify.dev/docs/apps/build/custom-data/metafields/app-data (previously /docs/apps/custom-data/metafields/app-data)
 *
 * The job is state-based: it writes what the database says now (the shop's first connected Page's username,
 * or its id when it has none, which m.me also accepts) or deletes the metafield when no Page is connected. So
 * connect, reconnect, rename and disconnect all just enqueue it, and retries or reordering cannot go wrong.
 */
export const BUBBLE_METAFIELDS_JOB_KIND = "storefront.bubble-metafields";
export const BUBBLE_METAFIELD = { namespace: "messenger", key: "page_username", type: "single_line_text_field" };

const APP_INSTALLATION_QUERY: AdminOperation<{ currentAppInstallation: { id: string } }> = {
  name: "BubbleAppInstallation",
  query: `query BubbleAppInstallation {
  currentAppInstallation {
    id
  }
}`,
  data: z.object({ currentAppInstallation: z.object({ id: z.string().startsWith("gid://shopify/AppInstallation/") }) }),
  cost: 1,
};

const userErrors = z.array(z.object({ field: z.array(z.string()).nullable().optional(), message: z.string() }));

const METAFIELDS_SET: AdminOperation<{
  metafieldsSet: { metafields: { key: string; value: string }[] | null; userErrors: z.infer<typeof userErrors> } | null;
}> = {
  name: "BubbleMetafieldsSet",
  query: `mutation BubbleMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) {
    metafields {
      key
      value
    }
    userErrors {
      field
      message
    }
  }
}`,
  data: z.object({
    metafieldsSet: z
      .object({ metafields: z.array(z.object({ key: z.string(), value: z.string() })).nullable(), userErrors })
      .nullable(),
  }),
  cost: 12,
};

const METAFIELDS_DELETE: AdminOperation<{
  metafieldsDelete: { userErrors: z.infer<typeof userErrors> } | null;
}> = {
  name: "BubbleMetafieldsDelete",
  query: `mutation BubbleMetafieldsDelete($metafields: [MetafieldIdentifierInput!]!) {
  metafieldsDelete(metafields: $metafields) {
    deletedMetafields {
      key
    }
    userErrors {
      field
      message
    }
  }
}`,
  data: z.object({ metafieldsDelete: z.object({ userErrors }).nullable() }),
  cost: 12,
};

/** Call in the transaction that changed the shop's Pages; `reason` (connect, disconnect, rename…) is for the logs. */
export async function enqueueBubbleSync(tx: DbTx | PrismaClient, shopId: string, now: Date, reason: string) {
  return enqueue(
    tx,
    {
      kind: BUBBLE_METAFIELDS_JOB_KIND,
      dedupeKey: `storefront.bubble-metafields:${shopId}:${reason}:${now.getTime()}`,
      payload: { shopId, reason },
      queueKey: `bubble:${shopId}`,
      maxAttempts: 10,
    },
    now,
  );
}

/** What the bubble should open for this shop: its first connected (active or paused) Page, or nothing. */
export async function bubblePageHandle(
  db: Pick<PrismaClient, "pageConnection">,
  shopId: string,
): Promise<string | null> {
  const page = await db.pageConnection.findFirst({
    where: { shopId, status: { in: ["active", "paused"] } },
    orderBy: { createdAt: "asc" },
    select: { pageId: true, pageUsername: true },
  });
  return page ? (page.pageUsername ?? page.pageId) : null;
}

export function bubbleMetafieldsJob(deps: Deps): JobHandler {
  return async (job, { logger }) => {
    const { shopId } = job.payload as { shopId?: unknown };
    if (typeof shopId !== "string") return { status: "dead", error: "payload.shopId missing" };
    const shop = await deps.db.shop.findUnique({
      where: { id: shopId },
      select: { domain: true, uninstalledAt: true },
    });
    if (!shop || shop.uninstalledAt) return { status: "done" }; // uninstalling removes app-data metafields
    const handle = await bubblePageHandle(deps.db, shopId);
    try {
      const { currentAppInstallation } = await deps.adminApi.request(shop.domain, APP_INSTALLATION_QUERY);
      const identifier = {
        ownerId: currentAppInstallation.id,
        namespace: BUBBLE_METAFIELD.namespace,
        key: BUBBLE_METAFIELD.key,
      };
      const errors = handle
        ? (
            await deps.adminApi.request(shop.domain, METAFIELDS_SET, {
              metafields: [{ ...identifier, type: BUBBLE_METAFIELD.type, value: handle }],
            })
          ).metafieldsSet?.userErrors
        : (await deps.adminApi.request(shop.domain, METAFIELDS_DELETE, { metafields: [identifier] })).metafieldsDelete
            ?.userErrors;
      if (errors === undefined)
        return { status: "dead", error: "Shopify returned no payload for the metafield mutation" };
      if (errors.length > 0)
        return { status: "dead", error: `metafield refused: ${errors.map((e) => e.message).join("; ")}` };
      logger.info({ shop: shop.domain, page: handle, written: !!handle }, "bubble metafield synced");
      return { status: "done" };
    } catch (error) {
      if (isAdminApiError(error)) return jobOutcomeFor(error);
      throw error;
    }
  };
}
