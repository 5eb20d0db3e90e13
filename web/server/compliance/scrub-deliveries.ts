import type { DbTx } from "../db/open-database.js";

/** What a scrubbed delivery keeps: its row (so a repeat of the same webhook stays a no-op), no content. */
export const SCRUBBED_BODY = "{}";

/**
 * Blanks the stored bodies of received webhooks (Shopify for the shop, Meta for its Pages) that mention any
 * of the needles (customer id, order ids, PSIDs), plus the listed deliveries themselves. Ids are long
 * digit strings, so a substring match is specific; the row stays for deduplication.
 */
export async function scrubDeliveries(
  tx: DbTx,
  input: { accounts: string[]; needles: string[]; alsoIds?: bigint[] },
): Promise<number> {
  const needles = input.needles.filter((n) => n.length >= 6);
  const r = await tx.webhookDelivery.updateMany({
    where: {
      OR: [
        ...(needles.length
          ? [{ account: { in: input.accounts }, OR: needles.map((n) => ({ body: { contains: n } })) }]
          : []),
        ...(input.alsoIds?.length ? [{ id: { in: input.alsoIds } }] : []),
      ],
    },
    data: { body: SCRUBBED_BODY },
  });
  return r.count;
}
