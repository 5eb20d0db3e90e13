import { describe, expect, it } from "vitest";
import {
  createRef,
  META_REF_PATTERN,
  verifyRef,
  type RefClaims,
  type RefKeyring,
} from "../../../web/server/linking/signed-ref.js";

const keyring: RefKeyring = { currentKid: "k1", keys: { k1: "a".repeat(32) + "-first-ref-key" } };
const now = new Date("2026-05-01T12:00:00.000Z");
const longestShop = `${"a".repeat(63)}.myshopify.com`;
const maxId = "18446744073709551615"; // uint64 max, 20 digits
const id19 = "9999999999999999999";

const customerClaims: RefClaims = {
  shop: "demo.myshopify.com",
  kind: "customer",
  customerId: "7001",
  entryPoint: "bubble",
};
const orderClaims: RefClaims = {
  shop: "demo.myshopify.com",
  kind: "order",
  orderId: "5501234567890",
  entryPoint: "thank_you",
  pageId: "104000000000001",
};

/** Deterministic PRNG so the property tests are reproducible (mulberry32). */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const META_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-.:_";

describe("createRef / verifyRef round trip", () => {
  it.each([
    ["customer", customerClaims],
    ["order with page", orderClaims],
    ["entry", { shop: "demo.myshopify.com", kind: "entry", entryPoint: "packaging" } as RefClaims],
  ])("%s claims survive the round trip", (_name, claims) => {
    const ref = createRef({ keyring, claims, now, ttlSeconds: 600 });
    const result = verifyRef(ref, { keyring, now });
    expect(result).toMatchObject({ ok: true, claims, kid: "k1" });
    if (result.ok) {
      expect(result.expiresAt.toISOString()).toBe("2026-05-01T12:10:00.000Z");
      expect(result.nonce).toMatch(/^[A-Za-z0-9_-]{16}$/);
    }
  });

  it("returns the given nonce and random distinct nonces otherwise", () => {
    const fixed = createRef({ keyring, claims: customerClaims, now, ttlSeconds: 60, nonce: "AAAAAAAAAAAAAAAA" });
    expect(verifyRef(fixed, { keyring, now })).toMatchObject({ ok: true, nonce: "AAAAAAAAAAAAAAAA" });
    const nonces = new Set(
      Array.from({ length: 50 }, () => {
        const r = verifyRef(createRef({ keyring, claims: customerClaims, now, ttlSeconds: 60 }), { keyring, now });
        return r.ok ? r.nonce : "";
      }),
    );
    expect(nonces.size).toBe(50);
  });
});

describe("Meta's ref rule", () => {
  it.each([
    [
      "longest shop, customer, max id",
      { shop: longestShop, kind: "customer", customerId: maxId, entryPoint: "order_status" },
    ],
    [
      "longest shop, order, page",
      { shop: longestShop, kind: "order", orderId: id19, entryPoint: "order_status", pageId: id19 },
    ],
    [
      "longest entry point",
      { shop: longestShop, kind: "order", orderId: maxId, entryPoint: "x".repeat(24), pageId: maxId },
    ],
  ] as [string, RefClaims][])("%s fits in 250 chars of the allowed alphabet", (_name, claims) => {
    const ref = createRef({
      keyring: { currentKid: "kid12345", keys: { kid12345: "z".repeat(64) } },
      claims,
      now,
      ttlSeconds: 300,
    });
    expect(ref).toMatch(META_REF_PATTERN);
    expect(ref.length).toBeLessThanOrEqual(250);
    expect(verifyRef(ref, { keyring: { currentKid: "x", keys: { kid12345: "z".repeat(64) } }, now })).toMatchObject({
      ok: true,
      claims,
    });
  });

  it("every generated ref matches the pattern (random ids and shops)", () => {
    const rand = prng(42);
    for (let i = 0; i < 300; i += 1) {
      const handleLength = 1 + Math.floor(rand() * 63);
      const handle = Array.from({ length: handleLength }, (_, j) =>
        j === 0 ? "a" : "ab9-"[Math.floor(rand() * 4)],
      ).join("");
      const id =
        String(1 + Math.floor(rand() * 9)) +
        Array.from({ length: Math.floor(rand() * 19) }, () => Math.floor(rand() * 10)).join("");
      const ref = createRef({
        keyring,
        claims: { shop: `${handle}.myshopify.com`, kind: "customer", customerId: id, entryPoint: "bubble", pageId: id },
        now,
        ttlSeconds: 600,
      });
      expect(ref).toMatch(META_REF_PATTERN);
    }
  });
});

