import { describe, expect, it } from "vitest";
import { orderVerifier } from "../../../web/server/linking/order-verifier.js";
import { orderVerifier as ordersOrderVerifier } from "../../../web/server/orders/order-verifier.js";
import { decodePayload, encodePayload, type RefClaims } from "../../../web/server/linking/ref-payload.js";
import { createRef, META_REF_PATTERN, verifyRef, type RefKeyring } from "../../../web/server/linking/signed-ref.js";

const keyring: RefKeyring = { currentKid: "k1", keys: { k1: "v".repeat(40) } };
const now = new Date("2026-11-20T12:00:00.000Z");
const verifier = orderVerifier("XPAV2ZK6P");
const orderClaims: RefClaims = {
  shop: "demo.myshopify.com",
  kind: "order",
  orderId: "5501234567890",
  entryPoint: "thank_you",
  pageId: "104000000000001",
  verifier,
};

describe("orderVerifier", () => {
  it("is the first 16 hex chars of sha256(confirmation number)", () => {
    // FIPS 180-2 test vector: sha256("abc") = ba7816bf8f01cfea414140de...
    expect(orderVerifier("abc")).toBe("ba7816bf8f01cfea");
    expect(orderVerifier("XPAV2ZK6P")).toMatch(/^[0-9a-f]{16}$/);
    expect(orderVerifier("XPAV2ZK6P")).not.toBe(orderVerifier("XPAV2ZK6Q"));
  });
});

describe("order verifier claim", () => {
  it("round-trips through the payload codec, with and without a page", () => {
    const nonce = Buffer.alloc(12, 9);
    for (const claims of [orderClaims, { ...orderClaims, pageId: undefined }]) {
      const clean = JSON.parse(JSON.stringify(claims)) as RefClaims;
      expect(decodePayload(encodePayload(clean, 1_800_000_000, nonce))).toEqual({
        claims: clean,
        expiresAtSeconds: 1_800_000_000,
        nonce,
      });
    }
  });

  it("round-trips through createRef/verifyRef", () => {
    const ref = createRef({ keyring, claims: orderClaims, now, ttlSeconds: 600 });
    expect(verifyRef(ref, { keyring, now })).toMatchObject({ ok: true, claims: { verifier } });
  });

  it("refs without a verifier decode exactly as before (no verifier key)", () => {
    const { verifier: _omit, ...legacy } = orderClaims;
    const result = verifyRef(createRef({ keyring, claims: legacy, now, ttlSeconds: 600 }), { keyring, now });
    expect(result.ok && result.claims).toEqual(legacy);
    expect(result.ok && "verifier" in result.claims).toBe(false);
  });

  it("a changed verifier in the payload is forged", () => {
    const ref = createRef({ keyring, claims: orderClaims, now, ttlSeconds: 600 });
    const [v, kid, payload, sig] = ref.split(".") as [string, string, string, string];
    const bytes = Buffer.from(payload, "base64url");
    // The verifier sits after head(5) + nonce(12) + order id(8) + page id(8).
    bytes[33] = bytes[33]! ^ 0xff;
    const tampered = `${v}.${kid}.${bytes.toString("base64url")}.${sig}`;
    expect(verifyRef(tampered, { keyring, now })).toEqual({ ok: false, reason: "forged" });
    // The flip landed in the verifier field, not elsewhere.
    expect(decodePayload(bytes)?.claims.verifier).not.toBe(verifier);
  });

  it("a truncated verifier is refused by the codec", () => {
    const bytes = encodePayload({ ...orderClaims, pageId: undefined } as RefClaims, 1_800_000_000, Buffer.alloc(12));
    // Cut inside the verifier: head(5) + nonce(12) + id(8) + 4 bytes of the verifier.
    expect(decodePayload(bytes.subarray(0, 29))).toBeUndefined();
  });

  it.each([
    [
      "a customer ref",
      { shop: "demo.myshopify.com", kind: "customer", customerId: "7", entryPoint: "bubble", verifier },
    ],
    ["uppercase hex", { ...orderClaims, verifier: verifier.toUpperCase() }],
    ["short hex", { ...orderClaims, verifier: verifier.slice(0, 15) }],
  ])("createRef refuses a verifier on %s", (_name, claims) => {
    expect(() => createRef({ keyring, claims: claims as RefClaims, now, ttlSeconds: 600 })).toThrow();
  });

  it("the longest order ref with page and verifier still fits Meta's 250 chars", () => {
    const claims: RefClaims = {
      shop: `${"a".repeat(63)}.myshopify.com`,
      kind: "order",
      orderId: "18446744073709551615",
      entryPoint: "x".repeat(24),
      pageId: "18446744073709551615",
      verifier: "f".repeat(16),
    };
    const ref = createRef({
      keyring: { currentKid: "kid12345", keys: { kid12345: "z".repeat(64) } },
      claims,
      now,
      ttlSeconds: 600,
    });
    expect(ref).toMatch(META_REF_PATTERN);
    expect(ref.length).toBeLessThanOrEqual(250);
  });
});

describe("orderVerifier input handling", () => {
  it("is the order-update side's function, not a copy", () => {
    expect(orderVerifier).toBe(ordersOrderVerifier);
  });

  it("ignores surrounding whitespace, as the order-webhook side does", () => {
    expect(orderVerifier(" XPAV2ZK6P\n")).toBe(orderVerifier("XPAV2ZK6P"));
  });
});
