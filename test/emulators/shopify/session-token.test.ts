import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { mintExtensionSessionToken, mintSessionToken } from "../../../emulators/shopify/session-token.js";
import { API_KEY, API_SECRET, realShopifyApi } from "./shopify-api.js";

// decodeSessionToken checks exp/nbf against the system clock, so the test pins it (only Date is faked).
const NOW = new Date("2026-05-04T10:00:00Z");
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

const shop = "example-shop.myshopify.com";

describe("mintSessionToken", () => {
  it("is accepted by @shopify/shopify-api decodeSessionToken with Shopify's claims", async () => {
    const token = mintSessionToken({
      apiKey: API_KEY,
      secret: API_SECRET,
      shop,
      sub: "902541635",
      now: NOW,
      ttl: 60,
      jti: "j1",
      sid: "s1",
    });
    const payload = await realShopifyApi().session.decodeSessionToken(token);
    const iat = NOW.getTime() / 1000;
    expect(payload).toEqual({
      iss: `https://${shop}/admin`,
      dest: `https://${shop}`,
      aud: API_KEY,
      sub: "902541635",
      exp: iat + 60,
      nbf: iat,
      iat,
      jti: "j1",
      sid: "s1",
    });
    expect(new URL(payload.dest).hostname).toBe(shop);
  });

  it.each([
    ["another secret", { secret: "wrong" }],
    ["another app", { apiKey: "other-app" }],
    ["expired", { now: new Date(NOW.getTime() - 120_000), ttl: 60 }],
    ["not yet valid", { now: new Date(NOW.getTime() + 120_000) }],
  ])("is rejected when minted for %s", async (_label, override) => {
    const token = mintSessionToken({ apiKey: API_KEY, secret: API_SECRET, shop, now: NOW, ...override });
    await expect(realShopifyApi().session.decodeSessionToken(token)).rejects.toThrow();
  });

  it("is rejected when tampered with", async () => {
    const token = mintSessionToken({ apiKey: API_KEY, secret: API_SECRET, shop, now: NOW });
    const [h, p, s] = token.split(".");
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p!, "base64url").toString()), dest: "https://evil.myshopify.com" }),
    ).toString("base64url");
    await expect(realShopifyApi().session.decodeSessionToken(`${h}.${forged}.${s}`)).rejects.toThrow();
  });
});

describe("mintExtensionSessionToken", () => {
  it("carries the bare shop domain and the customer gid when logged in", async () => {
    const token = mintExtensionSessionToken({
      apiKey: API_KEY,
      secret: API_SECRET,
      shop,
      customerGid: "gid://shopify/Customer/7100000000001",
      now: NOW,
    });
    const payload = await realShopifyApi().session.decodeSessionToken(token);
    expect(payload).toMatchObject({
      dest: shop,
      aud: API_KEY,
      sub: "gid://shopify/Customer/7100000000001",
      exp: NOW.getTime() / 1000 + 300,
    });
    expect(payload).not.toHaveProperty("iss");
  });

  it("has no sub for a guest", async () => {
    const token = mintExtensionSessionToken({ apiKey: API_KEY, secret: API_SECRET, shop, now: NOW });
    const payload = await realShopifyApi().session.decodeSessionToken(token);
    expect(payload).not.toHaveProperty("sub");
  });
});
