import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { themeCheckRun } from "@shopify/theme-check-node";
import { afterAll, describe, expect, it } from "vitest";
import {
  BUBBLE_BLOCK_FILE,
  EXTENSION_DIR,
  parseBlockSchema,
  readBlockSource,
} from "../../../sandbox/storefront/shopify-liquid.js";

const scratch = mkdtempSync(join(tmpdir(), "mcb-theme-check-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function offenses(root: string) {
  const run = await themeCheckRun(root, undefined, () => {});
  return {
    context: run.config.context,
    offenses: run.offenses.map((o) => `${o.severity} ${o.check} ${o.uri} ${o.message}`),
  };
}

describe("theme-check", () => {
  it("passes on the extension with the theme-app-extension config and reports nothing", async () => {
    const result = await offenses(EXTENSION_DIR);
    expect(result.context).toBe("app");
    expect(result.offenses).toEqual([]);
  });

  it("does catch a broken copy (proves the check actually runs)", async () => {
    const copy = join(scratch, "broken");
    cpSync(EXTENSION_DIR, copy, { recursive: true });
    const block = join(copy, "blocks/messenger-bubble.liquid");
    writeFileSync(block, readFileSync(block, "utf8").replace("'bubble.greeting' | t", "'bubble.nope' | t"));
    const result = await offenses(copy);
    expect(result.offenses.some((o) => o.startsWith("0 TranslationKeyExists"))).toBe(true);
  });
});

const ALLOWED_SETTING_TYPES = new Set([
  "text",
  "textarea",
  "checkbox",
  "number",
  "range",
  "select",
  "radio",
  "color",
  "url",
  "header",
  "paragraph",
]);

describe("block schema", () => {
  const schema = parseBlockSchema(readBlockSource());
  const inputs = schema.settings.filter((s) => s.id);

  it("is an app embed on body", () => {
    expect(schema.target).toBe("body");
  });

  it("stays within Shopify's 25 settings per block and uses known types with unique ids", () => {
    expect(schema.settings.length).toBeLessThanOrEqual(25);
    for (const s of schema.settings) expect(ALLOWED_SETTING_TYPES.has(s.type), s.type).toBe(true);
    expect(new Set(inputs.map((s) => s.id)).size).toBe(inputs.length);
  });

  it("has range settings with at most 101 steps and defaults on a step", () => {
    for (const s of schema.settings.filter((x) => x.type === "range")) {
      const { min = 0, max = 0, step = 1 } = s;
      expect((max - min) / step, s.id).toBeLessThanOrEqual(101);
      expect(((Number(s.default) - min) / step) % 1, s.id).toBe(0);
    }
  });

  it("has select defaults among their options", () => {
    for (const s of schema.settings.filter((x) => x.type === "select")) {
      expect(s.options?.map((o) => o.value)).toContain(s.default);
    }
  });

  it("the Liquid source never prints request data", () => {
    const source = readFileSync(BUBBLE_BLOCK_FILE, "utf8");
    // request.* is only read in conditions (page_type, design_mode), never output.
    expect(source).not.toMatch(/{{[^}]*request\./);
    expect(source).not.toMatch(/{{[^}]*customer\./);
  });
});

describe("extension layout and locales", () => {
  it("contains only what Shopify accepts in a theme app extension", () => {
    expect(readdirSync(EXTENSION_DIR).sort()).toEqual(["assets", "blocks", "locales", "shopify.extension.toml"]);
    for (const f of readdirSync(join(EXTENSION_DIR, "assets")))
      expect(f).toMatch(/\.(js|css|svg|png|jpe?g|json|wasm)$/);
    expect(readFileSync(join(EXTENSION_DIR, "shopify.extension.toml"), "utf8")).toMatch(/^type = "theme"$/m);
  });

  const localeDir = join(EXTENSION_DIR, "locales");
  const keys = (file: string): string[] => {
    const walk = (node: unknown, prefix: string): string[] =>
      node && typeof node === "object"
        ? Object.entries(node).flatMap(([k, v]) => walk(v, prefix ? `${prefix}.${k}` : k))
        : [prefix];
    return walk(JSON.parse(readFileSync(join(localeDir, file), "utf8")), "").sort();
  };

  it.each(["es", "fr", "de", "it", "pt-BR", "lt", "ru"])(
    "%s has exactly the English schema and storefront keys",
    (locale) => {
      expect(keys(`${locale}.schema.json`)).toEqual(keys("en.default.schema.json"));
      expect(keys(`${locale}.json`)).toEqual(keys("en.default.json"));
    },
  );

  it("block names fit the 25-character limit in every language", () => {
    for (const file of readdirSync(localeDir).filter((f) => f.endsWith(".schema.json"))) {
      const name = (JSON.parse(readFileSync(join(localeDir, file), "utf8")) as { blocks: { bubble: { name: string } } })
        .blocks.bubble.name;
      expect(name.length, file).toBeLessThanOrEqual(25);
    }
  });
});
