import { expect, it } from "vitest";
import { createRateLimiter } from "../../../web/server/dispatch/rate-limiter.js";
import { describeEachDatabase } from "../../helpers/db.js";

describeEachDatabase("send pacing per Page, shared by instances", (db) => {
  it("two instances together send at the Page's rate, not twice it", async () => {
    const { prisma } = db();
    // Two limiters over one database are two app instances: they share nothing but the database.
    const instances = [createRateLimiter(prisma, 10), createRateLimiter(prisma, 10)];
    const started = Date.now();
    await Promise.all(instances.flatMap((limiter) => Array.from({ length: 20 }, () => limiter.take("page-1"))));
    // 40 sends at 10/s with a one-second burst (10): the last goes out about 3 s in; alone, each would finish in 1 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_500);
    const other = Date.now();
    await instances[0]!.take("page-2");
    expect(Date.now() - other).toBeLessThan(500);
  }, 30_000);

  it("a throttling pause recorded by one instance holds the other instance's sends to that Page", async () => {
    const { prisma } = db();
    const [a, b] = [createRateLimiter(prisma, 250), createRateLimiter(prisma, 250)];
    await a.pause("page-1", 800);
    const started = Date.now();
    await b.take("page-2");
    expect(Date.now() - started).toBeLessThan(400);
    await b.take("page-1");
    expect(Date.now() - started).toBeGreaterThanOrEqual(750);
  });

  it("a shorter pause never shortens a longer one", async () => {
    const { prisma } = db();
    const limiter = createRateLimiter(prisma, 250);
    await limiter.pause("page-1", 900);
    await limiter.pause("page-1", 10);
    const started = Date.now();
    await limiter.take("page-1");
    expect(Date.now() - started).toBeGreaterThanOrEqual(850);
  });
});
