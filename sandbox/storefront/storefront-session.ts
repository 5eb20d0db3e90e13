import type { IncomingMessage } from "node:http";
import { z } from "zod";
import type { StorefrontCustomer } from "./render-storefront-page.js";

/**
 * Who is "logged in" on the sandbox storefront. Shopify knows this from its own session cookie and tells the
 * app proxy as logged_in_customer_id; the sandbox keeps it in a cookie of its own, set from the URL.
 */
const COOKIE = "sandbox_customer";
const customerId = z.string().regex(/^[1-9][0-9]{0,19}$/);
const firstName = z.string().trim().max(40);

export type Visitor = { kind: "customer"; customer: StorefrontCustomer } | { kind: "guest" };

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

function parseVisitor(text: string | undefined): Visitor | undefined {
  if (text === "guest") return { kind: "guest" };
  const [id, name] = (text ?? "").split(":", 2);
  const parsedId = customerId.safeParse(id);
  if (!parsedId.success) return undefined;
  const parsedName = firstName.safeParse(name ?? "");
  return { kind: "customer", customer: { id: parsedId.data, firstName: parsedName.success ? parsedName.data : "" } };
}

/** `?guest=1` or `?customer=<id>&name=<first>` switch the visitor; otherwise the cookie, then the default. */
export function visitorFromRequest(
  req: IncomingMessage,
  url: URL,
  fallback: StorefrontCustomer,
): { visitor: Visitor; setCookie?: string } {
  if (url.searchParams.get("guest") === "1") return { visitor: { kind: "guest" }, setCookie: cookie("guest") };
  const asked = url.searchParams.get("customer");
  if (asked !== null) {
    const visitor = parseVisitor(`${asked}:${url.searchParams.get("name") ?? ""}`);
    if (visitor) return { visitor, setCookie: cookie(`${asked}:${url.searchParams.get("name") ?? ""}`) };
  }
  return { visitor: currentVisitor(req, fallback) };
}

/** The visitor of a request that does not switch (the proxy, the order control). */
export function currentVisitor(req: IncomingMessage, fallback: StorefrontCustomer): Visitor {
  return parseVisitor(readCookie(req, COOKIE)) ?? { kind: "customer", customer: fallback };
}

function cookie(value: string): string {
  return `${COOKIE}=${encodeURIComponent(value)}; Path=/; SameSite=Lax; HttpOnly`;
}
