/**
 * m.me links and the unsigned entry-point ref a guest click carries.
 * Format: https://m.me/<PAGE_USERNAME_or_PAGE_ID>?ref=<ref>
 * (https://developers.facebook.com/docs/messenger-platform/discovery/m-me-links).
 */

const PAGE_PATTERN = /^[A-Za-z0-9.]{1,100}$/;
const ENTRY_PATTERN = /^[a-z0-9_]{1,24}$/;
export const ENTRY_REF_PREFIX = "ep.";

/** Page usernames are letters, digits and "."; ids are digits. Anything else is refused. */
export function isValidPageHandle(page: string): boolean {
  return PAGE_PATTERN.test(page);
}

/** `linkBase` is https://m.me in production (MESSENGER_LINK_BASE); the sandbox points it at the Meta emulator. */
export function buildMeLink(page: string, ref?: string, linkBase = "https://m.me"): string {
  if (!isValidPageHandle(page)) throw new Error("m-me-link: invalid page username or id");
  const base = `${linkBase}/${page}`;
  return ref ? `${base}?ref=${encodeURIComponent(ref)}` : base;
}

/** Attribution-only ref ("ep.bubble"): proves nothing, binds nothing. Distinct from signed "v1." refs. */
export function entryPointRef(entryPoint: string): string {
  if (!ENTRY_PATTERN.test(entryPoint)) throw new Error("m-me-link: invalid entry point");
  return ENTRY_REF_PREFIX + entryPoint;
}

/** Returns the entry point of an unsigned entry ref, or undefined for anything else. */
export function parseEntryPointRef(ref: unknown): string | undefined {
  if (typeof ref !== "string" || !ref.startsWith(ENTRY_REF_PREFIX)) return undefined;
  const entryPoint = ref.slice(ENTRY_REF_PREFIX.length);
  return ENTRY_PATTERN.test(entryPoint) ? entryPoint : undefined;
}
