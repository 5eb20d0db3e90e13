import { describe, expect, it } from "vitest";
import { RULES, RULE_LIST } from "../../../web/server/policy/rules.js";

describe("RULES table", () => {
  it.each(RULE_LIST.map((rule) => [rule.id, rule] as const))("%s has a dated, linked, one-line rule", (id, rule) => {
    expect(RULES[id]).toBe(rule);
    expect(rule.docUrl).toMatch(/^https:\/\/developers\.facebook\.com\/\S+$/);
    expect(rule.inForceSince).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Number.isNaN(Date.parse(rule.inForceSince))).toBe(false);
    expect(rule.reason).not.toContain("\n");
    expect(rule.reason.length).toBeGreaterThan(20);
    expect(["meta", "product"]).toContain(rule.source);
  });

  it("says which promotion rules are Meta's and which is ours", () => {
    expect(RULES.no_promotion_in_utility_templates.source).toBe("meta");
    expect(RULES.no_promotion_in_tagged_messages.source).toBe("meta");
    expect(RULES.order_updates_never_promote.source).toBe("product");
    expect(RULES.order_updates_never_promote.reason).toMatch(/^Our rule/);
  });

  it("dates the tag deprecation to 2026-04-27", () => {
    expect(RULES.deprecated_tags_never_sent.inForceSince).toBe("2026-04-27");
    expect(RULES.deprecated_tags_never_sent.reason).toContain("POST_PURCHASE_UPDATE");
  });
});
