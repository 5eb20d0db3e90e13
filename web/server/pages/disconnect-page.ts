import type { PrismaClient } from "../db/open-database.js";
import type { Deps } from "../deps.js";
import type { PageGraphCalls } from "./page-graph-calls.js";

type DisconnectDeps = Pick<Deps, "db" | "cipher" | "logger"> & { pageGraph: PageGraphCalls };

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
  await deps.db.pageConnection.deleteMany({ where: { shopId, pageId } });
  deps.logger.info({ pageId }, "page disconnected");
  return true;
}

/**
 * Meta's deauthorize callback: the Facebook user removed the app, so every Page token they granted is void.
 * The Pages stay listed as "revoked" (the merchant sees why sends stopped); the tokens are gone.
 */
export async function revokePagesConnectedBy(
  db: Pick<PrismaClient, "pageConnection">,
  appUserId: string,
  now: Date,
): Promise<number> {
  const { count } = await db.pageConnection.updateMany({
    where: { connectedBy: appUserId },
    data: { status: "revoked", statusReason: "app removed on Facebook", tokenCiphertext: NO_TOKEN, authErrorAt: now },
  });
  return count;
}

/** Meta's data-deletion callback: removes every Page connection (and token) this Facebook user made. */
export async function deletePagesConnectedBy(
  db: Pick<PrismaClient, "pageConnection">,
  appUserId: string,
): Promise<number> {
  const { count } = await db.pageConnection.deleteMany({ where: { connectedBy: appUserId } });
  return count;
}
