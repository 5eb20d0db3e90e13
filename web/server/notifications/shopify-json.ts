import { z } from "zod";

/**
 * Parses a Shopify webhook body. Integer literals beyond 2^53 come back as their exact decimal text,
 * because JSON.parse would silently round them (Shopify ids are 64-bit; webhook JSON carries them as
 * bare numbers: https://shopify.dev/docs/api/usage/ids). Uses the reviver's source text (V8 ≥ 11.4).
 */
export function parseShopifyJson(raw: string): unknown {
  const reviver = (_key: string, value: unknown, context?: { source?: string }): unknown => {
    if (
      typeof value === "number" &&
      !Number.isSafeInteger(value) &&
      context?.source &&
      /^-?\d+$/.test(context.source)
    ) {
      return context.source;
    }
    return value;
  };
  return JSON.parse(raw, reviver as (key: string, value: unknown) => unknown);
}

const DIGITS = /^\d{1,20}$/;

/** A Shopify numeric id as a decimal string: accepts a safe JSON number or an exact string. */
export const shopifyIdSchema = z.union([
  z.string().regex(DIGITS, "not a numeric id"),
  z
    .number()
    .int()
    .nonnegative()
    // An unsafe number here means the body was parsed without parseShopifyJson and is already rounded.
    .refine((n) => Number.isSafeInteger(n), "id exceeds 2^53: parse the raw body with parseShopifyJson")
    .transform((n) => String(n)),
]);

/** Extracts the numeric id from `gid://shopify/Order/123`, which is exact because it is a string. */
export function idFromGid(gid: string | null | undefined): string | undefined {
  const match = /^gid:\/\/shopify\/[A-Za-z]+\/(\d{1,20})(?:\?.*)?$/.exec(gid ?? "");
  return match?.[1];
}

/** Prefers the exact gid over a numeric id, so a body parsed elsewhere cannot carry a rounded id. */
export function exactId(id: string | undefined, gid: string | null | undefined): string | undefined {
  return idFromGid(gid) ?? id;
}

export const nullableString = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);
