import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extensionDir } from "../order-updates-thank-you/extension-checks.js";
import { describeExtension } from "../order-updates-thank-you/extension-suite.js";

describeExtension({
  name: "order-updates-order-status",
  target: "customer-account.order-status.block.render",
  module: "./src/OrderStatus.jsx",
  entryPoint: "order_status",
  reads: ["shopify.order.value", "order.id", "order.confirmationNumber"],
});

describe("shared client code", () => {
  it.each(["order-link.js", "app-url.js"])(
    "%s is identical in both extensions (each is bundled on its own)",
    (file) => {
      const read = (name: string) => readFileSync(join(extensionDir(name), "src", file), "utf8");
      expect(read("order-updates-order-status")).toBe(read("order-updates-thank-you"));
    },
  );

  it("same strings in both extensions", () => {
    const read = (name: string) => readFileSync(join(extensionDir(name), "locales", "en.default.json"), "utf8");
    expect(read("order-updates-order-status")).toBe(read("order-updates-thank-you"));
  });
});
