import { z } from "zod";

/**
 * Binary layout of a signed ref's payload. Compact on purpose: Meta's old-but-still-safest ref rule is
 * <= 250 chars of [A-Za-z0-9+/=\-.:_] (https://developers.facebook.com/docs/messenger-platform/discovery/m-me-links),
 * so JSON + base64 would not fit a 63-char shop handle with two 19-digit ids.
 *
 *   byte 0        kind (0 customer, 1 order, 2 entry) | 0x10 if a page id follows | 0x20 if a verifier follows
 *   bytes 1..4    expiry, unix seconds, uint32 big-endian
 *   bytes 5..16   nonce (12 random bytes, recorded by the consumer so a ref works once)
 *   [8 bytes]     customer or order id, uint64 (absent for kind "entry")
 *   [8 bytes]     Facebook Page id, uint64 (only with the 0x10 flag)
 *   [8 bytes]     order verifier, 16 hex chars as raw bytes (only with the 0x20 flag, only for kind "order")
 *   1 byte + n    entry point, ASCII [a-z0-9_]
 *   rest          shop handle (the part before ".myshopify.com"), ASCII
 *
 * Versioning: new optional fields get a new flag bit, so refs made before a field existed decode unchanged.
 */

export const REF_KINDS = ["customer", "order", "entry"] as const;
export type RefKind = (typeof REF_KINDS)[number];

/** Where the shopper met the link; open-ended so new entry points need no format change. */
export type EntryPoint = "bubble" | "thank_you" | "order_status" | "packaging" | "social" | (string & {});

export interface RefClaims {
  /** Permanent domain, e.g. "my-store.myshopify.com". */
  shop: string;
  kind: RefKind;
  /** Numeric Shopify customer id (legacy id, not the GID). Required for kind "customer". */
  customerId?: string;
  /** Numeric Shopify order id. Required for kind "order". */
  orderId?: string;
  entryPoint: EntryPoint;
  /** Facebook Page id the ref is meant for; optional, checked when the verifier expects one. */
  pageId?: string;
  /**
   * Order refs only: 16 lowercase hex chars (first 8 bytes of sha256 of the order's confirmation number).
   * Lets the binder prove the order is the shopper's even when the ref was issued before orders/create arrived.
   */
  verifier?: string;
}

export interface DecodedPayload {
  claims: RefClaims;
  expiresAtSeconds: number;
  nonce: Buffer;
}

export const NONCE_BYTES = 12;
const SHOP_SUFFIX = ".myshopify.com";
const PAGE_FLAG = 0x10;
const VERIFIER_FLAG = 0x20;
const VERIFIER_BYTES = 8;
const UINT64_MAX = (1n << 64n) - 1n;

// A DNS label is at most 63 chars; Shopify handles are DNS labels under myshopify.com.
const shopSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}\.myshopify\.com$/);
const numericIdSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,19}$/)
  .refine((s) => BigInt(s) <= UINT64_MAX, "id exceeds uint64");

export const claimsSchema = z
  .object({
    shop: shopSchema,
    kind: z.enum(REF_KINDS),
    customerId: numericIdSchema.optional(),
    orderId: numericIdSchema.optional(),
    entryPoint: z.string().regex(/^[a-z0-9_]{1,24}$/),
    pageId: numericIdSchema.optional(),
    verifier: z
      .string()
      .regex(/^[0-9a-f]{16}$/)
      .optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const wantsCustomer = c.kind === "customer";
    const wantsOrder = c.kind === "order";
    if (wantsCustomer !== (c.customerId !== undefined))
      ctx.addIssue({ code: "custom", message: "customerId iff kind customer" });
    if (wantsOrder !== (c.orderId !== undefined)) ctx.addIssue({ code: "custom", message: "orderId iff kind order" });
    if (!wantsOrder && c.verifier !== undefined)
      ctx.addIssue({ code: "custom", message: "verifier only for kind order" });
  });

export function encodePayload(claims: RefClaims, expiresAtSeconds: number, nonce: Buffer): Buffer {
  const id = claims.kind === "customer" ? claims.customerId : claims.kind === "order" ? claims.orderId : undefined;
  const handle = claims.shop.slice(0, -SHOP_SUFFIX.length);
  const parts: Buffer[] = [];
  const head = Buffer.alloc(5);
  const flags =
    REF_KINDS.indexOf(claims.kind) | (claims.pageId ? PAGE_FLAG : 0) | (claims.verifier ? VERIFIER_FLAG : 0);
  head.writeUInt8(flags, 0);
  head.writeUInt32BE(expiresAtSeconds, 1);
  parts.push(head, nonce);
  if (id !== undefined) parts.push(uint64(id));
  if (claims.pageId) parts.push(uint64(claims.pageId));
  if (claims.verifier) parts.push(Buffer.from(claims.verifier, "hex"));
  parts.push(Buffer.from([claims.entryPoint.length]), Buffer.from(claims.entryPoint, "ascii"));
  parts.push(Buffer.from(handle, "ascii"));
  return Buffer.concat(parts);
}

/** Returns undefined for anything that is not a well-formed payload; never throws. */
export function decodePayload(bytes: Buffer): DecodedPayload | undefined {
  let offset = 0;
  const take = (n: number): Buffer | undefined => {
    if (offset + n > bytes.length) return undefined;
    const slice = bytes.subarray(offset, offset + n);
    offset += n;
    return slice;
  };
  const head = take(5);
  const nonce = take(NONCE_BYTES);
  if (!head || !nonce) return undefined;
  const flags = head.readUInt8(0);
  const kind = REF_KINDS[flags & 0x0f];
  if (!kind || (flags & ~(0x0f | PAGE_FLAG | VERIFIER_FLAG)) !== 0) return undefined;
  const idBytes = kind === "entry" ? undefined : take(8);
  if (kind !== "entry" && !idBytes) return undefined;
  const pageBytes = flags & PAGE_FLAG ? take(8) : undefined;
  if (flags & PAGE_FLAG && !pageBytes) return undefined;
  const verifierBytes = flags & VERIFIER_FLAG ? take(VERIFIER_BYTES) : undefined;
  if (flags & VERIFIER_FLAG && !verifierBytes) return undefined;
  const lenByte = take(1);
  if (!lenByte) return undefined;
  const entry = take(lenByte.readUInt8(0));
  if (!entry) return undefined;
  const handle = bytes.subarray(offset).toString("latin1");
  const claims: RefClaims = {
    shop: handle + SHOP_SUFFIX,
    kind,
    entryPoint: entry.toString("latin1"),
    ...(kind === "customer" && idBytes ? { customerId: idBytes.readBigUInt64BE(0).toString() } : {}),
    ...(kind === "order" && idBytes ? { orderId: idBytes.readBigUInt64BE(0).toString() } : {}),
    ...(pageBytes ? { pageId: pageBytes.readBigUInt64BE(0).toString() } : {}),
    ...(verifierBytes ? { verifier: verifierBytes.toString("hex") } : {}),
  };
  // Re-validate so a decoded payload always satisfies the same rules as a created one.
  if (!claimsSchema.safeParse(claims).success) return undefined;
  return { claims, expiresAtSeconds: head.readUInt32BE(1), nonce: Buffer.from(nonce) };
}

function uint64(decimal: string): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(BigInt(decimal), 0);
  return out;
}
