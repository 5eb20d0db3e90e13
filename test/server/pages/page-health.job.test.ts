import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAGE_FIELDS } from "../../../web/server/pages/connect-page.js";
import { pageHealthJob, schedulePageHealth } from "../../../web/server/pages/page-health.job.js";
import { captureLogger } from "../../helpers/capture-logger.js";
import { startMetaHarness, TEST_PAGE, type MetaHarness } from "../../helpers/meta-harness.js";
import { waitForIdle } from "../../helpers/outbound.js";

describe("hourly Page health round [pglite]", () => {
  let h: MetaHarness;
  beforeAll(async () => {
    h = await startMetaHarness("pglite");
    await waitForIdle(h.app.database.prisma);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("is scheduled, with the hourly prune, as soon as the workers start", async () => {
    const kinds = await h.app.database.prisma.outboxJob.findMany({
      where: { kind: { in: ["pages.health", "maintenance.prune"] } },
      select: { kind: true },
    });
    expect(new Set(kinds.map((k) => k.kind))).toEqual(new Set(["pages.health", "maintenance.prune"]));
  });

  it("subscribes the app again when Meta dropped the Page's subscription", async () => {
    const page = h.meta.state.pages.get(TEST_PAGE.pageId)!;
    page.subscribedFields = [];
    const { logger } = captureLogger("silent");
    await pageHealthJob(h.app.deps)({} as never, { logger, signal: new AbortController().signal });
    expect([...page.subscribedFields].sort()).toEqual([...PAGE_FIELDS].sort());
  });

  it("asks for one round per hour however many instances schedule it", async () => {
    const db = h.app.database.prisma;
    const before = await db.outboxJob.count({ where: { kind: "pages.health" } });
    await Promise.all([schedulePageHealth(h.app.deps), schedulePageHealth(h.app.deps), schedulePageHealth(h.app.deps)]);
    h.clock.advance({ minutes: 59 - (h.clock.now().getUTCMinutes() % 60) });
    await schedulePageHealth(h.app.deps);
    expect(await db.outboxJob.count({ where: { kind: "pages.health" } })).toBe(Math.max(before, 1));
    h.clock.advance({ hours: 1 });
    await schedulePageHealth(h.app.deps);
    expect(await db.outboxJob.count({ where: { kind: "pages.health" } })).toBe(Math.max(before, 1) + 1);
  });
});
