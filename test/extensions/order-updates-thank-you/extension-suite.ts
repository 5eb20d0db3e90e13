import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseToml, type TomlTable } from "smol-toml";
import {
  accessChains,
  extensionDir,
  jsxElements,
  LOCALES,
  localeFiles,
  parseSource,
  readJson,
  readToml,
  translationKeys,
} from "./extension-checks.js";

export interface ExtensionSpec {
  name: string;
  target: string;
  module: string;
  entryPoint: "thank_you" | "order_status";
  /** API fields the source must read, as property chains. */
  reads: string[];
}

/** API versions with Preact + Polaris web components (2025-10+); 2026-07 is the one @shopify/ui-extensions 2026.7.x ships. */
const SUPPORTED_API_VERSIONS = ["2025-10", "2026-01", "2026-04", "2026-07", "2026-10"];

export function describeExtension(spec: ExtensionSpec): void {
  const dir = extensionDir(spec.name);

  describe(`${spec.name}: shopify.extension.toml`, () => {
    const toml = readToml(dir);
    const extension = (toml.extensions as TomlTable[])[0]!;

    it("is one ui_extension on a Preact-era API version", () => {
      expect(SUPPORTED_API_VERSIONS).toContain(toml.api_version);
      expect(toml.extensions).toHaveLength(1);
      expect(extension).toMatchObject({ type: "ui_extension", handle: spec.name });
      expect(typeof extension.name).toBe("string");
    });

    it(`targets ${spec.target} with an existing module`, () => {
      expect(extension.targeting).toEqual([{ target: spec.target, module: spec.module }]);
      expect(parseSource(join(dir, spec.module)).errors).toEqual([]);
    });

    it("declares network access (and nothing it does not use)", () => {
      expect(extension.capabilities).toEqual({ network_access: true });
    });
  });

  describe(`${spec.name}: package.json`, () => {
    it("depends on preact, @preact/signals and @shopify/ui-extensions for the same API version", () => {
      const pkg = readJson(join(dir, "package.json")) as { private: boolean; dependencies: Record<string, string> };
      expect(pkg.private).toBe(true);
      expect(Object.keys(pkg.dependencies).sort()).toEqual(["@preact/signals", "@shopify/ui-extensions", "preact"]);
      const [year, month] = String(readToml(dir).api_version).split("-");
      expect(pkg.dependencies["@shopify/ui-extensions"]).toBe(`${year}.${Number(month)}.x`);
      expect(pkg.dependencies.preact).toMatch(/^\^10\./);
    });
  });

  describe(`${spec.name}: locales`, () => {
    const en = readJson(join(dir, "locales", "en.default.json")) as Record<string, string>;

    it("has the eight product languages and nothing else", () => {
      expect(localeFiles(dir)).toEqual([...LOCALES].sort());
    });

    it.each(LOCALES)("%s has exactly the English keys, all non-empty", (locale) => {
      const strings = readJson(join(dir, "locales", `${locale}.json`)) as Record<string, string>;
      expect(Object.keys(strings).sort()).toEqual(Object.keys(en).sort());
      for (const value of Object.values(strings)) expect(value.trim()).not.toBe("");
    });

    it("the call to action reads as the product says, and every key used in the source exists", () => {
      expect(en.cta).toBe("Get order updates on Messenger");
      const used = translationKeys(readFileSync(join(dir, spec.module), "utf8"));
      expect(used.size).toBeGreaterThan(0);
      for (const key of used) expect(en, `missing key ${key}`).toHaveProperty(key);
      for (const key of Object.keys(en)) expect(used, `unused key ${key}`).toContain(key);
    });
  });

  describe(`${spec.name}: source`, () => {
    const main = parseSource(join(dir, spec.module));
    const chains = accessChains(main.source);
    const elements = jsxElements(main.source);

    it("parses, imports the Preact surface and renders into document.body", () => {
      expect(main.errors).toEqual([]);
      expect(main.text).toContain('import "@shopify/ui-extensions/preact";');
      expect(main.text).toMatch(/from "preact"/);
      expect(main.text).toMatch(/render\(<[A-Za-z]+ \/>, document\.body\)/);
      expect(main.text).toMatch(/export default async/);
    });

    it(`reads ${spec.reads.join(", ")} and asks for a session token`, () => {
      for (const chain of [...spec.reads, "shopify.sessionToken.get"]) expect(chains).toContain(chain);
    });

    it(`sends entryPoint "${spec.entryPoint}" and shows the link in a new tab`, () => {
      expect(main.text).toContain(`entryPoint: "${spec.entryPoint}"`);
      const link = elements.find((e) => e.tag === "s-link");
      expect(link?.attrs).toMatchObject({ target: "_blank", href: true });
      expect(elements.some((e) => e.tag === "s-button")).toBe(true);
      // Only Polaris web components: no DOM elements, which the extension sandbox cannot render.
      for (const { tag } of elements) expect(tag).toMatch(/^s-[a-z-]+$|^[A-Z]/);
    });

    it("calls the app's /ext/order-link with a Bearer token, at the app URL from shopify.app.toml", () => {
      const client = parseSource(join(dir, "src", "order-link.js"));
      expect(client.errors).toEqual([]);
      expect(client.text).toContain('ORDER_LINK_PATH = "/ext/order-link"');
      expect(client.text).toContain("Authorization: `Bearer ${token}`");
      const appToml = parseToml(readFileSync(join(dir, "..", "..", "shopify.app.toml"), "utf8"));
      expect(readFileSync(join(dir, "src", "app-url.js"), "utf8")).toContain(
        `APP_URL = "${String(appToml.application_url)}"`,
      );
    });
  });
}
