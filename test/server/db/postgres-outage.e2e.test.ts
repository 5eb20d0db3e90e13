import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signWebhook } from "../../../emulators/shopify/sign-webhook.js";
import { makeOrder } from "../../../emulators/shopify/order-factories.js";
import { runCommand } from "../../../web/server/cli/commands.js";
import { startServer, type RunningServer } from "../../../web/server/server.js";
import { captureLogger } from "../../helpers/capture-logger.js";
import { createPostgresDatabase } from "../../helpers/db.js";
import { startTcpProxy, type TcpProxy } from "../../helpers/tcp-proxy.js";
import { TEST_ENV, TEST_SHOP, testConfig } from "../../helpers/test-app.js";
import { waitFor } from "../../helpers/wait-for.js";

describe("PostgreSQL goes away under the running app and comes back [postgres]", () => {
  let proxy: TcpProxy;
  let drop: () => Promise<void>;
  let app: RunningServer;
  const capture = captureLogger("warn");

  beforeAll(async () => {
    const created = await createPostgresDatabase();
    drop = created.drop;
    const direct = new URL(created.url);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(created.url);
    viaProxy.port = String(proxy.port);
    app = await startServer(testConfig({ DATABASE_URL: viaProxy.toString(), WORKER_CONCURRENCY: "2" }), {
      logger: capture.logger,
      port: 0,
      host: "127.0.0.1",
    });
    await runCommand(app.deps, "shop:install", { shop: TEST_SHOP, "access-token": "shpat_outage" });
  });
  afterAll(async () => {
    await proxy?.restore();
    await app?.stop();
    await proxy?.close();
    await drop?.();
  });

  const health = async () => (await fetch(`${app.url}/healthz`)).status;
  const order = (id: string) =>
    signWebhook({
      topic: "orders/create",
      shop: TEST_SHOP,
      body: makeOrder({ id, number: 1001, shop: TEST_SHOP, customerLocale: "en", createdAt: new Date().toISOString() }),
      secret: TEST_ENV.SHOPIFY_API_SECRET,
      apiVersion: "2026-10",
      webhookId: `outage-${id}`,
    });
  const post = async (signed: ReturnType<typeof order>) =>
    (await fetch(`${app.url}/webhooks/shopify`, { method: "POST", headers: signed.headers, body: signed.rawBody }))
      .status;

  it("answers 503 on /healthz and 5xx to webhooks while the database is gone, and recovers by itself", async () => {
    expect(await health()).toBe(200);
    const before = order("820001");
    expect(await post(before)).toBe(200);

    await proxy.cut();
    await waitFor(async () => (await health()) === 503, { timeoutMs: 15_000, what: "503 during the outage" });
    const during = order("820002");
    const status = await post(during);
    expect(status).toBeGreaterThanOrEqual(500);
    // Let the workers and the lease timer hit the dead connections for a while: the process must stay up.
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    await proxy.restore();
    await waitFor(async () => (await health()) === 200, { timeoutMs: 20_000, what: "200 after the outage" });
    // Shopify retries the webhook it got a 5xx for; now it is acknowledged and kept.
    expect(await post(during)).toBe(200);
    const db = app.deps.db;
    expect(
      (await db.webhookDelivery.findMany({ select: { externalId: true }, orderBy: { externalId: "asc" } })).map(
        (d) => d.externalId,
      ),
    ).toEqual(["outage-820001", "outage-820002"]);
    // Both deliveries processed (the install's shop-sync job retries on its own: no Admin API in this test).
    await waitFor(async () => (await db.webhookDelivery.count({ where: { processedAt: null } })) === 0, {
      timeoutMs: 30_000,
      what: "both orders processed after the outage",
    });
    // The pool reported the dropped connections instead of leaving them to an unhandled error event.
    expect(capture.text()).toMatch(/database connection lost/);
  }, 90_000);
});
