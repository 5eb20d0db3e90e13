import type { Db, DbTx } from "../db/open-database.js";

/** The installed shop's row id for a verified shop domain (session token, webhook header), if installed. */
export async function findShopId(db: Db | DbTx, domain: string): Promise<string | undefined> {
  const shop = await db.shop.findUnique({ where: { domain }, select: { id: true } });
  return shop?.id;
}
