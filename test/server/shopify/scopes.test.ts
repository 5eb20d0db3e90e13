import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCOPES } from "../../../web/server/shopify/shopify-app.js";

/** [access_scopes] scopes = "a,b,c" from shopify.app.toml (what Shopify-managed installation grants). */
function tomlScopes(): string[] {
  const toml = readFileSync(new URL("../../../shopify.app.toml", import.meta.url), "utf8");
  const section = toml.split(/^\[access_scopes\]\s*$/m)[1]?.split(/^\[/m)[0] ?? "";
  const line = /^scopes\s*=\s*"([^"]*)"/m.exec(section);
  if (!line) throw new Error("shopify.app.toml has no [access_scopes] scopes");
  return line[1]!.split(",").map((s) => s.trim());
}

describe("access scopes", () => {
  it("shopify.app.toml requests exactly the scopes the code declares, each once", () => {
    expect([...tomlScopes()].sort()).toEqual([...SCOPES].sort());
    expect(new Set(SCOPES).size).toBe(SCOPES.length);
  });
});
