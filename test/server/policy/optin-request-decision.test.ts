import { describe, expect, it } from "vitest";
import { decideSend } from "../../../web/server/policy/send-decision.js";
import { HOUR, NEVER_ASKED, ago, buildSendRequest as request } from "./build-send-request.js";

const DAY = 24 * HOUR;
const optin = (facts: Partial<typeof NEVER_ASKED>, lastUserInteractionAt = ago(HOUR)) =>
  decideSend(request({ category: "optin_request", lastUserInteractionAt, optinRequest: { ...NEVER_ASKED, ...facts } }));

describe("decideSend: the opt-in request", () => {
  it("goes out inside the window to a shopper never asked, as a standard UPDATE", () => {
    expect(optin({})).toMatchObject({ action: "send", transport: { kind: "standard", messagingType: "UPDATE" } });
  });

  it("never goes out outside the 24 h window, whatever the history", () => {
    expect(optin({}, ago(DAY))).toMatchObject({ action: "skip", code: "window_closed" });
    expect(optin({}, null as unknown as Date)).toMatchObject({ action: "skip", code: "window_closed" });
  });

  it("is not sent to a shopper who is already subscribed", () => {
    expect(optin({ alreadySubscribed: true })).toMatchObject({ action: "skip", code: "optin_already_subscribed" });
  });

  it("waits the cool-down after an ignored request, and exactly at its end asks again", () => {
    const cooldownMs = 3 * DAY;
    expect(optin({ lastRequestedAt: ago(3 * DAY - 1), cooldownMs })).toMatchObject({
      action: "skip",
      code: "optin_cooldown",
      rule: "optin_request_cooldown",
    });
    expect(optin({ lastRequestedAt: ago(8 * DAY), cooldownMs: 8 * DAY })).toMatchObject({ action: "send" });
  });

  it("waits the cool-down after the shopper declined (stopped)", () => {
    expect(optin({ lastDeclinedAt: ago(DAY), cooldownMs: 2 * DAY })).toMatchObject({
      action: "skip",
      code: "optin_cooldown",
    });
    expect(optin({ lastDeclinedAt: ago(2 * DAY), cooldownMs: 2 * DAY })).toMatchObject({ action: "send" });
  });

  it("does not count an answered request as ignored", () => {
    expect(
      optin({ lastRequestedAt: ago(2 * HOUR), lastOptedInAt: ago(HOUR), sameTitleRequestedAt: null }),
    ).toMatchObject({ action: "send" });
  });

  it("keeps Meta's one request per title per person per week, even after the cool-down", () => {
    const facts = { lastRequestedAt: ago(6 * DAY), sameTitleRequestedAt: ago(6 * DAY), cooldownMs: DAY };
    expect(optin(facts)).toMatchObject({
      action: "skip",
      code: "optin_title_weekly",
      rule: "optin_request_weekly_title",
    });
    expect(optin({ ...facts, sameTitleRequestedAt: ago(7 * DAY) })).toMatchObject({ action: "send" });
  });

  it("sends nothing when the history could not be read", () => {
    expect(decideSend(request({ category: "optin_request", optinRequest: null }))).toMatchObject({
      action: "skip",
      code: "optin_history_unknown",
    });
  });
});
