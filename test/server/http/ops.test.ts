import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintSessionToken } from "../../../emulators/shopify/session-token.js";
import { signWebhook } from "../../../emulators/shopify/sign-webhook.js";
import { TEST_ENV, TEST_SHOP, type TestApp } from "../../helpers/test-app.js";
import { startMetaHarness, TEST_PAGE, type MetaHarness } from "../../helpers/meta-harness.js";
import { runCommand } from "../../../web/server/cli/commands.js";
import { waitForIdle } from "../../helpers/outbound.js";
import { startTestApp } from "../../helpers/test-app.js";

const METRICS_TOKEN = "metrics-token-0123456789abcdef";

describe("operations endpoints and secrets in logs", () => {
  let app: TestApp;
  let harness: MetaHarness;
  beforeAll(async () => {
    harness = await startMetaHarness("pglite", { connectPage: false, env: { METRICS_TOKEN } });
    app = harness.app;
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("GET /healthz checks the database", async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "reachable" });
  });

  it("sends the embedded-app CSP: only the shop's admin may frame the app", async () => {
    const framed = await fetch(`${app.url}/healthz?shop=${TEST_SHOP}`);
    expect(framed.headers.get("content-security-policy")).toContain(
      `frame-ancestors https://${TEST_SHOP} https://admin.shopify.com`,
    );
    const plain = await fetch(`${app.url}/healthz`);
    expect(plain.headers.get("content-security-policy")).toBe("frame-ancestors 'none';");
  });

  it("GET /metrics exposes latency, queue depth, oldest pending age and sends", async () => {
    await fetch(`${app.url}/healthz`);
    const response = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/http_request_duration_seconds_bucket\{.*route="\/healthz"/);
    expect(text).toContain('outbox_jobs{queue="inbox",status="pending"}');
    expect(text).toContain("outbox_oldest_pending_age_seconds");
    expect(text).toContain("messenger_sends_total");
  });

  it("GET /metrics answers 401 without the bearer token, with a wrong one, or with one of another length", async () => {
    for (const authorization of [
      undefined,
      `Bearer ${METRICS_TOKEN.slice(0, -1)}x`,
      `Bearer ${METRICS_TOKEN}0`,
      `Basic ${METRICS_TOKEN}`,
      `Basic Bearer ${METRICS_TOKEN}`,
      `Bearer ${METRICS_TOKEN} extra`,
      METRICS_TOKEN,
    ]) {
      const response = await fetch(`${app.url}/metrics`, authorization ? { headers: { authorization } } : {});
      expect(response.status, authorization ?? "no header").toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await response.text()).not.toContain("outbox_jobs");
    }
  });

  it("/api requires a valid session token and answers for the token's shop", async () => {
    const token = "shpat_supersecret_offline_token";
    await runCommand(app.deps, "shop:install", { shop: TEST_SHOP, "access-token": token });
    const stored = await app.database.prisma.session.findFirstOrThrow();
    expect(stored.accessToken).not.toContain(token);

    // Without a token the library answers with App Bridge's bounce page (which fetches a token), never data.
    const anonymous = await fetch(`${app.url}/api/shop`);
    expect(anonymous.headers.get("content-type")).not.toMatch(/json/);
    expect(await anonymous.text()).not.toContain(TEST_SHOP);
    const forged = mintSessionToken({
      apiKey: TEST_ENV.SHOPIFY_API_KEY,
      secret: "wrong",
      shop: TEST_SHOP,
      now: new Date(),
    });
    expect((await fetch(`${app.url}/api/shop`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);

    const good = mintSessionToken({
      apiKey: TEST_ENV.SHOPIFY_API_KEY,
      secret: TEST_ENV.SHOPIFY_API_SECRET,
      shop: TEST_SHOP,
      now: new Date(),
    });
    const response = await fetch(`${app.url}/api/shop`, { headers: { authorization: `Bearer ${good}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ shop: { domain: TEST_SHOP } });
  });

  it("never writes a secret, token, signature or message text to the logs", async () => {
    const pageToken = TEST_PAGE.token;
    await runCommand(app.deps, "shop:install", { shop: TEST_SHOP, "access-token": "shpat_log_probe_token" });
    await runCommand(app.deps, "page:connect", {
      shop: TEST_SHOP,
      "page-id": TEST_PAGE.pageId,
      "page-token": pageToken,
    });
    const webhook = signWebhook({
      topic: "orders/create",
      shop: TEST_SHOP,
      body: { id: 5, email: "jane@example.com", note: "secret-note-text" },
      secret: TEST_ENV.SHOPIFY_API_SECRET,
      apiVersion: "2026-10",
    });
    await fetch(`${app.url}/webhooks/shopify?hmac=query-hmac-probe`, {
      method: "POST",
      headers: webhook.headers,
      body: webhook.rawBody,
    });
    await fetch(`${app.url}/api/shop?id_token=query-token-probe`, {
      headers: { authorization: "Bearer header-token-probe" },
    });
    await harness.meta.shopper.tapGetStarted(TEST_PAGE.pageId, "7000000000000099");
    await harness.meta.shopper.sendText(TEST_PAGE.pageId, "7000000000000099", "hello shopper text");
    await waitForIdle(app.database.prisma);
    app.deps.logger.info(
      {
        token: "direct-token-probe",
        accessToken: "direct-access-probe",
        text: "hello shopper text",
        customer: { email: "jane@example.com" },
      },
      "probe",
    );
    const logs = app.logs();
    expect(logs).toContain('"msg":"probe"');
    for (const secret of [
      pageToken,
      "shpat_log_probe_token",
      TEST_ENV.SHOPIFY_API_SECRET,
      TEST_ENV.META_APP_SECRET,
      webhook.headers["X-Shopify-Hmac-Sha256"]!,
      "query-hmac-probe",
      "query-token-probe",
      "header-token-probe",
      "direct-token-probe",
      "direct-access-probe",
      "hello shopper text",
      "jane@example.com",
      "secret-note-text",
    ]) {
      expect(logs, `logs leak ${secret}`).not.toContain(secret);
    }
  });
});

describe("GET /metrics without METRICS_TOKEN", () => {
  it("does not exist outside the sandbox, and is open in the sandbox", async () => {
    const production = await startTestApp("pglite", { workers: false });
    const sandbox = await startTestApp("pglite", { workers: false, env: { SANDBOX: "1" } });
    try {
      const missing = await fetch(`${production.url}/metrics`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).not.toContain("outbox_jobs");
      const open = await fetch(`${sandbox.url}/metrics`);
      expect(open.status).toBe(200);
      expect(await open.text()).toContain("outbox_jobs");
    } finally {
      await production.close();
      await sandbox.close();
    }
  });
});
