import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintSessionToken } from "../../../emulators/shopify/session-token.js";
import { runCommand } from "../../../web/server/cli/commands.js";
import { PAGE_FIELDS } from "../../../web/server/pages/connect-page.js";
import { DB_KINDS } from "../../helpers/db.js";
import { startMetaHarness, type MetaHarness } from "../../helpers/meta-harness.js";
import { TEST_ENV, TEST_SHOP } from "../../helpers/test-app.js";
import { dumpDatabase } from "./support.js";

const OTHER_SHOP = "other-shop.myshopify.com";
const CONFIG_ID = "987654321";
const USER_ID = "5550001";

/** The loose shape of our JSON answers, enough for the assertions below. */
interface Answer {
  [key: string]: unknown;
  url: string;
  state: string;
  redirectUri: string;
  grant: string;
  pages: unknown[];
  error?: string;
}

for (const kind of DB_KINDS) {
  describe(`Facebook Login for Business endpoints [${kind}]`, () => {
    let h: MetaHarness;
    let seq = 0;
    beforeAll(async () => {
      h = await startMetaHarness(kind, { connectPage: false, workers: false, env: { META_CONFIG_ID: CONFIG_ID } });
      await runCommand(h.app.deps, "shop:install", { shop: OTHER_SHOP, "access-token": "shpat_other" });
    });
    afterAll(async () => {
      await h?.close();
    });

    async function api(method: string, path: string, body?: unknown, shop = TEST_SHOP) {
      // Session tokens are checked against real time by the Shopify library, not the harness clock.
      const token = mintSessionToken({
        apiKey: TEST_ENV.SHOPIFY_API_KEY,
        secret: TEST_ENV.SHOPIFY_API_SECRET,
        shop,
        now: new Date(),
      });
      const res = await fetch(`${h.app.url}/api/pages${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as Answer };
    }

    /** Logs in through the dialog as a user who manages two fresh Pages; returns the list answer. */
    async function loginAndList(shop = TEST_SHOP) {
      seq += 1;
      const pages = [1, 2].map((n) => ({
        pageId: `30000${seq}000${n}`,
        token: `EAAPAGE-flfb-${kind}-${seq}-${n}`,
        name: `FLfB ${seq}.${n}`,
        username: `flfb${seq}x${n}`,
      }));
      for (const p of pages) h.meta.addPage(p);
      const login = await api("POST", "/login-url", undefined, shop);
      expect(login.status).toBe(200);
      const code = `code-${kind}-${seq}`;
      h.meta.addOAuthCode({
        code,
        redirectUri: login.body.redirectUri,
        userToken: `EAAUSER-${kind}-${seq}`,
        pageIds: pages.map((p) => p.pageId),
        userId: USER_ID,
      });
      const list = await api(
        "POST",
        "/list",
        { code, state: login.body.state, redirectUri: login.body.redirectUri },
        shop,
      );
      return { pages, login, list, code };
    }

    it("login-url builds the dialog URL with config_id, redirect URI and a signed state", async () => {
      const { status, body } = await api("POST", "/login-url");
      expect(status).toBe(200);
      const url = new URL(body.url);
      expect(url.origin + url.pathname).toBe("https://www.facebook.com/v27.0/dialog/oauth");
      expect(Object.fromEntries(url.searchParams)).toMatchObject({
        client_id: TEST_ENV.META_APP_ID,
        config_id: CONFIG_ID,
        redirect_uri: `${TEST_ENV.SHOPIFY_APP_URL}/facebook/login-callback`,
        response_type: "code",
        state: body.state,
      });
      expect(url.searchParams.get("scope")?.split(",")).toContain("pages_utility_messaging");
      expect(url.searchParams.get("scope")?.split(",")).toEqual(expect.arrayContaining(["pages_messaging"]));
    });

    it("list + connect: exchanges the code, seals the tokens, connects the chosen Page as the login user", async () => {
      const { pages, list } = await loginAndList();
      expect(list.status).toBe(200);
      expect(list.body.pages).toEqual(
        pages.map((p) => ({
          id: p.pageId,
          name: p.name,
          username: p.username,
          tasks: expect.arrayContaining(["MESSAGING"]),
        })),
      );
      for (const p of pages) expect(JSON.stringify(list.body)).not.toContain(p.token);

      const chosen = pages[1]!;
      const connected = await api("POST", "/connect", { grant: list.body.grant, pageId: chosen.pageId });
      expect(connected).toEqual({ status: 200, body: { page: { pageId: chosen.pageId, status: "active" } } });
      const row = await h.app.deps.db.pageConnection.findUniqueOrThrow({ where: { pageId: chosen.pageId } });
      expect(row).toMatchObject({
        connectedBy: USER_ID,
        pageName: chosen.name,
        pageUsername: chosen.username,
        status: "active",
      });
      expect(h.app.deps.cipher.decrypt(row.tokenCiphertext)).toBe(chosen.token);
      expect(await dumpDatabase(h.app.deps.db)).not.toContain(chosen.token);
      expect(h.meta.state.pages.get(chosen.pageId)!.subscribedFields).toEqual(PAGE_FIELDS);
      expect(h.meta.state.pages.get(chosen.pageId)!.profile.get_started).toEqual({ payload: "GET_STARTED" });

      const listed = await api("GET", "");
      expect(listed.body.pages).toContainEqual(
        expect.objectContaining({ pageId: chosen.pageId, status: "active", statusReason: null }),
      );
      expect((await api("GET", "", undefined, OTHER_SHOP)).body.pages).toEqual([]);
    });

    it("refuses a forged, expired, other-shop or replayed state", async () => {
      const login = await api("POST", "/login-url");
      const base = { code: "x", redirectUri: login.body.redirectUri };
      const s: string = login.body.state;
      const forged = `${s.slice(0, -2)}${s.endsWith("AA") ? "BB" : "AA"}`;
      expect(await api("POST", "/list", { ...base, state: forged })).toEqual({
        status: 400,
        body: { error: "state_invalid" },
      });
      expect(await api("POST", "/list", { ...base, state: s }, OTHER_SHOP)).toEqual({
        status: 400,
        body: { error: "state_invalid" },
      });
      expect(await api("POST", "/list", { ...base, state: s, redirectUri: "https://evil.example/cb" })).toEqual({
        status: 400,
        body: { error: "state_invalid" },
      });
      h.clock.advance({ minutes: 11 });
      expect(await api("POST", "/list", { ...base, state: s })).toEqual({
        status: 400,
        body: { error: "state_expired" },
      });

      const { list, login: l2, code } = await loginAndList();
      expect(list.status).toBe(200);
      // Meta's codes are single-use: the same state and code again is refused by the exchange.
      expect(await api("POST", "/list", { code, state: l2.body.state, redirectUri: l2.body.redirectUri })).toEqual({
        status: 400,
        body: { error: "code_rejected" },
      });
    });

    it("refuses a forged, expired, other-shop or mismatched grant, and connects nothing", async () => {
      const { pages, list } = await loginAndList();
      const grant: string = list.body.grant;
      const tampered = `${grant.slice(0, 20)}${grant[20] === "A" ? "B" : "A"}${grant.slice(21)}`;
      const p = pages[0]!.pageId;
      expect(await api("POST", "/connect", { grant: tampered, pageId: p })).toEqual({
        status: 400,
        body: { error: "grant_invalid" },
      });
      expect(await api("POST", "/connect", { grant: "v1:Zm9yZ2Vk", pageId: p })).toEqual({
        status: 400,
        body: { error: "grant_invalid" },
      });
      expect(await api("POST", "/connect", { grant, pageId: p }, OTHER_SHOP)).toEqual({
        status: 400,
        body: { error: "grant_invalid" },
      });
      expect(await api("POST", "/connect", { grant, pageId: "42" })).toEqual({
        status: 400,
        body: { error: "page_not_granted" },
      });
      h.clock.advance({ minutes: 16 });
      expect(await api("POST", "/connect", { grant, pageId: p })).toEqual({
        status: 400,
        body: { error: "grant_expired" },
      });
      expect(await h.app.deps.db.pageConnection.count({ where: { pageId: { in: pages.map((x) => x.pageId) } } })).toBe(
        0,
      );
    });

    it("refuses to connect a Page held by another shop", async () => {
      const { pages, list } = await loginAndList();
      await runCommand(h.app.deps, "page:connect", {
        shop: OTHER_SHOP,
        "page-id": pages[0]!.pageId,
        "page-token": pages[0]!.token,
      });
      expect(await api("POST", "/connect", { grant: list.body.grant, pageId: pages[0]!.pageId })).toEqual({
        status: 409,
        body: { error: "page_taken" },
      });
    });

    it("validates bodies and answers clear 4xx", async () => {
      const missing = await api("POST", "/list", { code: "c" });
      expect(missing.status).toBe(400);
      expect(missing.body.error).toBe("invalid_request");
      expect((await api("POST", "/connect", { grant: "g", pageId: "not-a-number" })).status).toBe(400);
      expect((await api("DELETE", "/abc")).status).toBe(400);
      expect(await api("DELETE", "/123456")).toEqual({ status: 404, body: { error: "page_not_found" } });
    });

    it("DELETE disconnects: unsubscribes the app and deletes the token", async () => {
      const { pages, list } = await loginAndList();
      const p = pages[0]!;
      await api("POST", "/connect", { grant: list.body.grant, pageId: p.pageId });
      expect(await api("DELETE", `/${p.pageId}`, undefined, OTHER_SHOP)).toEqual({
        status: 404,
        body: { error: "page_not_found" },
      });
      expect(await api("DELETE", `/${p.pageId}`)).toEqual({ status: 200, body: { disconnected: p.pageId } });
      expect(await h.app.deps.db.pageConnection.findUnique({ where: { pageId: p.pageId } })).toBeNull();
      expect(h.meta.state.pages.get(p.pageId)!.subscribedFields).toEqual([]);
    });
  });
}

describe("Facebook Login for Business without a configuration", () => {
  it("login-url answers 409 when META_CONFIG_ID is not set", async () => {
    const h = await startMetaHarness("pglite", { connectPage: false, workers: false });
    try {
      const token = mintSessionToken({
        apiKey: TEST_ENV.SHOPIFY_API_KEY,
        secret: TEST_ENV.SHOPIFY_API_SECRET,
        shop: TEST_SHOP,
        now: new Date(),
      });
      const res = await fetch(`${h.app.url}/api/pages/login-url`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(409);
      expect(await res.json()).toEqual({ error: "not_configured" });
    } finally {
      await h.close();
    }
  });
});
