import { describe, expect, it } from "vitest";
import { isUnlinkCommand } from "../../../web/server/linking/link-messages.js";
import {
  MARKETING_KEYWORDS,
  marketingCommand,
  stopConfirmation,
} from "../../../web/server/marketing/marketing-commands-text.js";
import { decodeSubscriberCursor, encodeSubscriberCursor } from "../../../web/server/marketing/subscribers-cursor.js";
import { validateMarketingSettings } from "../../../web/server/marketing/marketing-settings.js";
import { DEFAULT_OPTIN_TITLES, validateOptinWording } from "../../../web/server/marketing/optin-wording.js";
import { SUPPORTED_LOCALES } from "../../../web/server/notifications/locale.js";

describe("typed marketing commands", () => {
  it.each(SUPPORTED_LOCALES)("%s has stop and offers words that are commands and never unlink words", (locale) => {
    const words = MARKETING_KEYWORDS[locale];
    expect(words.stop.length).toBeGreaterThan(0);
    expect(words.offers.length).toBeGreaterThan(0);
    for (const w of words.stop) {
      expect(marketingCommand(w)).toBe("stop");
      expect(isUnlinkCommand(w)).toBe(false);
    }
    for (const w of words.offers) expect(marketingCommand(w)).toBe("offers");
    expect(stopConfirmation(locale).textParts[0]!.length).toBeGreaterThan(20);
  });

  it("matches the whole message only, ignoring case, spaces and final punctuation", () => {
    expect(marketingCommand("  STOP! ")).toBe("stop");
    expect(marketingCommand("Unsubscribe.")).toBe("stop");
    expect(marketingCommand("Стоп")).toBe("stop");
    expect(marketingCommand("don't stop my order")).toBeNull();
    expect(marketingCommand("stop updates")).toBeNull();
    expect(marketingCommand("Offers?")).toBe("offers");
  });
});

describe("opt-in wording", () => {
  it.each(SUPPORTED_LOCALES)("the %s default title fits Meta's 65 characters", (locale) => {
    expect(DEFAULT_OPTIN_TITLES[locale].length).toBeLessThanOrEqual(65);
    expect(validateOptinWording({ title: DEFAULT_OPTIN_TITLES[locale] }).ok).toBe(true);
  });

  it("refuses a title over 65 characters, an empty or one-line-breaking title, and a non-https image", () => {
    expect(validateOptinWording({ title: "x".repeat(65) }).ok).toBe(true);
    expect(validateOptinWording({ title: "x".repeat(66) }).errors).toMatchObject([{ code: "too_long" }]);
    expect(validateOptinWording({ title: "  " }).errors).toMatchObject([{ code: "empty" }]);
    expect(validateOptinWording({ title: "a\nb" }).errors).toMatchObject([{ code: "control_character" }]);
    expect(validateOptinWording({ imageUrl: "http://x.example/a.png" }).errors).toMatchObject([{ code: "image_url" }]);
  });

  it("settings carry the per-language field path of a wording error, and refuse unknown CTA values", () => {
    const bad = validateMarketingSettings({ wording: { de: { title: "y".repeat(70) } } });
    expect(bad).toMatchObject({ ok: false, errors: [{ path: "wording.de.title", code: "too_long" }] });
    expect(validateMarketingSettings({ wording: { en: { ctaText: "BUY_NOW" } } }).ok).toBe(false);
    expect(validateMarketingSettings({ cooldownDays: 0 }).ok).toBe(false);
    expect(validateMarketingSettings({}).ok).toBe(true);
  });
});

describe("subscriber cursors", () => {
  const key = Buffer.alloc(32, 7);
  const cursor = { createdAt: new Date("2026-11-20T12:00:00.123Z"), id: "0b7c6f3e-1d2a-4e5f-8a9b-0c1d2e3f4a5b" };

  it("round-trip for the shop they were issued to", () => {
    expect(decodeSubscriberCursor(key, "shop-a", encodeSubscriberCursor(key, "shop-a", cursor))).toEqual(cursor);
  });

  it("are refused for another shop, when edited, or when malformed", () => {
    const text = encodeSubscriberCursor(key, "shop-a", cursor);
    expect(decodeSubscriberCursor(key, "shop-b", text)).toBeUndefined();
    const [body, mac] = text.split(".");
    const forged = Buffer.from(`${cursor.createdAt.getTime() + 1}|${cursor.id}`).toString("base64url");
    expect(decodeSubscriberCursor(key, "shop-a", `${forged}.${mac}`)).toBeUndefined();
    expect(decodeSubscriberCursor(key, "shop-a", `${body}`)).toBeUndefined();
    expect(decodeSubscriberCursor(key, "shop-a", "not a cursor")).toBeUndefined();
  });
});
