import { buildMeLink, entryPointRef, parseEntryPointRef } from "../linking/m-me-link.js";
import { decodePayload } from "../linking/ref-payload.js";

/**
 * Plain m.me links per place a merchant can show them (chat bubble, order-status page, packaging inserts,
 * social posts). Their ref is the unsigned "ep.<entry>" form: it attributes an open to a source and binds
 * nothing (https://developers.facebook.com/docs/messenger-platform/discovery/m-me-links). Messenger QR
 * codes are the same links, so the QR endpoints encode exactly these URLs.
 */

// "offers" is the "Get offers" link/QR: opening it asks the shopper for marketing consent (marketing/optin-moments.ts).
export const GROWTH_ENTRY_POINTS = ["bubble", "order_status", "packaging", "social", "offers"] as const;
export type GrowthEntryPoint = (typeof GROWTH_ENTRY_POINTS)[number];

export interface GrowthLink {
  entryPoint: GrowthEntryPoint;
  ref: string;
  url: string;
}

export function isGrowthEntryPoint(value: unknown): value is GrowthEntryPoint {
  return typeof value === "string" && (GROWTH_ENTRY_POINTS as readonly string[]).includes(value);
}

export function growthLink(pageHandle: string, entryPoint: GrowthEntryPoint, linkBase?: string): GrowthLink {
  const ref = entryPointRef(entryPoint);
  return { entryPoint, ref, url: buildMeLink(pageHandle, ref, linkBase) };
}

export function growthLinks(pageHandle: string, linkBase?: string): GrowthLink[] {
  return GROWTH_ENTRY_POINTS.map((entryPoint) => growthLink(pageHandle, entryPoint, linkBase));
}

/**
 * The source a referral came from, for counting opens and bindings per source. Reads unsigned "ep." refs
 * and the entry point inside signed "v1." refs WITHOUT checking the signature: attribution only, never a
 * reason to trust the ref (binding goes through verifyRef). Anything else is undefined. Never throws.
 */
export function entryPointFromRef(ref: unknown): string | undefined {
  const unsigned = parseEntryPointRef(ref);
  if (unsigned !== undefined) return unsigned;
  if (typeof ref !== "string" || ref.length > 250) return undefined;
  const parts = ref.split(".");
  if (parts.length !== 4 || parts[0] !== "v1" || !/^[A-Za-z0-9_-]+$/.test(parts[2]!)) return undefined;
  return decodePayload(Buffer.from(parts[2]!, "base64url"))?.claims.entryPoint;
}