describe("tampering", () => {
  it("any single-char change to a valid ref is rejected", () => {
    const rand = prng(7);
    for (const claims of [customerClaims, orderClaims]) {
      const ref = createRef({ keyring, claims, now, ttlSeconds: 600 });
      for (let i = 0; i < ref.length; i += 1) {
        for (let attempt = 0; attempt < 4; attempt += 1) {
          let replacement = ref[i];
          while (replacement === ref[i]) replacement = META_ALPHABET[Math.floor(rand() * META_ALPHABET.length)];
          const tampered = ref.slice(0, i) + replacement + ref.slice(i + 1);
          const result = verifyRef(tampered, { keyring, now });
          expect(result.ok, `position ${i} -> ${replacement}`).toBe(false);
        }
      }
    }
  });

  it("reports a changed payload or signature as forged", () => {
    const ref = createRef({ keyring, claims: customerClaims, now, ttlSeconds: 600 });
    const [v, kid, payload, sig] = ref.split(".") as [string, string, string, string];
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);
    expect(verifyRef(`${v}.${kid}.${flip(payload, 3)}.${sig}`, { keyring, now })).toEqual({
      ok: false,
      reason: "forged",
    });
    expect(verifyRef(`${v}.${kid}.${payload}.${flip(sig, 23)}`, { keyring, now })).toEqual({
      ok: false,
      reason: "forged",
    });
    expect(verifyRef(`${v}.${kid}.${payload}.${sig.slice(1)}`, { keyring, now })).toEqual({
      ok: false,
      reason: "forged",
    });
  });

  it("a ref signed with another key is forged", () => {
    const other: RefKeyring = { currentKid: "k1", keys: { k1: "b".repeat(40) } };
    const ref = createRef({ keyring: other, claims: customerClaims, now, ttlSeconds: 600 });
    expect(verifyRef(ref, { keyring, now })).toEqual({ ok: false, reason: "forged" });
  });
});

describe("bad input never throws", () => {
  it.each([
    [undefined, "malformed"],
    [null, "malformed"],
    [12345, "malformed"],
    [{}, "malformed"],
    ["", "malformed"],
    ["x".repeat(251), "malformed"],
    ["v1.k1.abc", "malformed"],
    ["v1.k1.a.b.c", "malformed"],
    ["v1.k1.ab cd.ef", "malformed"],
    ["v1.k1.ab+c.ef", "malformed"],
    ["version1.k1.abc.def", "malformed"],
    ["v2.k1.abc.def", "unknown_version"],
    ["v1.nokey.abc.def", "unknown_key"],
    ["v1.toolongkid.abc.def", "malformed"],
    ["v1.k1.abc.def", "forged"],
    ["ep.bubble", "malformed"],
    ["v1.k1..", "malformed"],
  ])("%j -> %s", (input, reason) => {
    expect(verifyRef(input, { keyring, now })).toEqual({ ok: false, reason });
  });
});

describe("expiry", () => {
  const ref = createRef({ keyring, claims: customerClaims, now, ttlSeconds: 300 });
  it.each([
    [0, true],
    [299_999, true],
    [300_000, false],
    [3_600_000, false],
  ])("at +%d ms valid=%s", (offsetMs, ok) => {
    const result = verifyRef(ref, { keyring, now: new Date(now.getTime() + offsetMs) });
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.reason).toBe("expired");
  });
});

