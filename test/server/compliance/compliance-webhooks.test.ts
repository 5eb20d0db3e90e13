import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrder } from "../../../emulators/shopify/order-factories.js";
import { mintSessionToken } from "../../../emulators/shopify/session-token.js";
import { runCommand } from "../../../web/server/cli/commands.js";
import type { PrismaClient } from "../../../web/server/db/open-database.js";
import { orderVerifier } from "../../../web/server/orders/order-verifier.js";
import { DB_KINDS } from "../../helpers/db.js";
import { startMetaHarness, TEST_PAGE, type MetaHarness } from "../../helpers/meta-harness.js";
import { TEST_ENV, TEST_SHOP } from "../../helpers/test-app.js";
import { deliver, link, orderMessages, settle } from "../orders/order-harness.js";

/** Every row of every table in the database, as JSON text: what a redaction must leave nothing in. */
async function everyRow(db: PrismaClient): Promise<Record<string, string[]>> {
  const tables = await db.$queryRawUnsafe<{ t: string }[]>(
    `SELECT tablename::text AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  const out: Record<string, string[]> = {};
  for (const { t } of tables) {
    const rows = await db.$queryRawUnsafe<{ j: string }[]>(`SELECT row_to_json(x)::text AS j FROM "${t}" x`);
    out[t] = rows.map((r) => r.j);
  }
  return out;
}

function rowsMentioning(all: Record<string, string[]>, needles: string[]): string[] {
  return Object.entries(all).flatMap(([table, rows]) =>
    rows.filter((r) => needles.some((n) => r.includes(n))).map((r) => `${table}: ${r.slice(0, 200)}`),
  );
}

for (const kind of DB_KINDS) {
  describe(`compliance webhooks [${kind}]`, () => {
    let h: MetaHarness;
    beforeAll(async () => {
      h = await startMetaHarness(kind);
    });
    afterAll(async () => {
      await h?.close();
    });
    const api = (path: string) =>
      fetch(`${h.app.url}/api${path}`, {
        headers: {
          authorization: `Bearer ${mintSessionToken({ apiKey: TEST_ENV.SHOPIFY_API_KEY, secret: TEST_ENV.SHOPIFY_API_SECRET, shop: TEST_SHOP, now: new Date() })}`,
        },
      });

    it("exports, then redacts everything of a customer and their orders; their next order queues nothing", async () => {
      const db = h.app.database.prisma;
      const customerId = "7400000000001";
      const psid = "25000000000000001";
      const orderPsid = "25000000000000002";
      const order = makeOrder({
        id: "9007199254740993",
        customer: { id: customerId, email: "lena@example.com", lastName: "Schmidtova" },
      });
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, psid);
      await h.meta.shopper.sendText(TEST_PAGE.pageId, psid, "hello, where is my parcel");
      await link(h, psid, { kind: "customer", id: customerId });
      await link(h, orderPsid, { kind: "order", id: order.id, verifier: orderVerifier(order.confirmation_number) });
      const bystander = makeOrder({ customer: { id: "7400000000099" } });
      await link(h, "25000000000000099", { kind: "customer", id: "7400000000099" });
      await deliver(h, "orders/create", order);
      await deliver(h, "orders/create", bystander);
      await settle(h);
      expect(await orderMessages(h, order.id)).toHaveLength(1);

      const request = {
        shop_id: 60000000000,
        shop_domain: TEST_SHOP,
        orders_requested: [order.id],
        customer: { id: customerId, email: "lena@example.com", phone: null },
        data_request: { id: 9999 },
      };
      await deliver(h, "customers/data_request", request);
      await settle(h);
      const exported = (await (await api("/compliance/requests")).json()) as {
        requests: {
          dataRequestId: string;
          export: { orders: unknown[]; shopperLinks: { psid: string }[]; messages: { purpose: string }[] };
        }[];
      };
      expect(exported.requests[0]).toMatchObject({ dataRequestId: "9999" });
      expect(exported.requests[0]!.export.orders).toHaveLength(1);
      expect(exported.requests[0]!.export.shopperLinks.map((l) => l.psid).sort()).toEqual([psid, orderPsid]);
      expect(exported.requests[0]!.export.messages.map((m) => m.purpose)).toContain("order.confirmed");

      const redact = {
        shop_id: 60000000000,
        shop_domain: TEST_SHOP,
        customer: { id: customerId, email: "lena@example.com", phone: "+4915112345678" },
        orders_to_redact: [order.id],
      };
      await deliver(h, "customers/redact", redact);
      await settle(h);
      const all = await everyRow(db);
      expect(
        rowsMentioning(all, [
          customerId,
          order.id,
          psid,
          orderPsid,
          "lena@example.com",
          "Schmidtova",
          "where is my parcel",
          "+4915112345678",
        ]),
      ).toEqual([]);
      expect(rowsMentioning(all, [bystander.id])).not.toEqual([]);
      expect(await db.shopperLink.count()).toBe(1);

      const next = makeOrder({ customer: { id: customerId } });
      await deliver(h, "orders/create", next);
      await settle(h);
      expect(await orderMessages(h, next.id)).toHaveLength(0);
    });

    it("refuses a compliance body naming another shop", async () => {
      await deliver(
        h,
        "customers/redact",
        { shop_id: 1, shop_domain: "other.myshopify.com", customer: { id: 5 }, orders_to_redact: [] },
        { webhookId: "cross-shop" },
      );
      await settle(h);
      const job = await h.app.database.prisma.outboxJob.findUniqueOrThrow({
        where: { dedupeKey: "inbox:shopify:cross-shop" },
      });
      expect(job).toMatchObject({ status: "dead" });
    });

    it("marks the shop uninstalled and deletes its sessions on app/uninstalled, idempotently; orders then queue nothing", async () => {
      const db = h.app.database.prisma;
      const body = { id: 60000000000, myshopify_domain: TEST_SHOP, domain: "shop.example", name: "Test" };
      await deliver(h, "app/uninstalled", body);
      await settle(h);
      const first = await db.shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } });
      expect(first.uninstalledAt).not.toBeNull();
      expect(await db.session.count({ where: { shop: TEST_SHOP } })).toBe(0);
      await deliver(h, "app/uninstalled", body);
      await settle(h);
      expect((await db.shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } })).uninstalledAt).toEqual(
        first.uninstalledAt,
      );
      const order = makeOrder({ customer: { id: "7400000000099" } });
      await deliver(h, "orders/create", order);
      await settle(h);
      expect(await db.orderRecord.count({ where: { orderId: order.id } })).toBe(0);
      await runCommand(h.app.deps, "shop:install", { shop: TEST_SHOP, "access-token": "shpat_again" });
    });

    it("removes everything of the shop on shop/redact", async () => {
      const db = h.app.database.prisma;
      const shop = await db.shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } });
      // Connecting the Page asked for its utility templates: the shop's rows include them.
      await settle(h);
      expect(await db.utilityTemplate.count({ where: { pageId: TEST_PAGE.pageId } })).toBeGreaterThan(0);
      await deliver(h, "shop/redact", { shop_id: 60000000000, shop_domain: TEST_SHOP });
      await settle(h);
      const all = await everyRow(db);
      expect(rowsMentioning(all, [TEST_SHOP, shop.id, TEST_PAGE.pageId, "25000000000000099"])).toEqual([]);
      expect(await db.shop.count()).toBe(0);
    });
  });
}
