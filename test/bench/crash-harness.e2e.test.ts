import { describe, expect, it } from "vitest";
import { runCrashHarness } from "../../bench/crash/crash-harness.js";
import { createPostgresDatabase, DB_KINDS, POSTGRES_ADMIN_URL } from "../helpers/db.js";

// The short form of `npm run bench -- crash` (10 kills): 3 SIGKILLs of the real app process while a few
// hundred signed orders stream in and 15 % of Send API calls fail with a transient 500.
describe("the app survives SIGKILLs without losing or repeating an order confirmation", () => {
  for (const kind of DB_KINDS) {
    it(`confirms every acknowledged order exactly once across 3 kills [${kind}]`, async () => {
      const database = kind === "postgres" ? await createPostgresDatabase() : undefined;
      const result = await runCrashHarness({
        kind,
        postgresAdminUrl: POSTGRES_ADMIN_URL,
        ...(database ? { postgresUrl: database.url } : {}),
        kills: 3,
        orders: 200,
        faultRate: 0.15,
      }).finally(() => database?.drop());
      expect(result.acknowledged).toBe(200);
      expect(result.lost).toEqual([]);
      expect(result.duplicated).toEqual([]);
      expect(result.injected5xx).toBeGreaterThan(0);
      expect(result.lastAckToLastConfirmationMs).toBeLessThan(60_000);
    }, 600_000);
  }
});
