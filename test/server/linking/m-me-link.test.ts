import { describe, expect, it } from "vitest";
import { buildMeLink, entryPointRef, parseEntryPointRef } from "../../../web/server/linking/m-me-link.js";

describe("m.me links", () => {
  it.each([
    ["demostore", undefined, "https://m.me/demostore"],
    ["demo.store", "ep.bubble", "https://m.me/demo.store?ref=ep.bubble"],
    ["104000000000001", "v1.k1.AbC-_.xyz", "https://m.me/104000000000001?ref=v1.k1.AbC-_.xyz"],
    ["demostore", "a+b/c=:d", "https://m.me/demostore?ref=a%2Bb%2Fc%3D%3Ad"],
  ])("%s + %s -> %s", (page, ref, url) => {
    expect(buildMeLink(page, ref)).toBe(url);
  });

  it.each(["", "evil.com/x", "a b", "<script>", "x".repeat(101)])("refuses page %j", (page) => {
    expect(() => buildMeLink(page)).toThrow();
  });

  it("entry refs round-trip and are distinct from signed refs", () => {
    expect(entryPointRef("order_status")).toBe("ep.order_status");
    expect(parseEntryPointRef("ep.order_status")).toBe("order_status");
    expect(parseEntryPointRef("v1.k1.abc.def")).toBeUndefined();
    expect(parseEntryPointRef("ep.Bad!")).toBeUndefined();
    expect(parseEntryPointRef(42)).toBeUndefined();
    expect(() => entryPointRef("x y")).toThrow();
  });
});
