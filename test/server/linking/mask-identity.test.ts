import { describe, expect, it } from "vitest";
import { maskEmail, maskIdentity, maskName } from "../../../web/server/linking/mask-identity.js";

describe("mask identity", () => {
  it.each([
    ["jane", "J***"],
    ["  Łukasz ", "Ł***"],
    ["", "***"],
    [null, "***"],
  ])("maskName(%j) = %s", (input, out) => expect(maskName(input)).toBe(out));

  it.each([
    ["jane.doe@example.com", "j***@e***.com"],
    ["a@b", "a***@b***"],
    ["no-at-sign", "***"],
    ["@example.com", "***"],
    ["x@", "***"],
    [undefined, "***"],
  ])("maskEmail(%j) = %s", (input, out) => expect(maskEmail(input)).toBe(out));

  it("prefers the first name and never leaks the full email", () => {
    expect(maskIdentity({ firstName: "Jane", email: "jane@example.com" })).toBe("J***");
    const masked = maskIdentity({ email: "jane.doe@example.com" });
    expect(masked).not.toContain("jane");
    expect(masked).not.toContain("example");
  });
});
