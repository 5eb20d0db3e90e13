import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createShopifyAdminEmulator,
  type ShopifyAdminEmulator,
} from "../../../emulators/shopify/admin/admin-emulator.js";

const APP = { apiKey: "emu-api-key", apiSecret: "emu-api-secret-0123456789" };
const SCOPED = "scoped-shop.myshopify.com";
const UNSCOPED = "unscoped-shop.myshopify.com";
const TAGS = `mutation T($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { userErrors { field message } } }`;
const FLOW = `mutation F($handle: String, $payload: JSON) { flowTriggerReceive(handle: $handle, payload: $payload) { userErrors { field message } } }`;

describe("Admin API emulator: customer tags and Flow triggers", () => {
  let emulator: ShopifyAdminEmulator;
  let base: string;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    emulator = createShopifyAdminEmulator(APP);
    base = await emulator.start();
    emulator.addShop({ domain: SCOPED, scope: "read_orders,write_customers" });
    emulator.addShop({ domain: UNSCOPED, scope: "read_orders" });
    for (const shop of [SCOPED, UNSCOPED]) tokens[shop] = emulator.issueOfflineToken(shop).access_token;
  });
  afterAll(async () => {
    await emulator?.close();
  });
  const run = async (shop: string, query: string, variables: unknown) => {
    const res = await fetch(`${base}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": tokens[shop]! },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as {
      data?: Record<string, { userErrors: unknown[] } | null>;
      errors?: { message: string }[];
    };
  };

  it("tags a customer by GID with write_customers, and refuses without the scope or with another GID", async () => {
    const gid = "gid://shopify/Customer/7400000000001";
    expect((await run(SCOPED, TAGS, { id: gid, tags: ["messenger-marketing"] })).data?.tagsAdd?.userErrors).toEqual([]);
    expect([...emulator.state.shop(SCOPED).customerTags.get(gid)!]).toEqual(["messenger-marketing"]);
    const denied = await run(UNSCOPED, TAGS, { id: gid, tags: ["x"] });
    expect(denied.errors?.[0]?.message).toMatch(/Access denied for tagsAdd.*write_customers/);
    expect((await run(SCOPED, TAGS, { id: "gid://shopify/Order/1", tags: ["x"] })).data?.tagsAdd?.userErrors).toEqual([
      { field: ["id"], message: "Invalid global id" },
    ]);
    expect((await run(SCOPED, TAGS, { id: gid, tags: ["a,b"] })).data?.tagsAdd?.userErrors).toHaveLength(1);
  });

  it("records Flow triggers, refusing a bad handle, a non-object or over-50 KB payload, and a customer reference without the scope", async () => {
    const ok = await run(SCOPED, FLOW, {
      handle: "messenger-opt-in",
      payload: { customer_id: 7400000000001, Source: "keyword" },
    });
    expect(ok.data?.flowTriggerReceive?.userErrors).toEqual([]);
    expect(emulator.state.shop(SCOPED).flowTriggers).toEqual([
      { handle: "messenger-opt-in", payload: { customer_id: 7400000000001, Source: "keyword" } },
    ]);
    expect(
      (await run(SCOPED, FLOW, { handle: "Not A Handle", payload: {} })).data?.flowTriggerReceive?.userErrors,
    ).toHaveLength(1);
    expect(
      (await run(SCOPED, FLOW, { handle: "messenger-opt-in", payload: [1] })).data?.flowTriggerReceive?.userErrors,
    ).toHaveLength(1);
    const big = { customer_id: 1, Source: "x".repeat(50_001) };
    expect(
      (await run(SCOPED, FLOW, { handle: "messenger-opt-in", payload: big })).data?.flowTriggerReceive?.userErrors,
    ).toHaveLength(1);
    const denied = await run(UNSCOPED, FLOW, { handle: "messenger-opt-in", payload: { customer_id: 1 } });
    expect(denied.errors?.[0]?.message).toMatch(/Access denied for flowTriggerReceive/);
  });
});
