import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../web/server/config.js";
import { TEST_ENV } from "../helpers/test-app.js";

describe("loadConfig", () => {
  it("reports every missing or malformed key in one error", () => {
    let error: unknown;
    try {
      loadConfig({ SHOPIFY_APP_URL: "not a url", PORT: "70000", META_GRAPH_VERSION: "25", ENCRYPTION_KEY: "c2hvcnQ=" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    for (const key of [
      "SHOPIFY_API_KEY",
      "SHOPIFY_API_SECRET",
      "SHOPIFY_APP_URL",
      "META_APP_ID",
      "META_APP_SECRET",
      "META_VERIFY_TOKEN",
      "META_GRAPH_VERSION",
      "PORT",
      "ENCRYPTION_KEY",
    ]) {
      expect(problems).toContain(key);
    }
    expect((error as ConfigError).problems.length).toBeGreaterThanOrEqual(9);
  });

  it("applies the documented defaults", () => {
    const config = loadConfig({
      ...TEST_ENV,
      LOG_LEVEL: undefined,
      WORKER_CONCURRENCY: undefined,
      NODE_ENV: undefined,
    });
    expect(config.meta.graphUrl).toBe("https://graph.facebook.com");
    expect(config.meta.graphVersion).toBe("v27.0");
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: "pglite", dataDir: "./.data" });
    expect(config.logLevel).toBe("info");
  });

  it("takes SHOPIFY_ADMIN_API_URL as the Admin API base outside production only", () => {
    expect(loadConfig({ ...TEST_ENV, SHOPIFY_ADMIN_API_URL: undefined }).shopify.adminApiUrl).toBeUndefined();
    expect(loadConfig({ ...TEST_ENV, SHOPIFY_ADMIN_API_URL: "" }).shopify.adminApiUrl).toBeUndefined();
    expect(loadConfig({ ...TEST_ENV, SHOPIFY_ADMIN_API_URL: "http://127.0.0.1:9/" }).shopify.adminApiUrl).toBe(
      "http://127.0.0.1:9",
    );
    expect(() => loadConfig({ ...TEST_ENV, SHOPIFY_ADMIN_API_URL: "not a url" })).toThrow(/SHOPIFY_ADMIN_API_URL/);
    expect(() =>
      loadConfig({ ...TEST_ENV, NODE_ENV: "production", SHOPIFY_ADMIN_API_URL: "http://127.0.0.1:9" }),
    ).toThrow(/SHOPIFY_ADMIN_API_URL: must be empty in production/);
  });

  it("refuses a Graph API version the Marketing API no longer serves (below v26.0)", () => {
    expect(() => loadConfig({ ...TEST_ENV, META_GRAPH_VERSION: "v25.0" })).toThrow(
      /META_GRAPH_VERSION: must be v26.0 or later/,
    );
    expect(loadConfig({ ...TEST_ENV, META_GRAPH_VERSION: "v26.0" }).meta.graphVersion).toBe("v26.0");
  });

  it("selects PostgreSQL when DATABASE_URL is set and rejects non-postgres URLs", () => {
    expect(loadConfig({ ...TEST_ENV, DATABASE_URL: "postgresql://u@h/db" }).database).toEqual({
      kind: "postgres",
      url: "postgresql://u@h/db",
    });
    expect(() => loadConfig({ ...TEST_ENV, DATABASE_URL: "mysql://u@h/db" })).toThrow(/DATABASE_URL/);
  });

  it("requires ENCRYPTION_KEY outside the sandbox and derives a separate ref-signing key from it", () => {
    expect(() => loadConfig({ ...TEST_ENV, ENCRYPTION_KEY: undefined })).toThrow(/ENCRYPTION_KEY: is required/);
    const sandbox = loadConfig({ ...TEST_ENV, ENCRYPTION_KEY: undefined, SANDBOX: "1" });
    expect(sandbox.encryptionKey).toHaveLength(32);
    const config = loadConfig(TEST_ENV);
    const refKey = Buffer.from(Object.values(config.refKeys.keys)[0]!);
    expect(refKey).toHaveLength(32);
    expect(refKey.equals(config.encryptionKey)).toBe(false);
  });

  it("parses rotatable ref keys with the first as current", () => {
    const k1 = Buffer.alloc(32, 1).toString("base64");
    const k2 = Buffer.alloc(32, 2).toString("base64");
    const config = loadConfig({ ...TEST_ENV, REF_SIGNING_KEYS: `k2:${k2},k1:${k1}` });
    expect(config.refKeys.currentKid).toBe("k2");
    expect(Object.keys(config.refKeys.keys)).toEqual(["k2", "k1"]);
    expect(Buffer.from(config.refKeys.keys.k1!).equals(Buffer.from(k1, "base64"))).toBe(true);
    expect(() => loadConfig({ ...TEST_ENV, REF_SIGNING_KEYS: "k1:short" })).toThrow(/REF_SIGNING_KEYS/);
  });

  it("reads TRUST_PROXY as off, a hop count or a list of addresses, and refuses 'true' and garbage", () => {
    expect(loadConfig(TEST_ENV).trustProxy).toBe(false);
    expect(loadConfig({ ...TEST_ENV, TRUST_PROXY: "false" }).trustProxy).toBe(false);
    expect(loadConfig({ ...TEST_ENV, TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(
      loadConfig({ ...TEST_ENV, TRUST_PROXY: "10.0.0.0/8, loopback,::1,192.168.0.0/255.255.0.0" }).trustProxy,
    ).toEqual(["10.0.0.0/8", "loopback", "::1", "192.168.0.0/255.255.0.0"]);
    for (const bad of ["true", "10.0.0.0/33", "proxy.example", "99", "1.2.3.4,"]) {
      expect(() => loadConfig({ ...TEST_ENV, TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });

  it("reads METRICS_TOKEN and the retention settings, with 30-day defaults", () => {
    const defaults = loadConfig(TEST_ENV);
    expect(defaults.metricsToken).toBeUndefined();
    expect(defaults.retention).toEqual({ webhookBodyDays: 30, outboundBodyDays: 30, deadDeliveryDays: 30 });
    const set = loadConfig({
      ...TEST_ENV,
      METRICS_TOKEN: "m".repeat(32),
      WEBHOOK_BODY_RETENTION_DAYS: "7",
      OUTBOUND_BODY_RETENTION_DAYS: "90",
      DEAD_DELIVERY_RETENTION_DAYS: "14",
    });
    expect(set.metricsToken).toBe("m".repeat(32));
    expect(set.retention).toEqual({ webhookBodyDays: 7, outboundBodyDays: 90, deadDeliveryDays: 14 });
    expect(() => loadConfig({ ...TEST_ENV, METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ ...TEST_ENV, OUTBOUND_BODY_RETENTION_DAYS: "0" })).toThrow(
      /OUTBOUND_BODY_RETENTION_DAYS/,
    );
  });
});
