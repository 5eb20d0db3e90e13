import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyMetaSignature } from "../../../../web/server/messenger/webhook/verify-signature.js";

const SECRET = "app-secret-for-tests";
// Meta signs the escaped-unicode bytes it sends; a re-serialized body would differ.
const RAW = Buffer.from(
  '{"object":"page","entry":[{"id":"1","time":1,"messaging":[{"message":{"text":"caf\\u00e9 \\ud83d\\ude00"}}]}]}',
);
const sign = (body: Buffer, secret = SECRET) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

describe("verifyMetaSignature", () => {
  it("accepts the HMAC-SHA256 of the raw bytes", () => {
    expect(verifyMetaSignature(RAW, sign(RAW), SECRET)).toEqual({ ok: true });
  });

  it("accepts upper-case hex and surrounding whitespace", () => {
    const header = sign(RAW).replace(/^sha256=/, "");
    expect(verifyMetaSignature(RAW, ` sha256=${header.toUpperCase()} `, SECRET)).toEqual({ ok: true });
  });

  it("rejects a signature over re-serialized JSON", () => {
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(RAW.toString("utf8"))));
    expect(reserialized.equals(RAW)).toBe(false);
    expect(verifyMetaSignature(RAW, sign(reserialized), SECRET)).toEqual({ ok: false, reason: "mismatch" });
  });

  it.each([
    ["a wrong secret", sign(RAW, "other-secret"), "mismatch"],
    ["one flipped digit", sign(RAW).replace(/.$/, (c) => (c === "0" ? "1" : "0")), "mismatch"],
    ["no header", undefined, "missing_header"],
    ["an empty header", "", "missing_header"],
    ["a SHA1 header", `sha1=${"a".repeat(40)}`, "malformed_header"],
    ["no prefix", "a".repeat(64), "malformed_header"],
    ["a short digest", `sha256=${"a".repeat(63)}`, "malformed_header"],
    ["a long digest", `sha256=${"a".repeat(65)}`, "malformed_header"],
    ["non-hex digits", `sha256=${"g".repeat(64)}`, "malformed_header"],
    ["two signatures", `${sign(RAW)},${sign(RAW)}`, "malformed_header"],
  ] as const)("rejects %s", (_label, header, reason) => {
    expect(verifyMetaSignature(RAW, header, SECRET)).toEqual({ ok: false, reason });
  });

  it("rejects a tampered body", () => {
    const tampered = Buffer.from(RAW.toString("utf8").replace("caf", "cafe"));
    expect(verifyMetaSignature(tampered, sign(RAW), SECRET)).toEqual({ ok: false, reason: "mismatch" });
  });

  it("refuses to verify with an empty secret, even against a matching signature", () => {
    expect(verifyMetaSignature(RAW, sign(RAW, ""), "")).toEqual({ ok: false, reason: "missing_secret" });
  });

  it("never throws on values that break the types at runtime", () => {
    const odd = [null, 42, {}, ["sha256=00"]] as unknown as string[];
    for (const header of odd) expect(verifyMetaSignature(RAW, header, SECRET).ok).toBe(false);
    expect(verifyMetaSignature("not a buffer" as unknown as Buffer, sign(RAW), SECRET)).toEqual({
      ok: false,
      reason: "invalid_body",
    });
    expect(verifyMetaSignature(RAW, sign(RAW), undefined as unknown as string).ok).toBe(false);
  });
});
