import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { listMigrations, migrate, MIGRATIONS_DIR } from "../../../web/server/db/migrate.js";
import { pgliteRunner, postgresRunner, type SqlRunner } from "../../../web/server/db/sql-runner.js";
import { createPostgresDatabase, DB_KINDS } from "../../helpers/db.js";

const NAME = "split_order_updates";
const SHOP = "11111111-1111-4111-8111-111111111111";

/** The migrations up to (not including) this one, in a folder of their own. */
function migrationsBefore(): string {
  const dir = mkdtempSync(join(tmpdir(), "migrations-before-split-"));
  for (const m of listMigrations()) {
    if (m.name.endsWith(NAME)) break;
    cpSync(join(MIGRATIONS_DIR, m.name), join(dir, m.name), { recursive: true });
  }
  return dir;
}

async function legacyRow(db: SqlRunner, orderId: string, purpose: string, key: string): Promise<void> {
  await db.query(
    `INSERT INTO outbound_message (shop_id, page_id, psid, category, purpose, dedupe_key, order_id, content, status)
     VALUES ('${SHOP}', 'p1', 'u1', 'post_purchase_update', '${purpose}', '${key}', '${orderId}', '{}', 'sent')`,
  );
}

for (const kind of DB_KINDS) {
  describe(`migration ${NAME} keeps rows written before it working [${kind}]`, () => {
    const cleanup: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const c of cleanup.reverse()) await c();
    });

    it("gives single-shipment orders' shipping rows their fulfillment and leaves ambiguous ones covering all", async () => {
      let runner: SqlRunner;
      if (kind === "postgres") {
        const created = await createPostgresDatabase();
        runner = await postgresRunner(created.url);
        cleanup.push(created.drop);
      } else {
        const embedded = new PGlite();
        runner = pgliteRunner(embedded);
        cleanup.push(() => embedded.close());
      }
      cleanup.push(() => runner.close());
      await migrate(runner, migrationsBefore());
      await runner.query(`INSERT INTO shop (id, domain, updated_at) VALUES ('${SHOP}', 's.myshopify.com', now())`);
      await runner.query(
        `INSERT INTO order_record (shop_id, order_id, facts, shipments, updated_at) VALUES
         ('${SHOP}', 'one', '{}', '{"F1": {"fulfillmentId": "F1"}}', now()),
         ('${SHOP}', 'two', '{}', '{"F1": {"fulfillmentId": "F1"}, "F2": {"fulfillmentId": "F2"}}', now())`,
      );
      await legacyRow(runner, "one", "order.confirmed", "order:s:one:confirmed");
      await legacyRow(runner, "one", "order.shipped", "order:s:one:shipped");
      await legacyRow(runner, "one", "order.delivered", "order:s:one:delivered");
      await legacyRow(runner, "two", "order.shipped", "order:s:two:shipped");
      await legacyRow(runner, "one", "order.refunded", "order:s:one:refunded");

      const result = await migrate(runner);
      expect(result.applied.some((name) => name.endsWith(NAME))).toBe(true);
      const rows = await runner.query<{ dedupe_key: string; fulfillment_id: string | null; refund_id: string | null }>(
        `SELECT dedupe_key, fulfillment_id, refund_id FROM outbound_message ORDER BY id`,
      );
      expect(rows).toEqual([
        { dedupe_key: "order:s:one:confirmed", fulfillment_id: null, refund_id: null },
        { dedupe_key: "order:s:one:shipped", fulfillment_id: "F1", refund_id: null },
        { dedupe_key: "order:s:one:delivered", fulfillment_id: "F1", refund_id: null },
        { dedupe_key: "order:s:two:shipped", fulfillment_id: null, refund_id: null },
        { dedupe_key: "order:s:one:refunded", fulfillment_id: null, refund_id: null },
      ]);
    });
  });
}
