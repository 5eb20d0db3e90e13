import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL("../../fixtures/shopify/", import.meta.url));

/** The raw text of a Shopify fixture, exactly as it would arrive on the wire. */
export function fixture(name: string): string {
  return readFileSync(`${dir}${name}.json`, "utf8");
}
