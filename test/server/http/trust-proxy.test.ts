import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signAppProxyQuery } from "../../../web/server/storefront/verify-proxy-signature.js";
import { startTestApp, TEST_ENV, TEST_SHOP, type TestApp } from "../../helpers/test-app.js";

// The app proxy limits a guest to 20 links a minute per address (web/server/storefront/app-proxy.router.ts).
const GUEST_LIMIT = 20;

/** Guest requests to /proxy/link, each claiming another client address in X-Forwarded-For. */
async function spoofedGuests(app: TestApp, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const query = signAppProxyQuery(
      { shop: TEST_SHOP, logged_in_customer_id: "", timestamp: String(Math.floor(Date.now() / 1000)) },
      TEST_ENV.SHOPIFY_API_SECRET,
    );
    const response = await fetch(`${app.url}/proxy/link?${query}`, {
      headers: { "x-forwarded-for": `203.0.113.${i + 1}` },
    });
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return statuses;
}

describe("trust proxy", () => {
  let direct: TestApp;
  let behindProxy: TestApp;
  beforeAll(async () => {
    direct = await startTestApp("pglite", { workers: false });
    behindProxy = await startTestApp("pglite", { workers: false, env: { TRUST_PROXY: "loopback" } });
  });
  afterAll(async () => {
    await direct?.close();
    await behindProxy?.close();
  });

  it("is off by default: a client cannot escape the guest limit by making up X-Forwarded-For addresses", async () => {
    const statuses = await spoofedGuests(direct, GUEST_LIMIT + 3);
    expect(statuses.slice(GUEST_LIMIT)).toEqual([429, 429, 429]);
  });

  it("with TRUST_PROXY naming the proxy, the forwarded address is the client", async () => {
    const statuses = await spoofedGuests(behindProxy, GUEST_LIMIT + 3);
    expect(statuses).not.toContain(429);
  });
});
