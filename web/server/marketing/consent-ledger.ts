import type { DbTx, PrismaClient } from "../db/open-database.js";

/**
 * The consent ledger: one append-only row per consent fact, with exactly what the shopper was shown. Nothing here
 * updates a row (the database refuses UPDATE on consent_event too); redaction deletes and leaves one anonymous row.
 */
export const CONSENT_EVENTS = ["requested", "opted_in", "stopped", "resumed", "unsubscribed", "redacted"] as const;
export type ConsentEventKind = (typeof CONSENT_EVENTS)[number];
export const CONSENT_ACTORS = ["shopper", "merchant", "meta", "gdpr"] as const;
export type ConsentActor = (typeof CONSENT_ACTORS)[number];

export interface ConsentFact {
  shopId: string;
  pageId: string;
  psid: string;
  customerId?: string | null | undefined;
  event: Exclude<ConsentEventKind, "redacted">;
  actor: ConsentActor;
  source?: string | null | undefined;
  title?: string | null | undefined;
  imageUrl?: string | null | undefined;
  text?: string | null | undefined;
  locale?: string | null | undefined;
  at: Date;
}

type Db = DbTx | PrismaClient;

export async function appendConsent(db: Db, fact: ConsentFact): Promise<void> {
  await db.consentEvent.create({
    data: {
      shopId: fact.shopId,
      pageId: fact.pageId,
      psid: fact.psid,
      customerId: fact.customerId ?? null,
      event: fact.event,
      actor: fact.actor,
      source: fact.source ?? null,
      title: fact.title ?? null,
      imageUrl: fact.imageUrl ?? null,
      text: fact.text ?? null,
      locale: fact.locale ?? null,
      at: fact.at,
    },
  });
}

/** One thread's consent history, oldest first. */
export function consentHistory(db: Db, shopId: string, pageId: string, psid: string) {
  return db.consentEvent.findMany({
    where: { shopId, pageId, psid },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
}

/** The latest request shown to a thread with this title, to record with the opt-in exactly what was accepted. */
export function latestRequest(db: Db, pageId: string, psid: string, title: string | null) {
  return db.consentEvent.findFirst({
    where: { pageId, psid, event: "requested", ...(title !== null ? { title } : {}) },
    orderBy: [{ at: "desc" }, { id: "desc" }],
  });
}

/** A customer's ledger rows in a shop: their threads' rows and rows naming them, for the data-request export. */
export function consentOfCustomer(
  db: Db,
  shopId: string,
  customerId: string | undefined,
  threads: readonly { pageId: string; psid: string }[],
) {
  const or = [...(customerId ? [{ customerId }] : []), ...threads.map((t) => ({ pageId: t.pageId, psid: t.psid }))];
  if (or.length === 0) return Promise.resolve([]);
  return db.consentEvent.findMany({ where: { shopId, OR: or }, orderBy: [{ at: "asc" }, { id: "asc" }] });
}

/**
 * customers/redact: deletes every ledger row of the customer and their threads, then leaves one row per Page that
 * names no one (no PSID, customer, title or text): the proof that a redaction was carried out, and when, which is
 * what accountability (GDPR art. 5(2)) needs without keeping personal data. See README, "Consent ledger".
 */
export async function redactConsent(
  tx: DbTx,
  shopId: string,
  customerId: string | undefined,
  threads: readonly { pageId: string; psid: string }[],
  at: Date,
): Promise<number> {
  const or = [...(customerId ? [{ customerId }] : []), ...threads.map((t) => ({ pageId: t.pageId, psid: t.psid }))];
  if (or.length === 0) return 0;
  const rows = await tx.consentEvent.findMany({ where: { shopId, OR: or }, select: { pageId: true } });
  const { count } = await tx.consentEvent.deleteMany({ where: { shopId, OR: or } });
  const pages = [...new Set([...rows.map((r) => r.pageId), ...threads.map((t) => t.pageId)])];
  if (pages.length > 0) {
    await tx.consentEvent.createMany({
      data: pages.map((pageId) => ({ shopId, pageId, psid: null, event: "redacted", actor: "gdpr", at })),
    });
  }
  return count;
}
