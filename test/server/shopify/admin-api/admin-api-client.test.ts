import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { mintSessionToken } from "../../../../emulators/shopify/session-token.js";
import { runCommand } from "../../../../web/server/cli/commands.js";
import { openDatabase, type Database } from "../../../../web/server/db/open-database.js";
import { createDeps } from "../../../../web/server/deps.js";
import { createAdminApi } from "../../../../web/server/shopify/admin-api/admin-api-client.js";
import { AdminApiError } from "../../../../web/server/shopify/admin-api/admin-api-error.js";
import { SHOP_PROFILE_QUERY, shopSyncJob } from "../../../../web/server/shopify/shop-profile.js";
import { captureLogger } from "../../../helpers/capture-logger.js";
import { DB_KINDS } from "../../../helpers/db.js";
import { startMetaHarness, type MetaHarness } from "../../../helpers/meta-harness.js";
import { TEST_ENV, TEST_SHOP } from "../../../helpers/test-app.js";

for (const kind of DB_KINDS) {
  describe(`Admin API client against the Admin API emulator [${kind}]`, () => {
    let h: MetaHarness;
    let second: Database | undefined;
    beforeAll(async () => {
      h = await startMetaHarness(kind, { workers: false, connectPage: false });
      h.shopify.state.shop(TEST_SHOP).name = "Test Shop Ltd";
    });
    afterAll(async () => {
      await second?.close();
      await h?.close();
    });
    afterEach(async () => {
      // Each test starts from a valid expiring token and a healthy shop.
      const token = h.shopify.issueOfflineToken(TEST_SHOP);
      await runCommand(h.app.deps, "shop:install", {
        shop: TEST_SHOP,
        "access-token": token.access_token,
        "refresh-token": token.refresh_token,
        "expires-in": String(token.expires_in),
      });
      h.shopify.setBucket(TEST_SHOP, { maximumAvailable: 2000, restoreRate: 100 });
    });
    const session = () => h.app.deps.sessionStorage.loadSession(`offline_${TEST_SHOP}`);

    it("sends the stored offline token and reads the shop; the emulator sees it in X-Shopify-Access-Token", async () => {
      const data = await h.app.deps.adminApi.request(TEST_SHOP, SHOP_PROFILE_QUERY);
      expect(data.shop).toEqual({
        name: "Test Shop Ltd",
        currencyCode: "EUR",
        ianaTimezone: "Europe/Vilnius",
        billingAddress: { countryCodeV2: "LT" },
      });
      const last = h.shopify.requests.at(-1)!;
      expect(last).toMatchObject({ path: "/admin/api/2026-10/graphql.json", status: 200 });
      expect(last.accessToken).toBe((await session())!.accessToken);
    });

    it("refreshes an expired token ONCE for two concurrent jobs on two instances; both use the new token", async () => {
      const other =
        kind === "postgres"
          ? await createDeps(h.app.deps.config, {
              database: (second ??= await openDatabase({ kind: "postgres", url: h.app.database.url! })),
              clock: h.clock,
              logger: captureLogger("warn").logger,
            })
          : { ...h.app.deps, adminApi: createAdminApi(h.app.deps) };
      const old = (await session())!.accessToken;
      h.clock.advance({ minutes: 61 }); // the 60-minute access token is dead, in the app's and Shopify's eyes
      const before = h.shopify.refreshCount(TEST_SHOP);
      const [a, b] = await Promise.all([
        h.app.deps.adminApi.request(TEST_SHOP, SHOP_PROFILE_QUERY),
        other.adminApi.request(TEST_SHOP, SHOP_PROFILE_QUERY),
      ]);
      expect(a.shop.name).toBe("Test Shop Ltd");
      expect(b.shop.name).toBe("Test Shop Ltd");
      expect(h.shopify.refreshCount(TEST_SHOP)).toBe(before + 1);
      const stored = (await session())!;
      expect(stored.accessToken).not.toBe(old);
      // Within a second: the library dates expiry by the system clock when the answer arrives, a moment earlier.
      expect(Math.abs(stored.expires!.getTime() - (h.clock.now().getTime() + 3600_000))).toBeLessThan(1000);
      const sent = h.shopify.requests.filter((r) => r.path.endsWith("graphql.json")).slice(-2);
      expect(sent.map((r) => r.accessToken)).toEqual([stored.accessToken, stored.accessToken]);
    });

    it("refreshes shortly before expiry, not only after", async () => {
      h.clock.advance({ minutes: 56 });
      const before = h.shopify.refreshCount(TEST_SHOP);
      await h.app.deps.adminApi.request(TEST_SHOP, SHOP_PROFILE_QUERY);
      expect(h.shopify.refreshCount(TEST_SHOP)).toBe(before + 1);
    });

    it("a shop installed with a non-expiring token is migrated once to an expiring pair (mandatory from 2027-01-01)", async () => {
      const legacy = h.shopify.issueNonExpiringToken(TEST_SHOP);
      await runCommand(h.app.deps, "shop:install", { shop: TEST_SHOP, "access-token": legacy });
      expect((await session())!.expires).toBeUndefined();
      const before = h.shopify.migrationCount(TEST_SHOP);
      await Promise.all([
        h.app.deps.adminApi.request(TEST_SHOP, SHOP_PROFILE_QUERY),
        createAdminApi(h.app.deps).request(TEST_SHOP, SHOP_PROFILE_QUERY),
      ]);
      expect(h.shopify.migrationCount(TEST_SHOP)).toBe(before + 1);
      const migrated = (await session())!;
      expect(migrated.accessToken).not.toBe(legacy);
      expect(migrated.refreshToken).toMatch(/^shprt_/);
      expect(migrated.expires!.getTime()).toBe(h.clock.now().getTime() + 3600_000);
      const exchange = h.shopify.requests.filter((r) => r.path === "/admin/oauth/access_token").at(-1)!;
      expect(exchange.body).toMatchObject({
        subject_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
        expiring: "1",
      });
    });

    it("a revoked refresh token flags the shop (visible in GET /api/shop), the job stops, nothing crashes; opening the app restores it", async () => {
      h.shopify.revokeRefreshTokens(TEST_SHOP);
      h.clock.advance({ minutes: 61 });
      await expect(h.app.deps.adminApi.request(TEST_SHOP, SHOP_PROFILE_QUERY)).rejects.toMatchObject({
        failure: "reauth_required",
      });
      const shop = await h.app.deps.db.shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } });
      expect(shop.reauthRequiredAt?.toISOString()).toBe(h.clock.now().toISOString());
      expect(shop.reauthReason).toMatch(/refresh refused/);

      const job = {
        id: 1n,
        kind: "x",
        dedupeKey: "x",
        queueKey: null,
        payload: { shop: TEST_SHOP },
        attempts: 1,
        maxAttempts: 8,
        runAt: h.clock.now(),
        createdAt: h.clock.now(),
      };
      const outcome = await shopSyncJob(h.app.deps)(job, {
        logger: h.app.deps.logger,
        signal: new AbortController().signal,
      });
      expect(outcome).toMatchObject({ status: "dead", error: expect.stringMatching(/^reauth_required/) });

      // The merchant opens the app: App Bridge's session token → token exchange (expiring) → flag cleared.
      const sessionToken = mintSessionToken({
        apiKey: TEST_ENV.SHOPIFY_API_KEY,
        secret: TEST_ENV.SHOPIFY_API_SECRET,
        shop: TEST_SHOP,
        now: new Date(),
      });
      const res = await fetch(`${h.app.url}/api/shop`, { headers: { authorization: `Bearer ${sessionToken}` } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { shop: { reauthRequiredAt: string | null; displayName: string } };
      expect(body.shop.reauthRequiredAt).toBeNull();
      const exchange = h.shopify.requests.filter((r) => r.path === "/admin/oauth/access_token").at(-1)!;
      expect(exchange.body).toMatchObject({
        grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
        expiring: "1",
      });
      expect(exchange.status).toBe(200);
      await expect(h.app.deps.adminApi.request(TEST_SHOP, SHOP_PROFILE_QUERY)).resolves.toBeTruthy();
    });

    it("waits for the cost bucket instead of being THROTTLED, and retries THROTTLED and 429 after the time Shopify says", async () => {
      const sleeps: number[] = [];
      const api = createAdminApi(h.app.deps, {
        sleep: async (ms) => {
          sleeps.push(ms);
          h.clock.advance({ ms });
        },
      });
      h.shopify.setBucket(TEST_SHOP, { maximumAvailable: 10, restoreRate: 1, available: 10 });
      await api.request(TEST_SHOP, SHOP_PROFILE_QUERY); // learns the bucket: 8 left
      h.shopify.setBucket(TEST_SHOP, { maximumAvailable: 10, restoreRate: 1, available: 0 });
      await api.request(TEST_SHOP, SHOP_PROFILE_QUERY); // THROTTLED: waits 2 s (2 points at 1/s), then passes
      expect(sleeps).toEqual([2000]);
      const answers = h.shopify.requests.slice(-2).map((r) => r.status);
      expect(answers).toEqual([200, 200]); // the THROTTLED answer is a 200 with errors, then the retry

      h.shopify.setBucket(TEST_SHOP, { maximumAvailable: 2000, restoreRate: 100 });
      await api.request(TEST_SHOP, SHOP_PROFILE_QUERY); // a full bucket again, as far as the app knows
      sleeps.length = 0;
      h.shopify.failNext(429, 3);
      await api.request(TEST_SHOP, SHOP_PROFILE_QUERY);
      expect(sleeps).toEqual([3000]); // Retry-After is in seconds

      // The bucket estimate: 0 left at 1/s after the last query → a 2-point query waits before being sent.
      h.shopify.setBucket(TEST_SHOP, { maximumAvailable: 10, restoreRate: 1, available: 2 });
      await api.request(TEST_SHOP, SHOP_PROFILE_QUERY);
      sleeps.length = 0;
      const sent = h.shopify.requests.length;
      await api.request(TEST_SHOP, SHOP_PROFILE_QUERY);
      expect(sleeps).toEqual([2000]);
      expect(h.shopify.requests.length).toBe(sent + 1); // waited, then one request: never THROTTLED
    });

    it("a token refused again right after its refresh flags the shop once, instead of refreshing forever", async () => {
      const before = h.shopify.refreshCount(TEST_SHOP);
      h.shopify.failNext(401);
      h.shopify.failNext(401); // the refreshed token is refused too (the app was uninstalled meanwhile, say)
      await expect(h.app.deps.adminApi.request(TEST_SHOP, SHOP_PROFILE_QUERY)).rejects.toMatchObject({
        failure: "reauth_required",
      });
      expect(h.shopify.refreshCount(TEST_SHOP)).toBe(before + 1);
      const shop = await h.app.deps.db.shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } });
      expect(shop.reauthReason).toMatch(/refused/);
      // The refused token is forgotten, so the merchant's next visit runs token exchange instead of reusing it.
      expect((await session())?.accessToken).toBeUndefined();
      // and later jobs stop cleanly as reauth_required too, until the merchant opens the app.
      await expect(h.app.deps.adminApi.request(TEST_SHOP, SHOP_PROFILE_QUERY)).rejects.toMatchObject({
        failure: "reauth_required",
      });
    });

    it("a long throttle fails as `throttled` with the wait, for the job to reschedule; a 5xx is `unavailable`", async () => {
      const api = createAdminApi(h.app.deps, { maxInlineWaitMs: 1000, sleep: async () => undefined });
      h.shopify.setBucket(TEST_SHOP, { maximumAvailable: 100, restoreRate: 1, available: 0 });
      const error = await api.request(TEST_SHOP, SHOP_PROFILE_QUERY).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AdminApiError);
      expect(error).toMatchObject({ failure: "throttled", retryAfterMs: 2000 });
      h.shopify.setBucket(TEST_SHOP, { maximumAvailable: 2000, restoreRate: 100 });
      h.clock.advance({ seconds: 2 });
      await api.request(TEST_SHOP, SHOP_PROFILE_QUERY);
      h.shopify.failNext(503);
      await expect(api.request(TEST_SHOP, SHOP_PROFILE_QUERY)).rejects.toMatchObject({ failure: "unavailable" });
    });
  });
}
