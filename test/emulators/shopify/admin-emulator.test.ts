import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createShopifyAdminEmulator,
  type ShopifyAdminEmulator,
} from "../../../emulators/shopify/admin/admin-emulator.js";
import { mintSessionToken } from "../../../emulators/shopify/session-token.js";

const APP = { apiKey: "emu-api-key", apiSecret: "emu-api-secret-0123456789" };
const SHOP = "emu-shop.myshopify.com";

describe("Shopify Admin API emulator", () => {
  let emulator: ShopifyAdminEmulator;
  let base: string;
  let token: string;
  let installation: string;
  beforeAll(async () => {
    emulator = createShopifyAdminEmulator(APP);
    base = await emulator.start();
    installation = emulator.addShop({ domain: SHOP, name: "Emu Shop", currencyCode: "USD" }).appInstallationId;
    token = emulator.issueOfflineToken(SHOP).access_token;
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const graphql = (body: unknown, accessToken: string | null = token, version = "2026-10") =>
    fetch(`${base}/admin/api/${version}/graphql.json`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(accessToken ? { "x-shopify-access-token": accessToken } : {}),
      },
      body: JSON.stringify(body),
    });
  const tokenRequest = (body: Record<string, string>) =>
    fetch(`${base}/admin/oauth/access_token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: APP.apiKey, client_secret: APP.apiSecret, ...body }),
    });

  it("refuses a missing or wrong X-Shopify-Access-Token with Shopify's 401", async () => {
    for (const bad of [null, "shpat_wrong"]) {
      const res = await graphql({ query: "{ shop { name } }" }, bad);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ errors: expect.stringContaining("Invalid API key or access token") });
    }
  });

  it("refuses an expired access token", async () => {
    const pair = emulator.issueOfflineToken(SHOP, 3600);
    emulator.expireAccessTokens(SHOP);
    expect((await graphql({ query: "{ shop { name } }" }, pair.access_token)).status).toBe(401);
    token = emulator.issueOfflineToken(SHOP).access_token;
  });

  it("answers the shop query with its cost and throttle status", async () => {
    const res = await graphql({
      query: "{ shop { name currencyCode ianaTimezone billingAddress { countryCodeV2 } } }",
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: unknown; extensions: { cost: Record<string, unknown> } };
    expect(body.data).toEqual({
      shop: {
        name: "Emu Shop",
        currencyCode: "USD",
        ianaTimezone: "Europe/Vilnius",
        billingAddress: { countryCodeV2: "LT" },
      },
    });
    expect(body.extensions.cost).toMatchObject({
      requestedQueryCost: 2,
      actualQueryCost: 2,
      throttleStatus: { maximumAvailable: 2000, restoreRate: 100 },
    });
  });

  it("refuses fields and operations outside the schema as Shopify does, and unknown API versions", async () => {
    const res = await graphql({ query: "{ shop { name } products(first: 1) { nodes { id } } }" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data?: unknown; errors: { message: string; extensions: unknown }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]).toMatchObject({
      message: "Field 'products' doesn't exist on type 'QueryRoot'",
      extensions: { code: "undefinedField", typeName: "QueryRoot", fieldName: "products" },
    });
    const mutation = await graphql({ query: "mutation { productCreate(input: {}) { product { id } } }" });
    expect(((await mutation.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe(
      "Field 'productCreate' doesn't exist on type 'Mutation'",
    );
    expect((await graphql({ query: "{ shop { name } }" }, token, "2019-04")).status).toBe(404);
  });

  it("writes, reads and deletes app-installation metafields with metafieldsSet / metafieldsDelete", async () => {
    const set = await graphql({
      query: `mutation Set($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { metafields { key value } userErrors { field message code } } }`,
      variables: {
        m: [
          {
            ownerId: installation,
            namespace: "messenger",
            key: "page_username",
            type: "single_line_text_field",
            value: "emupage",
          },
        ],
      },
    });
    const setBody = (await set.json()) as { data: { metafieldsSet: unknown } };
    expect(setBody.data.metafieldsSet).toEqual({
      metafields: [{ key: "page_username", value: "emupage" }],
      userErrors: [],
    });
    expect(emulator.appMetafields(SHOP)).toEqual({
      messenger: { page_username: { value: "emupage", type: "single_line_text_field" } },
    });

    const read = await graphql({
      query: `{ currentAppInstallation { id metafield(namespace: "messenger", key: "page_username") { value } } }`,
    });
    expect(((await read.json()) as { data: unknown }).data).toEqual({
      currentAppInstallation: { id: installation, metafield: { value: "emupage" } },
    });

    const del = await graphql({
      query: `mutation Del($m: [MetafieldIdentifierInput!]!) { metafieldsDelete(metafields: $m) { deletedMetafields { key } userErrors { message } } }`,
      variables: { m: [{ ownerId: installation, namespace: "messenger", key: "page_username" }] },
    });
    expect(((await del.json()) as { data: unknown }).data).toEqual({
      metafieldsDelete: { deletedMetafields: [{ key: "page_username" }], userErrors: [] },
    });
    expect(emulator.appMetafields(SHOP)).toEqual({});
  });

  it("metafieldsSet refuses another owner, a missing type and a multi-line single-line value", async () => {
    const res = await graphql({
      query: `mutation Set($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { metafields { key } userErrors { field code } } }`,
      variables: {
        m: [
          {
            ownerId: "gid://shopify/AppInstallation/1",
            namespace: "messenger",
            key: "a_key",
            type: "single_line_text_field",
            value: "x",
          },
          { ownerId: installation, namespace: "messenger", key: "b_key", value: "x" },
          {
            ownerId: installation,
            namespace: "messenger",
            key: "c_key",
            type: "single_line_text_field",
            value: "a\nb",
          },
        ],
      },
    });
    const body = (await res.json()) as {
      data: { metafieldsSet: { metafields: unknown; userErrors: { code: string }[] } };
    };
    expect(body.data.metafieldsSet.metafields).toBeNull();
    expect(body.data.metafieldsSet.userErrors.map((e) => e.code)).toEqual(["INVALID", "BLANK", "INVALID_VALUE"]);
    expect(emulator.appMetafields(SHOP)).toEqual({});
  });

  it("answers THROTTLED with the bucket's state when a query costs more than is available", async () => {
    emulator.setBucket(SHOP, { maximumAvailable: 50, restoreRate: 10, available: 1 });
    const res = await graphql({ query: "{ shop { name billingAddress { countryCodeV2 } } }" });
    const body = (await res.json()) as { errors: { extensions: { code: string } }[]; extensions: { cost: unknown } };
    expect(body.errors[0]!.extensions.code).toBe("THROTTLED");
    expect(body.extensions.cost).toMatchObject({
      requestedQueryCost: 2,
      actualQueryCost: null,
      throttleStatus: { maximumAvailable: 50, currentlyAvailable: 1, restoreRate: 10 },
    });
    emulator.setBucket(SHOP, { maximumAvailable: 2000, restoreRate: 100 });
  });

  it("refresh_token grant: a new pair; the old refresh token works until its replacement is used", async () => {
    const first = emulator.issueOfflineToken(SHOP);
    const before = emulator.refreshCount(SHOP);
    const res = await tokenRequest({ grant_type: "refresh_token", refresh_token: first.refresh_token });
    expect(res.status).toBe(200);
    const second = (await res.json()) as { access_token: string; refresh_token: string; expires_in: number };
    expect(second).toMatchObject({ expires_in: 3600, refresh_token_expires_in: 7776000 });
    expect(emulator.refreshCount(SHOP)).toBe(before + 1);
    expect((await graphql({ query: "{ shop { name } }" }, second.access_token)).status).toBe(200);
    // A lost answer: the old refresh token still works…
    expect((await tokenRequest({ grant_type: "refresh_token", refresh_token: first.refresh_token })).status).toBe(200);
    // …until its replacement is used.
    expect((await tokenRequest({ grant_type: "refresh_token", refresh_token: second.refresh_token })).status).toBe(200);
    const retired = await tokenRequest({ grant_type: "refresh_token", refresh_token: first.refresh_token });
    expect(retired.status).toBe(400);
    expect(await retired.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("refuses a revoked refresh token and a wrong client secret", async () => {
    const pair = emulator.issueOfflineToken(SHOP);
    expect(
      (await tokenRequest({ grant_type: "refresh_token", refresh_token: pair.refresh_token, client_secret: "nope" }))
        .status,
    ).toBe(401);
    emulator.revokeRefreshTokens(SHOP);
    expect((await tokenRequest({ grant_type: "refresh_token", refresh_token: pair.refresh_token })).status).toBe(400);
  });

  it("token exchange issues expiring offline tokens only, for a valid session token", async () => {
    const sessionToken = mintSessionToken({ apiKey: APP.apiKey, secret: APP.apiSecret, shop: SHOP, now: new Date() });
    const exchange = (extra: Record<string, string>) =>
      tokenRequest({
        grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
        subject_token: sessionToken,
        subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
        requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
        ...extra,
      });
    const nonExpiring = await exchange({ expiring: "0" });
    expect(nonExpiring.status).toBe(400);
    const ok = await exchange({ expiring: "1" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ expires_in: 3600, refresh_token: expect.stringMatching(/^shprt_/) });
    const forged = mintSessionToken({ apiKey: APP.apiKey, secret: "another-secret", shop: SHOP, now: new Date() });
    expect((await exchange({ expiring: "1", subject_token: forged })).status).toBe(400);
  });

  it("migration: a non-expiring offline token becomes an expiring pair, and stops working itself", async () => {
    const legacy = emulator.issueNonExpiringToken(SHOP);
    expect((await graphql({ query: "{ shop { name } }" }, legacy)).status).toBe(200);
    const migrate = (subject: string) =>
      tokenRequest({
        grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
        subject_token: subject,
        subject_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
        requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
        expiring: "1",
      });
    const res = await migrate(legacy);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ expires_in: 3600, refresh_token: expect.stringMatching(/^shprt_/) });
    expect((await graphql({ query: "{ shop { name } }" }, legacy)).status).toBe(401);
    expect((await migrate(legacy)).status).toBe(400);
    // An expiring token is not migrated again.
    expect((await migrate(emulator.issueOfflineToken(SHOP).access_token)).status).toBe(400);
  });
});
