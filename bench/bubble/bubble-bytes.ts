import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { EXTENSION_DIR } from "../../sandbox/storefront/shopify-liquid.js";

/** The bubble's budget: JS + CSS, compressed (product spec, capability 1). */
export const BUBBLE_BYTE_BUDGET = 4096;
export const BUBBLE_ASSETS = ["messenger-bubble.js", "messenger-bubble.css"] as const;

export interface AssetBytes {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

/**
 * Compressed sizes of the asset files as shipped. Shopify's CDN picks the encoding, so both are given; gzip
 * level 9 and brotli quality 11 are what a CDN uses for static files, and the larger (gzip) is held to the budget.
 */
export function bubbleAssetBytes(dir = join(EXTENSION_DIR, "assets")): { files: AssetBytes[]; total: AssetBytes } {
  const files = BUBBLE_ASSETS.map((file) => {
    const bytes = readFileSync(join(dir, file));
    return {
      file,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
  const sum = (key: "raw" | "gzip" | "brotli") => files.reduce((n, f) => n + f[key], 0);
  return { files, total: { file: "JS + CSS", raw: sum("raw"), gzip: sum("gzip"), brotli: sum("brotli") } };
}
