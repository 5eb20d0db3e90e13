import { describe, expect, it } from "vitest";
import { MESSAGE_CATEGORIES } from "../../../web/server/policy/message-category.js";
import { decideSend } from "../../../web/server/policy/send-decision.js";
import { RULES } from "../../../web/server/policy/rules.js";
import { HOUR, NOW, ago, approvedTemplate as approved, buildSendRequest as request } from "./build-send-request.js";

describe("decideSend: page and recipient guards come first, for every category", () => {
  it.each(
    MESSAGE_CATEGORIES.flatMap(
      (category) =>
        [
          [category, { pageStatus: "paused" }, "page_paused"],
          [category, { pageStatus: "revoked" }, "page_revoked"],
          [category, { recipientState: "blocked" }, "recipient_unavailable"],
          [category, { recipientState: "unavailable" }, "recipient_unavailable"],
        ] as const,
    ),
  )("%s with %o -> skip %s", (category, overrides, code) => {
    const decision = decideSend(request({ category, humanAuthor: true, ...overrides }));
    expect(decision).toMatchObject({ action: "skip", code });
  });
});

describe("decideSend: standard 24 h window", () => {
  it.each([
    ["reply", 1, { kind: "standard", messagingType: "RESPONSE" }],
    ["reply", 24 * HOUR - 1, { kind: "standard", messagingType: "RESPONSE" }],
    ["system_notice", 23 * HOUR, { kind: "standard", messagingType: "RESPONSE" }],
    ["optin_request", 23 * HOUR, { kind: "standard", messagingType: "UPDATE" }],
    ["post_purchase_update", 24 * HOUR - 1, { kind: "standard", messagingType: "UPDATE" }],
    ["human_agent_reply", 24 * HOUR - 1, { kind: "standard", messagingType: "RESPONSE" }],
  ] as const)("%s %i ms after the last interaction -> send %o", (category, elapsed, transport) => {
    const decision = decideSend(request({ category, humanAuthor: true, lastUserInteractionAt: ago(elapsed) }));
    expect(decision.action).toBe("send");
    if (decision.action === "send") expect(decision.transport).toEqual(transport);
  });

  it.each([
    ["reply", 24 * HOUR, "window_closed"],
    ["reply", 48 * HOUR, "window_closed"],
    ["system_notice", 24 * HOUR, "window_closed"],
    ["optin_request", 24 * HOUR, "window_closed"],
    ["reply", null, "window_closed"],
    ["optin_request", null, "window_closed"],
  ] as const)("%s at %s ms (exactly 24 h is closed) -> skip %s", (category, elapsed, code) => {
    const decision = decideSend(request({ category, lastUserInteractionAt: elapsed === null ? null : ago(elapsed) }));
    expect(decision).toMatchObject({ action: "skip", code });
  });

  it("treats an interaction stamped slightly in the future (clock skew) as inside the window", () => {
    const decision = decideSend(request({ lastUserInteractionAt: new Date(NOW.getTime() + 2000) }));
    expect(decision).toMatchObject({ action: "send", transport: { messagingType: "RESPONSE" } });
  });
});

describe("decideSend: post-purchase updates outside the window need an approved utility template", () => {
  it.each([
    [24 * HOUR, approved, "send"],
    [30 * 24 * HOUR, approved, "send"],
    [null, approved, "send"],
    [24 * HOUR, null, "no_approved_template"],
    ...(["PENDING", "REJECTED", "PAUSED", "DISABLED"] as const).map(
      (status) => [25 * HOUR, { ...approved, status }, "no_approved_template"] as const,
    ),
  ] as const)("%s ms ago with template %o -> %s", (elapsed, utilityTemplate, expected) => {
    const decision = decideSend(
      request({
        category: "post_purchase_update",
        lastUserInteractionAt: elapsed === null ? null : ago(elapsed),
        utilityTemplate,
      }),
    );
    if (expected === "send") {
      expect(decision).toMatchObject({
        action: "send",
        rule: "utility_template_outside_window",
        transport: {
          kind: "utility_template",
          messagingType: "UTILITY",
          template: { name: "order_shipped", language: "en_US" },
        },
      });
    } else {
      expect(decision).toMatchObject({ action: "skip", code: expected, rule: "utility_template_outside_window" });
    }
  });

  it("names the template status in the skip reason", () => {
    const decision = decideSend(
      request({
        category: "post_purchase_update",
        lastUserInteractionAt: null,
        utilityTemplate: { ...approved, status: "PENDING" },
      }),
    );
    expect(decision.reason).toContain("pending");
  });

  it("uses the standard window even when a template exists", () => {
    const decision = decideSend(
      request({ category: "post_purchase_update", lastUserInteractionAt: ago(HOUR), utilityTemplate: approved }),
    );
    expect(decision).toMatchObject({ action: "send", transport: { kind: "standard", messagingType: "UPDATE" } });
  });
});

