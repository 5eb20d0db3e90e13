import type { DbTx, PrismaClient } from "../db/open-database.js";
import type { Deps } from "../deps.js";
import { enqueueBubbleSync } from "../storefront/bubble-metafields.js";
import type { PageGraphCalls } from "./page-graph-calls.js";

type DisconnectDeps = Pick<Deps, "db" | "cipher" | "logger" | "clock"> & { pageGraph: PageGraphCalls };

/** What a stored token becomes once deleted; the column is required, so the ciphertext is emptied. */
export const NO_TOKEN = "";

/**
 * The merchant disconnects a Page: unsubscribe the app (best effort: the token may already be dead) and
 * delete the connection with its token, as the Platform Terms ask once data is no longer needed (spec §10.2).
 * Returns false when the shop has no such Page.
 */
export async function disconnectPage(deps: DisconnectDeps, shopId: string, pageId: string): Promise<boolean> {
  const page = await deps.db.pageConnection.findFirst({ where: { shopId, pageId } });
  if (!page) return false;
  if (page.tokenCiphertext) {
    try {
      await deps.pageGraph.unsubscribeApp(pageId, deps.cipher.decrypt(page.tokenCiphertext));
    } catch (error) {
      deps.logger.warn({ pageId, err: (error as Error).name }, "unsubscribe on disconnect failed; deleting anyway");
    }
  }
  await deps.db.$transaction(async (tx) => {
    await tx.pageConnection.deleteMany({ where: { shopId, pageId } });
    // The bubble stops opening this Page: the job deletes the metafield (or points it at another Page).
    await enqueueBubbleSync(tx, shopId, deps.clock.now(), "disconnect");
  });
  deps.logger.info({ pageId }, "page disconnected");
  return true;
}

/**
 * Meta's deauthorize callback: the Facebook user removed the app, so every Page token they granted is void.
 * The Pages stay listed as "revoked" (the merchant sees why sends stopped); the tokens are gone.
 */
export async function revokePagesConnectedBy(db: PrismaClient, appUserId: string, now: Date): Promise<number> {
  return db.$transaction(async (tx) => {
    const shops = await shopsOfPagesConnectedBy(tx, appUserId);
    const { count } = await tx.pageConnection.updateMany({
      where: { connectedBy: appUserId },
      data: { status: "revoked", statusReason: "app removed on Facebook", tokenCiphertext: NO_TOKEN, authErrorAt: now },
    });
    for (const shopId of shops) await enqueueBubbleSync(tx, shopId, now, "revoked");
    return count;
  });
}

/** Meta's data-deletion callback: removes every Page connection (and token) this Facebook user made. */
export async function deletePagesConnectedBy(tx: DbTx, appUserId: string, now: Date): Promise<number> {
  const shops = await shopsOfPagesConnectedBy(tx, appUserId);
  const { count } = await tx.pageConnection.deleteMany({ where: { connectedBy: appUserId } });
  for (const shopId of shops) await enqueueBubbleSync(tx, shopId, now, "deleted");
  return count;
}

async function shopsOfPagesConnectedBy(tx: DbTx, appUserId: string): Promise<string[]> {
  const pages = await tx.pageConnection.findMany({ where: { connectedBy: appUserId }, select: { shopId: true } });
  return [...new Set(pages.map((p) => p.shopId))];
}
