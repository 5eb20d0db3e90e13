import type { Db, DbTx } from "../db/open-database.js";

/**
 * Replaces one section ("notifications", "marketing", …) of the shop's settings JSON, leaving the others as
 * they are. The shop row is locked first, so two admins saving different sections never lose each other's
 * change. `afterSave` runs in the same transaction (e.g. to queue the work the new settings need).
 * Returns false when the shop is not installed.
 */
export async function saveShopSettingsSection(
  db: Db,
  domain: string,
  section: string,
  value: unknown,
  afterSave?: (tx: DbTx, shopId: string) => Promise<void>,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM shop WHERE domain = ${domain} FOR UPDATE`;
    const shop = await tx.shop.findUnique({ where: { domain }, select: { id: true, settings: true } });
    if (!shop) return false;
    const settings = { ...((shop.settings ?? {}) as object), [section]: value };
    await tx.shop.update({
      where: { id: shop.id },
      data: { settings: JSON.parse(JSON.stringify(settings)) as object },
    });
    await afterSave?.(tx, shop.id);
    return true;
  });
}
