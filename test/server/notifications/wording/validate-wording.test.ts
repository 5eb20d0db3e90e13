import { describe, expect, it } from "vitest";
import { validateWording } from "../../../../web/server/notifications/wording/validate-wording.js";

describe("validateWording", () => {
  it("accepts known variables available for the event", () => {
    expect(validateWording("Hi {{first_name}}, {{order_name}} shipped with {{ carrier }}.", "shipped")).toEqual({
      ok: true,
      errors: [],
    });
  });

  it.each([
    ["Hi {{frist_name}}", "confirmed", "unknown_variable", 3, 14],
    ["Total {{total}}", "shipped", "variable_not_available", 6, 9],
    ["Hi {{first_name}", "confirmed", "unbalanced_braces", 3, 2],
    ["Hi {first_name}}", "confirmed", "unbalanced_braces", 3, 1],
    ["Done }", "confirmed", "unbalanced_braces", 5, 1],
    ["Hi {{ {{first_name}}", "confirmed", "unbalanced_braces", 3, 2],
    ["Hi {{First Name}}", "confirmed", "invalid_variable_name", 3, 14],
    ["Hi\u0007there", "confirmed", "control_character", 2, 1],
    ["Hi \u202Ethere", "confirmed", "control_character", 3, 1],
    ["   ", "confirmed", "empty", 0, 3],
  ] as const)("%j for %s -> %s at %i", (text, event, code, index, length) => {
    const result = validateWording(text, event);
    expect(result.ok).toBe(false);
    expect(result.errors).toContainEqual(expect.objectContaining({ code, index, length }));
  });

  it("reports over-length with the position where the limit is crossed", () => {
    const result = validateWording("a".repeat(500), "confirmed");
    expect(result.errors).toEqual([expect.objectContaining({ code: "too_long", index: 480, length: 20 })]);
  });

  it("lists every problem, sorted by position", () => {
    const result = validateWording("{{nope}} and {{total}} and {", "shipped");
    expect(result.errors.map((e) => e.code)).toEqual([
      "unknown_variable",
      "variable_not_available",
      "unbalanced_braces",
    ]);
  });

  it("allows line breaks", () => {
    expect(validateWording("Line one\nCarrier: {{carrier}}", "shipped").ok).toBe(true);
  });
});
