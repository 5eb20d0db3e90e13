import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const FIXTURES = new URL("../../../fixtures/messenger/", import.meta.url);

/** Raw bytes of a Messenger webhook fixture, as Meta would POST them. */
export function fixtureBytes(name: string): Buffer {
  return readFileSync(fileURLToPath(new URL(name, FIXTURES)));
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureBytes(name).toString("utf8"));
}
