import { describe, expect, it } from "vitest";
import { entryPointFromRef, GROWTH_ENTRY_POINTS, growthLinks } from "../../../web/server/growth/growth-links.js";
import { createRef } from "../../../web/server/linking/signed-ref.js";

describe("growthLinks", () => {
  it("one unsigned attribution link per entry point", () => {
    expect(growthLinks("testshop")).toEqual([
      { entryPoint: "bubble", ref: "ep.bubble", url: "https://m.me/testshop?ref=ep.bubble" },
      { entryPoint: "order_status", ref: "ep.order_status", url: "https://m.me/testshop?ref=ep.order_status" },
      { entryPoint: "packaging", ref: "ep.packaging", url: "https://m.me/testshop?ref=ep.packaging" },
      { entryPoint: "social", ref: "ep.social", url: "https://m.me/testshop?ref=ep.social" },
      { entryPoint: "offers", ref: "ep.offers", url: "https://m.me/testshop?ref=ep.offers" },
    ]);
    expect(GROWTH_ENTRY_POINTS).toHaveLength(5);
  });

  it("refuses a page handle m.me would not accept", () => {
    expect(() => growthLinks("bad/handle")).toThrow();
  });
});

describe("entryPointFromRef", () => {
  const keyring = { currentKid: "k1", keys: { k1: "g".repeat(40) } };
  const now = new Date("2026-11-20T12:00:00Z");

  it("reads unsigned refs", () => {
    expect(entryPointFromRef("ep.packaging")).toBe("packaging");
  });

  it("reads the entry point of a signed ref without needing the key", () => {
    const ref = createRef({
      keyring,
      now,
      ttlSeconds: 600,
      claims: {
        shop: "demo.myshopify.com",
        kind: "order",
        orderId: "42",
        entryPoint: "thank_you",
        verifier: "0123456789abcdef",
      },
    });
    expect(entryPointFromRef(ref)).toBe("thank_you");
  });

  it.each([
    undefined,
    null,
    42,
    "",
    "ep.",
    "ep.Bad-Entry",
    "v1.k1.%%%.sig",
    "v1.k1.AAAA.sig",
    "v2.k1.AAAA.sig",
    "x".repeat(300),
  ])("%j -> undefined, never throws", (ref) => {
    expect(entryPointFromRef(ref)).toBeUndefined();
  });
});
