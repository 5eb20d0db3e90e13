import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { EXTENSION_DIR, readBlockSource } from "../../sandbox/storefront/shopify-liquid.js";

/** The bubble's budget: JS + CSS, compressed (product spec, capability 1). */
export const BUBBLE_BYTE_BUDGET = 4096;
/** The one file the storefront downloads (after the first paint); CSS and the placement script are inline. */
export const BUBBLE_SCRIPT = "messenger-bubble.js";

export interface AssetBytes {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

/** The rules inside the block's inline <style> (Liquid-free, so they are served exactly as written). */
export function inlineBubbleCss(source = readBlockSource()): string {
  const match = /<style>([\s\S]*?)<\/style>/.exec(source);
  if (!match?.[1]) throw new Error("the bubble block has no inline <style>");
  return match[1].trim();
}

/** The block's inline <script> (placement and the loader of the script file), as written in the Liquid. */
export function inlineBubbleScript(source = readBlockSource()): string {
  const match = /<script>([\s\S]*?)<\/script>/.exec(source);
  if (!match?.[1]) throw new Error("the bubble block has no inline <script>");
  return match[1].trim();
}

function measure(file: string, bytes: Buffer): AssetBytes {
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/**
 * Compressed sizes of what the bubble ships: the script file, and the inline script and CSS (which travel
 * inside the page's HTML). Shopify's CDN picks the encoding, so both are given; gzip level 9 and brotli quality 11 are
 * what a CDN uses for static files, and the larger (gzip) is held to the budget. Each part is compressed on
 * its own, which overstates the inline parts (inside the page they share the document's compression window).
 */
export function bubbleAssetBytes(dir = join(EXTENSION_DIR, "assets")): { files: AssetBytes[]; total: AssetBytes } {
  const files = [
    measure(BUBBLE_SCRIPT, readFileSync(join(dir, BUBBLE_SCRIPT))),
    measure("inline <script> in the block", Buffer.from(inlineBubbleScript())),
    measure("inline <style> in the block", Buffer.from(inlineBubbleCss())),
  ];
  const sum = (key: "raw" | "gzip" | "brotli") => files.reduce((n, f) => n + f[key], 0);
  return { files, total: { file: "JS + CSS", raw: sum("raw"), gzip: sum("gzip"), brotli: sum("brotli") } };
}
