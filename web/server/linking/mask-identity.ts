/**
 * Masked identity for the in-thread confirmation ("Connected as J***. Not you?"): enough for the owner to
 * recognise, too little for someone holding a forwarded link to learn who the customer is.
 */
export function maskName(name: string | null | undefined): string {
  const first = [...(name ?? "").trim()][0];
  return first ? `${first.toUpperCase()}***` : "***";
}

/** "jane.doe@example.com" -> "j***@e***.com"; keeps the TLD so the shopper can tell accounts apart. */
export function maskEmail(email: string | null | undefined): string {
  const value = (email ?? "").trim();
  const at = value.lastIndexOf("@");
  if (at <= 0 || at === value.length - 1) return "***";
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  const dot = domain.lastIndexOf(".");
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : "";
  return `${[...local][0]}***@${[...host][0]}***${tld}`;
}

/** Prefers the first name, falls back to the email, never returns more than an initial and a TLD. */
export function maskIdentity(identity: { firstName?: string | null; email?: string | null }): string {
  if (identity.firstName?.trim()) return maskName(identity.firstName);
  return maskEmail(identity.email);
}
