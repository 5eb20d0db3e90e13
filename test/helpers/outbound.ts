import type { PrismaClient } from "../../web/server/db/open-database.js";
import { waitFor } from "./wait-for.js";

/** Waits until the message with this dedupe key has been decided (sent, skipped or failed) and returns it. */
export function waitForDecision(db: PrismaClient, dedupeKey: string, timeoutMs = 20_000) {
  return waitFor(
    async () => {
      const row = await db.outboundMessage.findUnique({ where: { dedupeKey } });
      return row && row.status !== "queued" ? row : undefined;
    },
    { timeoutMs, what: `decision for ${dedupeKey}` },
  );
}

/** Waits until no job is pending or running: every webhook processed and every message decided. */
export function waitForIdle(db: PrismaClient, timeoutMs = 30_000) {
  return waitFor(async () => (await db.outboxJob.count({ where: { status: { in: ["pending", "running"] } } })) === 0, {
    timeoutMs,
    what: "outbox to drain",
  });
}
