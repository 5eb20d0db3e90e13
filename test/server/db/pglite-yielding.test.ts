import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase, type Database } from "../../../web/server/db/open-database.js";

let database: Database;
beforeAll(async () => {
  database = await openDatabase({ kind: "memory" });
  await database.migrate();
});
afterAll(async () => {
  await database.close();
});

/** Counts event-loop turns (setImmediate callbacks) while `work` runs. */
async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  let done = false;
  const spin = () => {
    turns++;
    if (!done) setImmediate(spin);
  };
  setImmediate(spin);
  const start = turns;
  await work();
  done = true;
  return turns - start;
}

it("gives the event loop a turn between PGlite statements, inside a transaction too", async () => {
  const statements = 200;
  const outside = await turnsDuring(async () => {
    for (let i = 0; i < statements; i++) await database.prisma.$queryRawUnsafe("SELECT 1");
  });
  const inside = await turnsDuring(() =>
    database.prisma.$transaction(async (tx) => {
      for (let i = 0; i < statements; i++) await tx.$queryRawUnsafe("SELECT 1");
    }),
  );
  // Without yielding, a chain of in-process statements resolves in microtasks and the loop turns ~once.
  expect(outside).toBeGreaterThanOrEqual(statements / 2);
  expect(inside).toBeGreaterThanOrEqual(statements / 2);
});
