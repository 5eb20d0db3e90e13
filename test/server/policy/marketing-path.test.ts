import { describe, expect, it } from "vitest";
import { decideMarketingPath } from "../../../web/server/policy/marketing-path.js";
import { pageMarketingCapacity } from "../../../web/server/policy/page-marketing-caps.js";

describe("decideMarketingPath", () => {
  const us = { businessCountry: "US", onboarded: true };
  it.each([
    [{ ...us, recipientCountry: "US" }, "marketing_messages_api", "marketing_messages_api"],
    [{ ...us, recipientCountry: "mx" }, "marketing_messages_api", "marketing_messages_api"],
    [{ ...us, recipientCountry: "DE" }, "recurring_notifications", "recurring_notifications_region"],
    [{ ...us, recipientCountry: "UK" }, "recurring_notifications", "recurring_notifications_region"],
    [{ ...us, recipientCountry: "JP" }, "recurring_notifications", "recurring_notifications_region"],
    [{ ...us, recipientCountry: "KR" }, "recurring_notifications", "recurring_notifications_region"],
    [{ ...us, recipientCountry: "AU" }, "recurring_notifications", "recurring_notifications_region"],
    [{ ...us, recipientCountry: null }, "none", "recipient_country_unknown"],
    [{ businessCountry: "DE", onboarded: true, recipientCountry: "US" }, "none", "business_country_unsupported"],
    [{ businessCountry: null, onboarded: true, recipientCountry: "US" }, "none", "business_country_unsupported"],
    [{ businessCountry: "US", onboarded: false, recipientCountry: "US" }, "none", "not_onboarded"],
  ] as const)("%o -> %s (%s)", (facts, path, code) => {
    const decision = decideMarketingPath(facts);
    expect(decision).toMatchObject({ path, code });
    expect(decision.reason.length).toBeGreaterThan(20);
    expect(decision.docUrl).toMatch(/^https:\/\/developers\.facebook\.com\//);
  });

  it("lets an EU shopper of a German shop get Recurring Notifications though the paid API is closed to the shop", () => {
    expect(decideMarketingPath({ businessCountry: "DE", onboarded: false, recipientCountry: "FR" }).path).toBe(
      "recurring_notifications",
    );
  });
});

describe("pageMarketingCapacity (Meta's Page caps since 2026-04-10)", () => {
  it("allows 40 % of the day's and 20 % of the week's organic threads, whichever is less", () => {
    const c = pageMarketingCapacity({
      organicThreadsDay: 10,
      organicThreadsWeek: 50,
      marketingSentDay: 1,
      marketingSentWeek: 4,
    });
    expect(c.daily).toEqual({ organicThreads: 10, limit: 4, sent: 1, left: 3 });
    expect(c.weekly).toEqual({ organicThreads: 50, limit: 10, sent: 4, left: 6 });
    expect(c).toMatchObject({ left: 3, blockedBy: null });
  });

  it("names the cap already reached; a Page with no organic threads can send nothing", () => {
    expect(
      pageMarketingCapacity({ organicThreadsDay: 5, organicThreadsWeek: 5, marketingSentDay: 1, marketingSentWeek: 1 }),
    ).toMatchObject({ left: 0, blockedBy: "WEEKLY_MM_LOAD_CAP_REACHED" });
    expect(
      pageMarketingCapacity({
        organicThreadsDay: 5,
        organicThreadsWeek: 100,
        marketingSentDay: 2,
        marketingSentWeek: 2,
      }),
    ).toMatchObject({ left: 0, blockedBy: "DAILY_MM_LOAD_CAP_REACHED" });
    expect(
      pageMarketingCapacity({ organicThreadsDay: 0, organicThreadsWeek: 0, marketingSentDay: 0, marketingSentWeek: 0 })
        .left,
    ).toBe(0);
  });

  it("uses exact percentages (5 threads a week allow exactly 1)", () => {
    expect(
      pageMarketingCapacity({ organicThreadsDay: 5, organicThreadsWeek: 5, marketingSentDay: 0, marketingSentWeek: 0 })
        .weekly.limit,
    ).toBe(1);
  });
});
