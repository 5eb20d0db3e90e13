import "@shopify/shopify-api/adapters/node";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  computeAppProxySignature,
  signAppProxyQuery,
  verifyAppProxySignature,
} from "../../../web/server/storefront/verify-proxy-signature.js";

const secret = "hush";
const now = new Date("2026-05-01T12:00:00.000Z");
const ts = String(Math.floor(now.getTime() / 1000));
const base = {
  shop: "demo.myshopify.com",
  logged_in_customer_id: "7001",
  path_prefix: "/apps/messenger",
  timestamp: ts,
};

describe("verifyAppProxySignature", () => {
  it("accepts a query signed the way Shopify documents it (independent computation)", () => {
    // Hand-rolled from the doc: sorted "k=v" strings, repeated values comma-joined, no separator.
    const message = [
      `extra=1,2`,
      `logged_in_customer_id=7001`,
      `path_prefix=/apps/messenger`,
      `shop=demo.myshopify.com`,
      `timestamp=${ts}`,
    ]
      .sort()
      .join("");
    const sig = createHmac("sha256", secret).update(message).digest("hex");
    const raw = `extra=1&extra=2&shop=demo.myshopify.com&logged_in_customer_id=7001&path_prefix=%2Fapps%2Fmessenger&timestamp=${ts}&signature=${sig}`;
    expect(verifyAppProxySignature(raw, secret, now)).toEqual({
      ok: true,
      params: { ...base, extra: "1,2" },
      shop: "demo.myshopify.com",
      loggedInCustomerId: "7001",
      pathPrefix: "/apps/messenger",
    });
  });

  it("agrees with @shopify/shopify-api's own validator", async () => {
    const shopify = shopifyApi({
      apiKey: "key",
      apiSecretKey: secret,
      apiVersion: ApiVersion.July25,
      hostName: "app.example.com",
      isEmbeddedApp: true,
      logger: { level: 0, log: () => {} },
    });
    const liveNow = new Date();
    const raw = signAppProxyQuery(
      { ...base, timestamp: String(Math.floor(liveNow.getTime() / 1000)), q: "a b+c", extra: ["x", "y"] },
      secret,
    );
    await expect(shopify.utils.validateHmac(new URLSearchParams(raw), { signator: "appProxy" })).resolves.toBe(true);
    expect(verifyAppProxySignature(raw, secret, liveNow).ok).toBe(true);
  });

  it("a guest has no loggedInCustomerId", () => {
    const raw = signAppProxyQuery({ ...base, logged_in_customer_id: "" }, secret);
    const result = verifyAppProxySignature(raw, secret, now);
    expect(result.ok).toBe(true);
    expect(result.ok && "loggedInCustomerId" in result).toBe(false);
  });

  it.each([
    [-90, true],
    [90, true],
    [-91, false],
    [91, false],
  ])("timestamp skew %i s -> ok=%s", (skew, ok) => {
    const raw = signAppProxyQuery(base, secret);
    const result = verifyAppProxySignature(raw, secret, new Date(now.getTime() + skew * 1000));
    expect(result).toEqual(
      ok ? expect.objectContaining({ ok: true }) : { ok: false, reason: "timestamp_out_of_range" },
    );
  });

  const { timestamp: _dropped, ...withoutTimestamp } = base;
  const good = signAppProxyQuery(base, secret);
  const sig = new URLSearchParams(good).get("signature")!;
  it.each([
    ["wrong secret", signAppProxyQuery(base, "other"), "bad_signature"],
    ["changed customer", good.replace("logged_in_customer_id=7001", "logged_in_customer_id=7002"), "bad_signature"],
    ["changed shop", good.replace("demo.myshopify", "evil.myshopify"), "bad_signature"],
    ["added param", `${good}&extra=1`, "bad_signature"],
    ["uppercase hex", good.replace(sig, sig.toUpperCase()), "bad_signature"],
    ["short signature", good.replace(sig, sig.slice(2)), "bad_signature"],
    ["missing signature", good.replace(`&signature=${sig}`, ""), "missing_signature"],
    ["empty signature", good.replace(sig, ""), "missing_signature"],
    ["missing timestamp", signAppProxyQuery(withoutTimestamp, secret), "invalid_timestamp"],
    ["non-numeric timestamp", signAppProxyQuery({ ...base, timestamp: "12.5" }, secret), "invalid_timestamp"],
    ["duplicated signature", `${good}&signature=${sig}`, "duplicate_param"],
    ["duplicated customer id", `logged_in_customer_id=1&${good}`, "duplicate_param"],
    ["duplicated shop", `${good}&shop=evil.myshopify.com`, "duplicate_param"],
    ["duplicated timestamp", `${good}&timestamp=${ts}`, "duplicate_param"],
    ["broken escape", `${good}&x=%E0%A4%A`, "malformed"],
    ["empty key", `${good}&=1`, "malformed"],
    ["huge query", `${good}&pad=${"a".repeat(9000)}`, "malformed"],
    ["signed but foreign shop", signAppProxyQuery({ ...base, shop: "evil.com" }, secret), "invalid_shop"],
    [
      "signed but odd customer id",
      signAppProxyQuery({ ...base, logged_in_customer_id: "abc" }, secret),
      "invalid_customer_id",
    ],
  ])("%s -> %s", (_name, raw, reason) => {
    expect(verifyAppProxySignature(raw, secret, now)).toEqual({ ok: false, reason });
  });

  it("accepts a leading '?'", () => {
    expect(verifyAppProxySignature(`?${good}`, secret, now).ok).toBe(true);
  });

  it("computeAppProxySignature ignores a signature param and orders by key=value strings", () => {
    const a = computeAppProxySignature({ b: "1", a: "2", signature: "x" }, secret);
    expect(a).toBe(createHmac("sha256", secret).update("a=2b=1").digest("hex"));
  });
});
