import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintSessionToken } from "../../../emulators/shopify/session-token.js";
import { DB_KINDS } from "../../helpers/db.js";
import { startMetaHarness, type MetaHarness } from "../../helpers/meta-harness.js";
import { TEST_ENV, TEST_SHOP } from "../../helpers/test-app.js";

for (const kind of DB_KINDS) {
  describe(`Marketing Messages onboarding through Facebook Login for Business [${kind}]`, () => {
    let h: MetaHarness;
    const api = async (path: string, body?: unknown) => {
      const token = mintSessionToken({
        apiKey: TEST_ENV.SHOPIFY_API_KEY,
        secret: TEST_ENV.SHOPIFY_API_SECRET,
        shop: TEST_SHOP,
        now: new Date(),
      });
      const response = await fetch(`${h.app.url}/api${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, text, json: JSON.parse(text) as Record<string, unknown> };
    };
    beforeAll(async () => {
      h = await startMetaHarness(kind, { env: { META_MARKETING_CONFIG_ID: "mkt-config-1" } });
      h.meta.addAdAccount({ adAccountId: "4400000001", token: "EAA-ads-unused" });
    });
    afterAll(async () => {
      await h?.close();
    });

    it("signs in with the marketing configuration, checks the permissions, stores the token encrypted and picks the only ad account", async () => {
      expect((await api("/marketing/onboarding")).json).toEqual({ configured: true, account: null });
      const login = (await api("/marketing/onboarding/login-url", {})).json as {
        url: string;
        redirectUri: string;
        state: string;
      };
      expect(new URL(login.url).searchParams.get("config_id")).toBe("mkt-config-1");
      h.meta.addOAuthCode({
        code: "mkt-code-1",
        redirectUri: login.redirectUri,
        userToken: "EAAUSER-marketing-short",
        pageIds: [],
        scopes: ["ads_management", "marketing_messages_messenger"],
        adAccountIds: ["4400000001"],
      });
      const connected = await api("/marketing/onboarding/connect", {
        code: "mkt-code-1",
        state: login.state,
        redirectUri: login.redirectUri,
      });
      expect(connected.status).toBe(200);
      expect(connected.json.adAccounts).toEqual([{ id: "4400000001", name: "Ad account 4400000001" }]);
      const row = await h.app.database.prisma.marketingAccount.findFirstOrThrow();
      const token = h.app.deps.cipher.decrypt(row.tokenCiphertext);
      expect(token).toMatch(/^EAAL/);
      expect(row.tokenCiphertext).not.toContain(token);
      expect(row.tokenExpiresAt).not.toBeNull();
      const view = await api("/marketing/onboarding");
      expect(view.text).not.toContain(token);
      expect(view.json.account).toMatchObject({
        expired: false,
        grantedScopes: ["ads_management", "marketing_messages_messenger"],
      });
      const settings = (await api("/marketing/settings")).json as { settings: { onboarding: { adAccountId: string } } };
      expect(settings.settings.onboarding.adAccountId).toBe("4400000001");
      const status = (await api("/marketing/status")).json as { readiness: { reasons: { code: string }[] } };
      const codes = status.readiness.reasons.map((r) => r.code);
      expect(codes).toContain("terms_not_accepted");
      expect(codes).not.toContain("ad_account_missing");
    });

    it("refuses a sign-in without the Marketing Messages permission, a state of another shop, and an ad account the token cannot reach", async () => {
      const login = (await api("/marketing/onboarding/login-url", {})).json as { redirectUri: string; state: string };
      h.meta.addOAuthCode({
        code: "mkt-code-2",
        redirectUri: login.redirectUri,
        userToken: "EAAUSER-marketing-2",
        pageIds: [],
        scopes: ["ads_management"],
      });
      const refused = await api("/marketing/onboarding/connect", {
        code: "mkt-code-2",
        state: login.state,
        redirectUri: login.redirectUri,
      });
      expect(refused).toMatchObject({ status: 400, json: { error: "missing_permissions" } });
      expect(String(refused.json.message)).toContain("marketing_messages_messenger");
      const forged = await api("/marketing/onboarding/connect", {
        code: "mkt-code-3",
        state: `${login.state.slice(0, -2)}xx`,
        redirectUri: login.redirectUri,
      });
      expect(forged.status).toBe(400);
      expect((await api("/marketing/onboarding/ad-account", { adAccountId: "9999" })).json).toMatchObject({
        error: "unknown_ad_account",
      });
    });
  });
}
