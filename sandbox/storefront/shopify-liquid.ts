import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Liquid } from "liquidjs";

/**
 * A minimal Shopify-flavoured liquidjs engine for rendering the real theme app extension Liquid outside
 * Shopify: only the filters and objects the bubble block uses are stubbed. Unknown filters fail loudly
 * (strictFilters) so a new filter in the block cannot silently render as nothing here.
 */

export const EXTENSION_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../extensions/messenger-bubble");
export const BUBBLE_BLOCK_FILE = join(EXTENSION_DIR, "blocks/messenger-bubble.liquid");

const SCHEMA_TAG = /{%-?\s*schema\s*-?%}([\s\S]*?){%-?\s*endschema\s*-?%}/;

export interface BlockSchemaSetting {
  type: string;
  id?: string;
  default?: unknown;
  options?: { value: string; label: string }[];
  min?: number;
  max?: number;
  step?: number;
  [key: string]: unknown;
}

export interface BlockSchema {
  name: string;
  target: string;
  settings: BlockSchemaSetting[];
  [key: string]: unknown;
}

export function readBlockSource(file = BUBBLE_BLOCK_FILE): string {
  return readFileSync(file, "utf8");
}

export function parseBlockSchema(source: string): BlockSchema {
  const match = SCHEMA_TAG.exec(source);
  if (!match?.[1]) throw new Error("block has no {% schema %}");
  return JSON.parse(match[1]) as BlockSchema;
}

/** Settings as Shopify would pass them before the merchant changes anything. */
export function schemaDefaults(schema: BlockSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of schema.settings) {
    if (!s.id) continue;
    out[s.id] = s.default ?? (s.type === "checkbox" ? false : null);
  }
  return out;
}

type Translations = Record<string, unknown>;

/** Shopify locale codes ("fr", "pt-BR"); anything else falls back to English (and never reaches a path). */
export function normalizeLocale(locale: string | undefined): string {
  return locale && /^[a-z]{2,3}(-[A-Z]{2})?$/.test(locale) ? locale : "en";
}

export function readStorefrontLocale(requested: string): Translations {
  const fallback = JSON.parse(readFileSync(join(EXTENSION_DIR, "locales/en.default.json"), "utf8")) as Translations;
  const locale = normalizeLocale(requested);
  if (locale === "en") return fallback;
  try {
    const own = JSON.parse(readFileSync(join(EXTENSION_DIR, `locales/${locale}.json`), "utf8")) as Translations;
    return { ...fallback, ...own };
  } catch {
    return fallback;
  }
}

export interface EngineOptions {
  assetBaseUrl: string;
  translations: Translations;
}

export function createShopifyLiquid(options: EngineOptions): Liquid {
  const engine = new Liquid({ strictFilters: true, strictVariables: false, outputEscape: undefined });
  engine.registerFilter("asset_url", (name: unknown) => options.assetBaseUrl + encodeURIComponent(String(name)));
  // Mirrors Shopify's output for stylesheet_tag (https://shopify.dev/docs/api/liquid/filters/stylesheet_tag).
  engine.registerFilter(
    "stylesheet_tag",
    (url: unknown) => `<link href="${escapeHtml(String(url))}" rel="stylesheet" type="text/css" media="all" />`,
  );
  engine.registerFilter("t", (key: unknown) => {
    const value = String(key)
      .split(".")
      .reduce<unknown>(
        (node, part) => (node && typeof node === "object" ? (node as Translations)[part] : undefined),
        options.translations,
      );
    return typeof value === "string" ? value : `translation missing: ${String(key)}`;
  });
  return engine;
}

/** Removes the schema so liquidjs does not need a Shopify-only tag; Shopify renders it as nothing too. */
export function stripSchema(source: string): string {
  return source.replace(SCHEMA_TAG, "");
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
