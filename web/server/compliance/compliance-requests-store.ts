import type { DbTx } from "../db/open-database.js";

/** A customers/data_request answered by the app: what we hold for the customer, kept for the merchant. */
export interface StoredDataRequest {
  dataRequestId: string;
  customerId?: string;
  receivedAt: string;
  export: CustomerDataExport;
}

export interface CustomerDataExport {
  customerId?: string;
  shopperLinks: unknown[];
  conversations: unknown[];
  orders: unknown[];
  messages: unknown[];
  /** Marketing consent: subscriptions (without the token) and every consent-ledger row. */
  marketingSubscriptions?: unknown[];
  consentLedger?: unknown[];
}

/** Kept under Shop.settings.complianceRequests (no table of its own); the newest few are enough. */
const KEEP = 50;

type Settings = Record<string, unknown> & { complianceRequests?: StoredDataRequest[] };

async function lockedSettings(tx: DbTx, shopId: string): Promise<Settings> {
  await tx.$queryRaw`SELECT id FROM shop WHERE id = ${shopId}::uuid FOR UPDATE`;
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { settings: true } });
  return (shop.settings ?? {}) as Settings;
}

export async function storeDataRequest(tx: DbTx, shopId: string, request: StoredDataRequest): Promise<void> {
  const settings = await lockedSettings(tx, shopId);
  const others = (settings.complianceRequests ?? []).filter((r) => r.dataRequestId !== request.dataRequestId);
  const complianceRequests = [request, ...others].slice(0, KEEP);
  await tx.shop.update({
    where: { id: shopId },
    data: { settings: JSON.parse(JSON.stringify({ ...settings, complianceRequests })) as object },
  });
}

/** A redacted customer's exports go too: they are that customer's data. */
export async function dropDataRequestsOf(tx: DbTx, shopId: string, customerId: string): Promise<void> {
  const settings = await lockedSettings(tx, shopId);
  const complianceRequests = (settings.complianceRequests ?? []).filter((r) => r.customerId !== customerId);
  await tx.shop.update({
    where: { id: shopId },
    data: { settings: JSON.parse(JSON.stringify({ ...settings, complianceRequests })) as object },
  });
}

export function listDataRequests(settings: unknown): StoredDataRequest[] {
  return ((settings ?? {}) as Settings).complianceRequests ?? [];
}
