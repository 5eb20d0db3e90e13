import { describe, expect, it } from "vitest";
import { renderWording, sanitizeValue } from "../../../../web/server/notifications/wording/render-wording.js";

describe("renderWording", () => {
  it("fills variables", () => {
    expect(
      renderWording("Hi {{first_name}}, {{order_name}} is on its way.", { first_name: "Ana", order_name: "#1001" }),
    ).toBe("Hi Ana, #1001 is on its way.");
  });

  it.each([
    ["Hi {{first_name}}, your order", "Hi, your order"],
    ["Здравствуйте, {{first_name}}! Ваш заказ", "Здравствуйте! Ваш заказ"],
    ["Dear {{first_name}} and team", "Dear and team"],
  ])("reads well without a first name: %s", (template, expected) => {
    expect(renderWording(template, {})).toBe(expected);
  });

  it("drops a line whose optional variable has no value", () => {
    const template = "Shipped.\nCarrier: {{carrier}}\nTracking number: {{tracking_number}}";
    expect(renderWording(template, { tracking_number: "1Z9" })).toBe("Shipped.\nTracking number: 1Z9");
  });

  it("never lets a value inject a variable, a control character or a line break", () => {
    const text = renderWording("Hi {{first_name}}, order {{order_name}}.", {
      first_name: "{{tracking_url}}\u0000\nEvil\u202E",
      order_name: "#1001",
    });
    expect(text).toBe("Hi tracking_url Evil, order #1001.");
  });

  it("drops stray braces and unknown variables instead of echoing them", () => {
    expect(renderWording("A { B {{nope}} C", {})).toBe("A B C");
  });

  it("keeps requested variables as placeholders", () => {
    expect(renderWording("Hi {{first_name}}, {{order_name}}", { order_name: "#1" }, { keep: ["order_name"] })).toBe(
      "Hi, {{order_name}}",
    );
  });

  it("caps the result at 640 characters", () => {
    const text = renderWording(`${"word ".repeat(100)}{{shop_name}} ${"more ".repeat(100)}`, { shop_name: "Shop" });
    expect(text.length).toBeLessThanOrEqual(640);
    expect(text.endsWith("…")).toBe(true);
  });
});

describe("sanitizeValue", () => {
  it("bounds length", () => {
    expect(sanitizeValue("x".repeat(100), 10)).toBe(`${"x".repeat(9)}…`);
  });
  it("treats missing as empty", () => {
    expect(sanitizeValue(undefined, 10)).toBe("");
  });
});