describe("key rotation", () => {
  const rotated: RefKeyring = { currentKid: "k2", keys: { k1: keyring.keys.k1!, k2: "c".repeat(48) } };
  it("a ref made with the old kid verifies while the old key is in the keyring", () => {
    const old = createRef({ keyring, claims: customerClaims, now, ttlSeconds: 600 });
    expect(verifyRef(old, { keyring: rotated, now })).toMatchObject({ ok: true, kid: "k1" });
  });
  it("new refs use the current kid", () => {
    const fresh = createRef({ keyring: rotated, claims: customerClaims, now, ttlSeconds: 600 });
    expect(fresh.split(".")[1]).toBe("k2");
    expect(verifyRef(fresh, { keyring: rotated, now })).toMatchObject({ ok: true, kid: "k2" });
    expect(verifyRef(fresh, { keyring, now })).toEqual({ ok: false, reason: "unknown_key" });
  });
  it("once the old key is dropped its refs are unknown_key", () => {
    const old = createRef({ keyring, claims: customerClaims, now, ttlSeconds: 600 });
    expect(verifyRef(old, { keyring: { currentKid: "k2", keys: { k2: "c".repeat(48) } }, now })).toEqual({
      ok: false,
      reason: "unknown_key",
    });
  });
  it("keys shorter than 32 bytes are refused", () => {
    const weak: RefKeyring = { currentKid: "w", keys: { w: "short" } };
    expect(() => createRef({ keyring: weak, claims: customerClaims, now, ttlSeconds: 60 })).toThrow();
  });
});

describe("binding", () => {
  const ref = createRef({ keyring, claims: orderClaims, now, ttlSeconds: 600 });
  it("accepts the expected shop and page", () => {
    expect(
      verifyRef(ref, { keyring, now, expectedShop: "demo.myshopify.com", expectedPageId: "104000000000001" }).ok,
    ).toBe(true);
  });
  it("rejects another shop", () => {
    expect(verifyRef(ref, { keyring, now, expectedShop: "other.myshopify.com" })).toEqual({
      ok: false,
      reason: "wrong_shop",
    });
  });
  it("rejects another page", () => {
    expect(verifyRef(ref, { keyring, now, expectedPageId: "2" })).toEqual({ ok: false, reason: "wrong_page" });
  });
  it("a ref bound to no page is accepted for any page of its shop", () => {
    const unbound = createRef({ keyring, claims: customerClaims, now, ttlSeconds: 600 });
    expect(verifyRef(unbound, { keyring, now, expectedShop: "demo.myshopify.com", expectedPageId: "2" }).ok).toBe(true);
  });
});

describe("createRef refuses invalid claims", () => {
  it.each([
    ["non-myshopify shop", { ...customerClaims, shop: "evil.com" }],
    ["uppercase shop", { ...customerClaims, shop: "Demo.myshopify.com" }],
    ["64-char handle", { ...customerClaims, shop: `${"a".repeat(64)}.myshopify.com` }],
    ["customer without id", { shop: "demo.myshopify.com", kind: "customer", entryPoint: "bubble" }],
    ["order with customer id", { ...orderClaims, customerId: "1" }],
    ["gid instead of id", { ...customerClaims, customerId: "gid://shopify/Customer/1" }],
    ["id over uint64", { ...customerClaims, customerId: "18446744073709551616" }],
    ["bad entry point", { ...customerClaims, entryPoint: "Bubble!" }],
  ] as [string, RefClaims][])("%s", (_name, claims) => {
    expect(() => createRef({ keyring, claims, now, ttlSeconds: 60 })).toThrow();
  });
  it.each([0, -1, 1.5])("ttl %s", (ttlSeconds) => {
    expect(() => createRef({ keyring, claims: customerClaims, now, ttlSeconds })).toThrow();
  });
});
