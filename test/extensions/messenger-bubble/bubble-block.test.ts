import { describe, expect, it } from "vitest";
import { renderBubbleBlock } from "../../../sandbox/storefront/render-storefront-page.js";
import { escapeHtml, readStorefrontLocale } from "../../../sandbox/storefront/shopify-liquid.js";

/** The eight languages shoppers get (product spec); each has its own storefront locale file. */
const SHOPPER_LOCALES = ["en", "es", "fr", "de", "it", "pt-BR", "lt", "ru"];

function storefrontTexts(locale: string): Record<"label" | "greeting" | "opening" | "fallback", string> {
  return (readStorefrontLocale(locale) as { bubble: Record<"label" | "greeting" | "opening" | "fallback", string> })
    .bubble;
}

const attr = (html: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(html)?.[1];
const linkHref = (html: string): string | undefined => /<a\s[^>]*href="([^"]*)"/.exec(html)?.[1];
const unescape = (s: string | undefined) =>
  s
    ?.replace(/&#34;|&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

describe("messenger-bubble.liquid rendered through liquidjs", () => {
  it("renders the container, the link, inline styles and the script loader with default settings", async () => {
    const html = await renderBubbleBlock({ pageUsername: "demostore" });
    expect(html).not.toContain("<link");
    expect(html).toMatch(/^\s*<style>\s*\.mcb\{position:fixed;/);
    expect(html).toContain('e.src="/extension-assets/messenger-bubble.js";e.async=true;');
    expect(html).not.toMatch(/<script\s+src=/);
    expect(attr(html, "data-page")).toBe("demostore");
    expect(attr(html, "data-ref")).toBe("ep.bubble");
    expect(attr(html, "data-proxy")).toBe("/apps/messenger/link");
    expect(attr(html, "data-auth")).toBe("0");
    expect(attr(html, "data-state")).toBe("idle");
    expect(attr(html, "data-corner")).toBe("bottom_right");
    expect(attr(html, "data-corner-mobile")).toBe("bottom_right");
    expect(linkHref(html)).toBe("https://m.me/demostore?ref=ep.bubble");
    expect(attr(html, "style")).toBe(
      "--mcb-bg:#0866FF;--mcb-fg:#FFFFFF;--mcb-x:20px;--mcb-y:20px;--mcb-xm:16px;--mcb-ym:16px",
    );
    expect(html).toMatch(/<span class="mcb__status" role="status" aria-live="polite" data-mcb-status><\/span>/);
    expect(attr(html, "data-opening")).toBe("Opening Messenger…");
    expect(attr(html, "data-fallback")).toBe(
      "Messenger opened without your store account. Tap the chat button again to link it.",
    );
    expect(html).toContain('<span class="mcb__label">Chat with us</span>');
    expect(html).not.toMatch(/\sdata-hide-mobile\s/);
  });

  it("passes merchant settings through as attributes and CSS variables", async () => {
    const html = await renderBubbleBlock({
      pageUsername: "fromapp",
      proxyPath: "/a/msgr",
      settings: {
        page_username: "fromsetting",
        label: "Talk to us",
        show_label: false,
        greeting: "Hello there",
        button_color: "#112233",
        text_color: "#000000",
        corner: "bottom_left",
        offset_x: 8,
        offset_y: 96,
        corner_mobile: "bottom_right",
        offset_x_mobile: 4,
        offset_y_mobile: 72,
        hide_on_mobile: true,
      },
    });
    expect(attr(html, "data-page")).toBe("fromsetting");
    expect(attr(html, "data-proxy")).toBe("/a/msgr/link");
    expect(attr(html, "data-corner")).toBe("bottom_left");
    expect(attr(html, "data-corner-mobile")).toBe("bottom_right");
    expect(attr(html, "style")).toBe(
      "--mcb-bg:#112233;--mcb-fg:#000000;--mcb-x:8px;--mcb-y:96px;--mcb-xm:4px;--mcb-ym:72px",
    );
    expect(html).toMatch(/\sdata-hide-mobile\s/);
    expect(html).toContain('<span class="mcb__label mcb__vh">Talk to us</span>');
    expect(html).toContain(">Hello there</span>");
  });

  it("on phones the corner follows the desktop one unless the merchant picks another", async () => {
    const same = await renderBubbleBlock({ pageUsername: "p", settings: { corner: "bottom_left" } });
    expect(attr(same, "data-corner-mobile")).toBe("bottom_left");
    const own = await renderBubbleBlock({
      pageUsername: "p",
      settings: { corner: "bottom_right", corner_mobile: "bottom_left" },
    });
    expect(attr(own, "data-corner")).toBe("bottom_right");
    expect(attr(own, "data-corner-mobile")).toBe("bottom_left");
  });

  it("marks a logged-in customer without printing anything about them", async () => {
    const html = await renderBubbleBlock({ pageUsername: "demostore", customer: { id: "7001", firstName: "Jane" } });
    expect(attr(html, "data-auth")).toBe("1");
    expect(html).not.toContain("7001");
    expect(html).not.toContain("Jane");
  });

  it.each([
    ["index", "show_home"],
    ["product", "show_product"],
    ["collection", "show_collection"],
    ["list-collections", "show_collection"],
    ["cart", "show_cart"],
    ["article", "show_content"],
    ["search", "show_search"],
    ["404", "show_other"],
  ])("on %s pages it follows %s when showing on selected pages only", async (pageType, setting) => {
    const on = await renderBubbleBlock({ pageUsername: "p", pageType, settings: { show_on: "selected" } });
    const off = await renderBubbleBlock({
      pageUsername: "p",
      pageType,
      settings: { show_on: "selected", [setting]: false },
    });
    const ignored = await renderBubbleBlock({
      pageUsername: "p",
      pageType,
      settings: { show_on: "all", [setting]: false },
    });
    expect(on).toContain("data-mcb");
    expect(off.trim()).toBe("");
    expect(ignored).toContain("data-mcb");
  });

  it("renders nothing without a Page, and a setup hint only in the theme editor", async () => {
    expect((await renderBubbleBlock({})).trim()).toBe("");
    const editor = await renderBubbleBlock({ designMode: true });
    expect(editor).toContain("connect your Facebook Page");
    expect(editor).not.toContain("data-mcb");
  });

  describe.each(SHOPPER_LOCALES)("in %s", (locale) => {
    const texts = storefrontTexts(locale);

    it("label, greeting and both status messages come from that locale's file", async () => {
      const html = await renderBubbleBlock({ pageUsername: "p", locale });
      expect(html).toContain(`<span class="mcb__label">${escapeHtml(texts.label)}</span>`);
      expect(html).toContain(`>${escapeHtml(texts.greeting)}</span>`);
      expect(unescape(attr(html, "data-opening"))).toBe(texts.opening);
      expect(unescape(attr(html, "data-fallback"))).toBe(texts.fallback);
      if (locale !== "en") {
        const english = storefrontTexts("en");
        for (const key of ["label", "greeting", "opening", "fallback"] as const)
          expect(texts[key]).not.toBe(english[key]);
      }
    });

    it("the merchant's own label and greeting win over the translation", async () => {
      const html = await renderBubbleBlock({
        pageUsername: "p",
        locale,
        settings: { label: "Frag Jurgita", greeting: "Labas!" },
      });
      expect(html).toContain('<span class="mcb__label">Frag Jurgita</span>');
      expect(html).toContain(">Labas!</span>");
      expect(html).not.toContain(escapeHtml(texts.label));
    });
  });

  it("escapes merchant-controlled values", async () => {
    const html = await renderBubbleBlock({
      pageUsername: 'x"><script>alert(1)</script>',
      settings: { label: "<img src=x onerror=alert(1)>", greeting: '"quoted" & <b>' },
    });
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>");
    expect(unescape(attr(html, "data-page"))).toBe('x"><script>alert(1)</script>');
    expect(linkHref(html)).toMatch(/^https:\/\/m\.me\/x%22%3E%3Cscript%3E/);
  });
});
