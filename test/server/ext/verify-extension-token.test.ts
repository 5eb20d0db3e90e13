import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { mintExtensionSessionToken, mintSessionToken } from "../../../emulators/shopify/session-token.js";
import { verifyExtensionToken } from "../../../web/server/ext/verify-extension-token.js";

const apiKey = "ext-api-key";
const secret = "ext-app-secret-0123456789";
const shop = "demo-shop.myshopify.com";
const now = new Date("2026-11-20T12:00:00Z");
const options = { apiKey, secret, now };

function sign(header: object, payload: object, key = secret): string {
  const h = Buffer.from(JSON.stringify(header)).toString("base64url");
  const p = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${h}.${p}.${createHmac("sha256", key).update(`${h}.${p}`).digest("base64url")}`;
}
const iat = Math.floor(now.getTime() / 1000);
const basePayload = { dest: shop, aud: apiKey, exp: iat + 300, nbf: iat, iat, jti: "j1" };

describe("verifyExtensionToken", () => {
  it("accepts a guest token (bare dest, no sub)", () => {
    const token = mintExtensionSessionToken({ apiKey, secret, shop, now });
    expect(verifyExtensionToken(token, options)).toEqual({
      ok: true,
      session: { shop, expiresAt: new Date(now.getTime() + 300_000) },
    });
  });

  it("accepts a logged-in buyer and returns the numeric customer id", () => {
    const token = mintExtensionSessionToken({ apiKey, secret, shop, now, customerGid: "gid://shopify/Customer/7001" });
    expect(verifyExtensionToken(token, options)).toMatchObject({ ok: true, session: { shop, customerId: "7001" } });
  });

  it("accepts dest as an https shop URL too", () => {
    expect(
      verifyExtensionToken(sign({ alg: "HS256" }, { ...basePayload, dest: `https://${shop}` }), options),
    ).toMatchObject({
      ok: true,
      session: { shop },
    });
  });

  it.each([
    [0, true],
    [299, true],
    [309, true], // inside the 10 s tolerance
    [310, false],
    [3600, false],
  ])("at +%d s valid=%s", (offset, ok) => {
    const token = mintExtensionSessionToken({ apiKey, secret, shop, now });
    const result = verifyExtensionToken(token, { ...options, now: new Date(now.getTime() + offset * 1000) });
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.reason).toBe("expired");
  });

  it("refuses a token used before nbf (beyond tolerance)", () => {
    const token = mintExtensionSessionToken({ apiKey, secret, shop, now: new Date(now.getTime() + 60_000) });
    expect(verifyExtensionToken(token, options)).toEqual({ ok: false, reason: "not_yet_valid" });
    const slightlyEarly = mintExtensionSessionToken({ apiKey, secret, shop, now: new Date(now.getTime() + 5_000) });
    expect(verifyExtensionToken(slightlyEarly, options).ok).toBe(true);
  });

  it.each([
    ["another secret", mintExtensionSessionToken({ apiKey, secret: "someone-else", shop, now }), "bad_signature"],
    ["wrong audience", mintExtensionSessionToken({ apiKey: "other-app", secret, shop, now }), "wrong_audience"],
    [
      "alg none",
      `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify(basePayload)).toString("base64url")}.`,
      "malformed",
    ],
    ["alg none with a signature", sign({ alg: "none" }, basePayload), "bad_algorithm"],
    ["alg HS512", sign({ alg: "HS512" }, basePayload), "bad_algorithm"],
    ["no exp", sign({ alg: "HS256" }, { ...basePayload, exp: undefined }), "bad_claims"],
    ["no nbf", sign({ alg: "HS256" }, { ...basePayload, nbf: undefined }), "bad_claims"],
    ["dest not a shop", sign({ alg: "HS256" }, { ...basePayload, dest: "evil.example.com" }), "bad_claims"],
    ["dest with a path", sign({ alg: "HS256" }, { ...basePayload, dest: `https://${shop}/admin` }), "bad_claims"],
    ["admin token (numeric sub)", mintSessionToken({ apiKey, secret, shop, now }), "bad_claims"],
    ["sub not a customer", sign({ alg: "HS256" }, { ...basePayload, sub: "gid://shopify/Order/1" }), "bad_claims"],
    ["two segments", "abc.def", "malformed"],
    ["garbage", "not a token", "malformed"],
    ["empty", "", "malformed"],
    ["not a string", 42, "malformed"],
  ])("refuses %s", (_name, token, reason) => {
    expect(verifyExtensionToken(token, options)).toEqual({ ok: false, reason });
  });

  it("any tampered payload fails the signature", () => {
    const token = mintExtensionSessionToken({ apiKey, secret, shop, now });
    const [h, , s] = token.split(".") as [string, string, string];
    const forgedBody = Buffer.from(JSON.stringify({ ...basePayload, dest: "victim.myshopify.com" })).toString(
      "base64url",
    );
    expect(verifyExtensionToken(`${h}.${forgedBody}.${s}`, options)).toEqual({ ok: false, reason: "bad_signature" });
  });
});
