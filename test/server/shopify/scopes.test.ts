import { readFileSync } from "node:fs";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { SCOPES } from "../../../web/server/shopify/shopify-app.js";

/** [access_scopes] scopes = "a,b,c" from shopify.app.toml: what Shopify-managed installation grants. */
function tomlScopes(): string[] {
  const toml = parseToml(readFileSync(new URL("../../../shopify.app.toml", import.meta.url), "utf8"));
  const scopes = (toml.access_scopes as { scopes?: unknown } | undefined)?.scopes;
  if (typeof scopes !== "string") throw new Error("shopify.app.toml has no [access_scopes] scopes");
  return scopes.split(",").map((s) => s.trim());
}

describe("access scopes", () => {
  it("shopify.app.toml requests exactly the scopes the code declares, each once", () => {
    expect([...tomlScopes()].sort()).toEqual([...SCOPES].sort());
    expect(new Set(SCOPES).size).toBe(SCOPES.length);
  });
});