describe("decideSend: HUMAN_AGENT only for people, within 7 days", () => {
  it.each([
    [true, 24 * HOUR, "send"],
    [true, 7 * 24 * HOUR - 1, "send"],
    [true, 7 * 24 * HOUR, "human_agent_window_closed"],
    [true, 8 * 24 * HOUR, "human_agent_window_closed"],
    [true, null, "human_agent_window_closed"],
    [false, HOUR, "not_human_authored"],
    [false, 2 * 24 * HOUR, "not_human_authored"],
  ] as const)("humanAuthor=%s, %s ms ago -> %s", (humanAuthor, elapsed, expected) => {
    const decision = decideSend(
      request({
        category: "human_agent_reply",
        humanAuthor,
        lastUserInteractionAt: elapsed === null ? null : ago(elapsed),
      }),
    );
    if (expected === "send") {
      expect(decision).toMatchObject({
        action: "send",
        rule: "human_agent_tag",
        transport: { kind: "message_tag", messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" },
      });
    } else {
      expect(decision).toMatchObject({ action: "skip", code: expected });
    }
  });

  it("never lets an automated reply use the tag, even with humanAuthor set", () => {
    const decision = decideSend(
      request({ category: "reply", humanAuthor: true, lastUserInteractionAt: ago(2 * 24 * HOUR) }),
    );
    expect(decision).toMatchObject({ action: "skip", code: "window_closed" });
  });
});

describe("decideSend: promotional content, only where it is forbidden", () => {
  const coupon = ["Shipped!", "Use code SAVE10 for 10% off"];

  it.each(["reply", "human_agent_reply", "system_notice"] as const)(
    "%s inside the 24 h window may promote (Meta allows any content there)",
    (category) => {
      const decision = decideSend(request({ category, humanAuthor: true, textParts: coupon }));
      expect(decision).toMatchObject({ action: "send", rule: "standard_window", transport: { kind: "standard" } });
    },
  );

  it("an order update never promotes, even inside the window (our product rule)", () => {
    const decision = decideSend(request({ category: "post_purchase_update", textParts: coupon }));
    expect(decision).toMatchObject({
      action: "skip",
      code: "promotional_content",
      rule: "order_updates_never_promote",
    });
    expect(RULES.order_updates_never_promote.source).toBe("product");
  });

  it("an order update outside the window leaves as a utility template, where Meta forbids promotion", () => {
    const decision = decideSend(
      request({
        category: "post_purchase_update",
        utilityTemplate: approved,
        lastUserInteractionAt: ago(30 * HOUR),
        textParts: coupon,
      }),
    );
    expect(decision).toMatchObject({
      action: "skip",
      code: "promotional_content",
      rule: "no_promotion_in_utility_templates",
    });
    expect(RULES.no_promotion_in_utility_templates.source).toBe("meta");
  });

  it("a person's reply after 24 hours goes out HUMAN_AGENT, where Meta forbids promotion", () => {
    const decision = decideSend(
      request({
        category: "human_agent_reply",
        humanAuthor: true,
        lastUserInteractionAt: ago(2 * 24 * HOUR),
        textParts: coupon,
      }),
    );
    expect(decision).toMatchObject({
      action: "skip",
      code: "promotional_content",
      rule: "no_promotion_in_tagged_messages",
    });
    expect(RULES.no_promotion_in_tagged_messages.source).toBe("meta");
  });

  it("the same HUMAN_AGENT reply without promotion goes out", () => {
    const decision = decideSend(
      request({ category: "human_agent_reply", humanAuthor: true, lastUserInteractionAt: ago(2 * 24 * HOUR) }),
    );
    expect(decision).toMatchObject({ action: "send", rule: "human_agent_tag" });
  });

  it("does not check the opt-in request, which describes marketing by nature and goes out inside the window", () => {
    const optin = decideSend(
      request({ category: "optin_request", textParts: ["Get sale updates and special offers"] }),
    );
    expect(optin.action).toBe("send");
  });
});
