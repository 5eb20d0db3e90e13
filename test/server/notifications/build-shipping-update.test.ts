import { describe, expect, it } from "vitest";
import { buildShippingUpdate } from "../../../web/server/notifications/build-shipping-update.js";

const url = (n: number) => `https://carrier.example/track/${n}`;

describe("buildShippingUpdate", () => {
  it("adds one tracking button per parcel plus the order page, at most 3", () => {
    const message = buildShippingUpdate({
      text: "Shipped",
      locale: "en",
      trackings: [{ url: url(1) }, { url: url(2) }],
      orderStatusUrl: "https://shop.example/orders/1",
    });
    if (!("attachment" in message)) throw new Error("expected a button template");
    expect(message.attachment.payload.buttons).toEqual([
      { type: "web_url", url: url(1), title: "Track package 1" },
      { type: "web_url", url: url(2), title: "Track package 2" },
      { type: "web_url", url: "https://shop.example/orders/1", title: "View order" },
    ]);
  });

  it("never exceeds 3 buttons or 20-character titles", () => {
    const message = buildShippingUpdate({
      text: "x",
      locale: "ru",
      trackings: [1, 2, 3, 4].map((n) => ({ url: url(n) })),
      orderStatusUrl: "https://shop.example/o",
    });
    if (!("attachment" in message)) throw new Error("expected a button template");
    expect(message.attachment.payload.buttons).toHaveLength(3);
    for (const b of message.attachment.payload.buttons) expect(b.title.length).toBeLessThanOrEqual(20);
  });

  it("ignores non-http links and duplicates", () => {
    const message = buildShippingUpdate({
      text: "x",
      locale: "en",
      trackings: [{ url: "javascript:alert(1)" }, { url: url(1) }, { url: url(1) }],
    });
    if (!("attachment" in message)) throw new Error("expected a button template");
    expect(message.attachment.payload.buttons.map((b) => b.url)).toEqual([url(1)]);
    expect(message.attachment.payload.buttons[0]?.title).toBe("Track package");
  });

  it("falls back to plain text without any link", () => {
    expect(buildShippingUpdate({ text: "Delivered", locale: "en", trackings: [{ number: "1" }] })).toEqual({
      text: "Delivered",
    });
  });

  it("keeps the text within 640 characters", () => {
    const message = buildShippingUpdate({ text: "a".repeat(700), locale: "en", trackings: [{ url: url(1) }] });
    if (!("attachment" in message)) throw new Error("expected a button template");
    expect(message.attachment.payload.text.length).toBe(640);
  });
});
