import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { runCommand } from "../../../web/server/cli/commands.js";
import { mintSessionToken } from "../../../emulators/shopify/session-token.js";
import { describeEachApp, TEST_ENV, TEST_SHOP } from "../../helpers/test-app.js";

const OTHER_SHOP = "other-shop.myshopify.com";

describeEachApp("GET /api/subscribers keyset pagination", (app) => {
  const get = async (query: string, shop = TEST_SHOP) => {
    const token = mintSessionToken({
      apiKey: TEST_ENV.SHOPIFY_API_KEY,
      secret: TEST_ENV.SHOPIFY_API_SECRET,
      shop,
      now: new Date(),
    });
    const response = await fetch(`${app().url}/api/subscribers${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return {
      status: response.status,
      body: (await response.json()) as { subscribers: { psid: string }[]; nextCursor: string | null; error?: string },
    };
  };

  /** Conversations created in few distinct milliseconds, so most rows tie on created_at. */
  async function seed(domain: string, count: number, prefix: string) {
    const db = app().database.prisma;
    await runCommand(app().deps, "shop:install", { shop: domain, "access-token": `shpat_${prefix}` });
    const shop = await db.shop.findUniqueOrThrow({ where: { domain } });
    const times = ["2026-11-20T10:00:00.000Z", "2026-11-20T10:00:00.000Z", "2026-11-20T10:00:00.001Z"];
    const rows = Array.from({ length: count }, (_, i) => ({
      id: randomUUID(),
      shopId: shop.id,
      pageId: "1000000000001",
      psid: `${prefix}${String(i).padStart(4, "0")}`,
      createdAt: new Date(times[i % times.length]!),
    }));
    await db.conversation.createMany({ data: rows });
    // Newest first, ties broken by id descending: the order the API promises.
    return rows
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .map((r) => r.psid);
  }

  it("walks every row exactly once, in order, through pages that split ties", async () => {
    const expected = await seed(TEST_SHOP, 11, "6100");
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const { status, body } = await get(`?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(status).toBe(200);
      seen.push(...body.subscribers.map((s) => s.psid));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(expected);
  });

  it("refuses a cursor issued for another shop, and a tampered one", async () => {
    await seed(TEST_SHOP, 3, "6200");
    await seed(OTHER_SHOP, 3, "6300");
    const first = await get("?limit=1");
    const cursor = first.body.nextCursor!;
    expect(cursor).toBeTruthy();
    expect((await get(`?limit=1&cursor=${encodeURIComponent(cursor)}`)).status).toBe(200);
    const foreign = await get(`?limit=1&cursor=${encodeURIComponent(cursor)}`, OTHER_SHOP);
    expect(foreign).toMatchObject({ status: 400, body: { error: "invalid_cursor" } });
    const tampered = `${cursor.slice(0, -2)}${cursor.endsWith("AA") ? "BB" : "AA"}`;
    expect((await get(`?limit=1&cursor=${encodeURIComponent(tampered)}`)).status).toBe(400);
  });

  it("ends with a null nextCursor when the last page is full", async () => {
    await seed(TEST_SHOP, 4, "6400");
    const page1 = await get("?limit=2");
    const page2 = await get(`?limit=2&cursor=${encodeURIComponent(page1.body.nextCursor!)}`);
    expect(page2.body.subscribers).toHaveLength(2);
    expect(page2.body.nextCursor).toBeNull();
  });
});
