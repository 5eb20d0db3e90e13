import { describe, expect, it } from "vitest";
import { MARKETING_BLOCKED_RECIPIENT_COUNTRIES } from "../../../web/server/policy/marketing-regions.js";
import { decideSend } from "../../../web/server/policy/send-decision.js";
import type { MarketingFacts } from "../../../web/server/policy/send-request.js";
import { HOUR, NOW, ago, buildSendRequest } from "./build-send-request.js";

const subscribed: MarketingFacts = {
  subscriptionToken: "tok_123",
  subscriptionStatus: "subscribed",
  tokenExpiresAt: null,
  lastMarketingMessageAt: null,
  recipientCountryCode: "US",
  pageCountryCode: "US",
  pageEnabledForMarketingMessages: true,
};

const decideMarketing = (marketing: Partial<MarketingFacts> | null, lastUserInteractionAt: Date | null = null) =>
  decideSend(
    buildSendRequest({
      category: "marketing",
      lastUserInteractionAt,
      marketing: marketing === null ? null : { ...subscribed, ...marketing },
      textParts: ["Summer sale: 20% off with code SUMMER20, shop now!"],
    }),
  );

describe("decideSend: marketing goes only through the Marketing Messages API", () => {
  it("sends a promotional text to a subscribed US shopper with the token, even outside the 24 h window", () => {
    expect(decideMarketing({}, null)).toEqual({
      action: "send",
      transport: { kind: "marketing_message", token: "tok_123" },
      rule: "marketing_messages_api_only",
      reason: expect.any(String),
      docUrl: expect.stringContaining("marketing-messages-on-messenger"),
    });
  });

  it("uses the Marketing Messages API inside the window too (never a plain message)", () => {
    expect(decideMarketing({}, ago(HOUR))).toMatchObject({ action: "send", transport: { kind: "marketing_message" } });
  });

  it.each([
    ["no opt-in at all", null, "not_opted_in"],
    ["stopped", { subscriptionStatus: "stopped" }, "not_opted_in"],
    ["expired token", { tokenExpiresAt: ago(1) }, "marketing_token_expired"],
    ["token expiring exactly now", { tokenExpiresAt: NOW }, "marketing_token_expired"],
    ["Page not enabled", { pageEnabledForMarketingMessages: false }, "marketing_not_enabled"],
    ["Page in Germany", { pageCountryCode: "DE" }, "marketing_page_region_unsupported"],
    ["Page in Canada", { pageCountryCode: "CA" }, "marketing_page_region_unsupported"],
    ["Page country unknown", { pageCountryCode: null }, "marketing_page_region_unsupported"],
    ["recipient country unknown", { recipientCountryCode: null }, "marketing_region_unknown"],
    ["recipient country garbage", { recipientCountryCode: "U$" }, "marketing_region_unknown"],
    ["recipient written as UK", { recipientCountryCode: "uk" }, "marketing_region_blocked"],
    ["recipient in Norway (EEA)", { recipientCountryCode: "NO" }, "marketing_region_blocked"],
    ["last marketing 1 ms under 12 h ago", { lastMarketingMessageAt: ago(12 * HOUR - 1) }, "marketing_frequency_cap"],
    ["last marketing just now", { lastMarketingMessageAt: ago(0) }, "marketing_frequency_cap"],
  ] as const)("%s -> skip %s", (_label, facts, code) => {
    expect(decideMarketing(facts)).toMatchObject({ action: "skip", code });
  });

  it.each([
    ["last marketing exactly 12 h ago", { lastMarketingMessageAt: ago(12 * HOUR) }],
    ["token expiring later", { tokenExpiresAt: new Date(NOW.getTime() + 1) }],
    ["Australian Page to a Brazilian shopper", { pageCountryCode: "AU", recipientCountryCode: "BR" }],
    ["lower-case codes", { pageCountryCode: "us", recipientCountryCode: "mx" }],
  ] as const)("%s -> send", (_label, facts) => {
    expect(decideMarketing(facts).action).toBe("send");
  });

  it.each([...MARKETING_BLOCKED_RECIPIENT_COUNTRIES])("never to a recipient in %s", (country) => {
    expect(decideMarketing({ recipientCountryCode: country })).toMatchObject({
      action: "skip",
      code: "marketing_region_blocked",
    });
  });

  it("blocks every required region: EU states, EEA, UK, JP, KR, AU", () => {
    for (const code of ["FR", "DE", "IT", "ES", "LT", "IE", "IS", "LI", "NO", "GB", "JP", "KR", "AU"]) {
      expect(MARKETING_BLOCKED_RECIPIENT_COUNTRIES.has(code)).toBe(true);
    }
    expect(MARKETING_BLOCKED_RECIPIENT_COUNTRIES.size).toBe(27 + 3 + 4);
  });
});
