import { describe, expect, it } from "vitest";
import { deriveRefKeyring, parseRefKeyring } from "../../../web/server/linking/ref-keyring.js";
import { createRef, verifyRef } from "../../../web/server/linking/signed-ref.js";

const b64 = (fill: number, n = 32) => Buffer.alloc(n, fill).toString("base64");
const now = new Date("2026-05-01T12:00:00Z");
const claims = { shop: "demo.myshopify.com", kind: "entry" as const, entryPoint: "packaging" };

describe("parseRefKeyring", () => {
  it("makes the first key current and keeps the rest for verification", () => {
    const ring = parseRefKeyring(`k2:${b64(2)}, k1:${b64(1)}`);
    if ("error" in ring) throw new Error(ring.error);
    expect(ring.currentKid).toBe("k2");
    expect(Object.keys(ring.keys)).toEqual(["k2", "k1"]);
    const oldRef = createRef({
      keyring: { currentKid: "k1", keys: { k1: Buffer.alloc(32, 1) } },
      claims,
      now,
      ttlSeconds: 60,
    });
    expect(verifyRef(oldRef, { keyring: ring, now }).ok).toBe(true);
  });

  it.each([
    ["", "no ref signing keys"],
    ["k1", "not kid:base64"],
    [`k1:${b64(1, 16)}`, "at least 32 bytes"],
    [`bad-kid:${b64(1)}`, "not kid:base64"],
    [`k1:${b64(1)},k1:${b64(2)}`, "appears twice"],
  ])("%j -> error mentioning %s", (spec, message) => {
    const ring = parseRefKeyring(spec);
    expect("error" in ring && ring.error).toContain(message);
  });
});

describe("deriveRefKeyring", () => {
  it("derives a stable key that differs from the master and per kid", () => {
    const master = Buffer.alloc(32, 9);
    const a = deriveRefKeyring(master);
    const b = deriveRefKeyring(master);
    const c = deriveRefKeyring(master, "d2");
    expect(a.keys.d1).toEqual(b.keys.d1);
    expect(Buffer.compare(a.keys.d1 as Buffer, master)).not.toBe(0);
    expect(Buffer.compare(a.keys.d1 as Buffer, c.keys.d2 as Buffer)).not.toBe(0);
    expect(() => deriveRefKeyring(Buffer.alloc(8))).toThrow();
  });
});
