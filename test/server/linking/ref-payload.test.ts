import { describe, expect, it } from "vitest";
import { decodePayload, encodePayload, type RefClaims } from "../../../web/server/linking/ref-payload.js";

const nonce = Buffer.alloc(12, 7);
const claims: RefClaims = {
  shop: "demo.myshopify.com",
  kind: "order",
  orderId: "42",
  entryPoint: "thank_you",
  pageId: "9",
};

describe("ref payload codec", () => {
  it("round-trips claims, expiry and nonce", () => {
    const decoded = decodePayload(encodePayload(claims, 1_800_000_000, nonce));
    expect(decoded).toEqual({ claims, expiresAtSeconds: 1_800_000_000, nonce });
  });

  it("every truncation is refused, never thrown", () => {
    const bytes = encodePayload(claims, 1_800_000_000, nonce);
    // Cutting into the shop handle still parses; cutting before it (inside the fixed fields) must not.
    const shopStart = bytes.length - "demo".length;
    for (let n = 0; n < shopStart; n += 1) expect(decodePayload(bytes.subarray(0, n)), `length ${n}`).toBeUndefined();
  });

  it.each([
    ["unknown kind", (b: Buffer) => b.writeUInt8(0x03, 0)],
    ["unknown flag bit", (b: Buffer) => b.writeUInt8(0x41, 0)],
    ["id zero", (b: Buffer) => b.fill(0, 17, 25)],
    ["shop with a dot", (b: Buffer) => b.write(".", b.length - 1, "ascii")],
  ])("refuses %s", (_name, mutate) => {
    const bytes = Buffer.from(encodePayload(claims, 1_800_000_000, nonce));
    mutate(bytes);
    expect(decodePayload(bytes)).toBeUndefined();
  });
});
