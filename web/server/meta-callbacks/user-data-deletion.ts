import { createHash, randomBytes } from "node:crypto";
import type { Deps } from "../deps.js";
import { stopMarketingOfPages } from "../marketing/forget-marketing.js";
import { deletePagesConnectedBy } from "../pages/disconnect-page.js";

/**
 * Deletes what we hold about one Facebook Login user. `appUserId` is the app-scoped id of the merchant
 * who connected Pages through Facebook Login for Business, not a shopper's PSID: shoppers' data goes with
 * Shopify's customers/redact (spec §10.1). What we hold about that person is their Page connections and
 * the tokens they granted. The request is recorded with a pseudonymous hash of the id, so the record
 * itself keeps nothing that names them.
 */
export async function deleteUserData(deps: Pick<Deps, "db" | "clock" | "cipher">, appUserId: string) {
  const code = randomBytes(10).toString("hex");
  const now = deps.clock.now();
  const deleted = await deps.db.$transaction(async (tx) => {
    const pages = await tx.pageConnection.findMany({
      where: { connectedBy: appUserId },
      select: { shopId: true, pageId: true, tokenCiphertext: true },
    });
    await stopMarketingOfPages(tx, deps, pages, now);
    const count = await deletePagesConnectedBy(tx, appUserId, now);
    await tx.dataDeletionRequest.create({
      data: { code, appUserId: pseudonym(appUserId), status: "completed", requestedAt: now, completedAt: now },
    });
    return count;
  });
  return { code, deletedConnections: deleted };
}

export function pseudonym(appUserId: string): string {
  return `sha256:${createHash("sha256").update(appUserId).digest("hex")}`;
}
