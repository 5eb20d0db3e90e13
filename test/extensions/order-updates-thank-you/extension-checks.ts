import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { parse as parseToml, type TomlTable } from "smol-toml";

/**
 * Static checks shared by the two post-purchase UI extensions. The real build (Preact + esbuild, 64 KB
 * limit, target and API validation) runs in Shopify CLI, which is not available here; these tests make
 * sure what the CLI will read is well-formed and wired to the right API fields and endpoint.
 */

export const LOCALES = ["en.default", "es", "fr", "de", "it", "pt-BR", "lt", "ru"];

export function extensionDir(name: string): string {
  return join(import.meta.dirname, "..", "..", "..", "extensions", name);
}

export function readToml(dir: string): TomlTable {
  return parseToml(readFileSync(join(dir, "shopify.extension.toml"), "utf8"));
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

export function localeFiles(dir: string): string[] {
  return readdirSync(join(dir, "locales"))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
}

/** Parses JSX/JS with the TypeScript compiler: syntax errors fail, and the AST is returned for checks. */
export function parseSource(path: string): { text: string; source: ts.SourceFile; errors: string[] } {
  if (!existsSync(path)) throw new Error(`missing ${path}`);
  const text = readFileSync(path, "utf8");
  const source = ts.createSourceFile(
    path,
    text,
    ts.ScriptTarget.ES2022,
    true,
    path.endsWith("x") ? ts.ScriptKind.JSX : ts.ScriptKind.JS,
  );
  const errors = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics.map((d) =>
    ts.flattenDiagnosticMessageText(d.messageText, "\n"),
  );
  return { text, source, errors };
}

/** Every property-access chain in the file, e.g. "shopify.orderConfirmation.value". */
export function accessChains(source: ts.SourceFile): Set<string> {
  const chains = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node) || ts.isPropertyAccessChain(node))
      chains.add(node.getText(source).replace(/\?\./g, "."));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return chains;
}

/** Tag names and string attributes of every JSX element, e.g. { tag: "s-link", attrs: { target: "_blank" } }. */
export function jsxElements(source: ts.SourceFile): { tag: string; attrs: Record<string, string | true> }[] {
  const out: { tag: string; attrs: Record<string, string | true> }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) {
      const attrs: Record<string, string | true> = {};
      for (const attr of node.attributes.properties) {
        if (!ts.isJsxAttribute(attr)) continue;
        const name = attr.name.getText(source);
        attrs[name] = attr.initializer && ts.isStringLiteral(attr.initializer) ? attr.initializer.text : true;
      }
      out.push({ tag: node.tagName.getText(source), attrs });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Keys passed to shopify.i18n.translate through the local `t` helper or directly. */
export function translationKeys(text: string): Set<string> {
  return new Set(
    [...text.matchAll(/\bt\("([A-Za-z0-9_.]+)"\)|translate\("([A-Za-z0-9_.]+)"/g)].map((m) => (m[1] ?? m[2])!),
  );
}
