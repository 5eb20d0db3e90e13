import { describe, expect, it } from "vitest";
import { renderBubbleBlock } from "../../../sandbox/storefront/render-storefront-page.js";

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
  it("renders the container, the link and the deferred assets with default settings", async () => {
    const html = await renderBubbleBlock({ pageUsername: "demostore" });
    expect(html).toContain('<link href="/extension-assets/messenger-bubble.css" rel="stylesheet"');
    expect(html).toMatch(/<script src="\/extension-assets\/messenger-bubble\.js" defer><\/script>/);
    expect(attr(html, "data-page")).toBe("demostore");
    expect(attr(html, "data-ref")).toBe("ep.bubble");
    expect(attr(html, "data-proxy")).toBe("/apps/messenger/link");
    expect(attr(html, "data-auth")).toBe("0");
    expect(attr(html, "data-state")).toBe("idle");
    expect(attr(html, "data-corner")).toBe("bottom_right");
    expect(linkHref(html)).toBe("https://m.me/demostore?ref=ep.bubble");
    expect(attr(html, "style")).toBe("--mcb-bg:#0866FF;--mcb-fg:#FFFFFF;--mcb-x:20px;--mcb-y:20px");
    expect(html).toContain('<span class="mcb__label">Chat with us</span>');
    expect(html).not.toContain("data-hide-mobile");
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
        hide_on_mobile: true,
      },
    });
    expect(attr(html, "data-page")).toBe("fromsetting");
    expect(attr(html, "data-proxy")).toBe("/a/msgr/link");
    expect(attr(html, "data-corner")).toBe("bottom_left");
    expect(attr(html, "style")).toBe("--mcb-bg:#112233;--mcb-fg:#000000;--mcb-x:8px;--mcb-y:96px");
    expect(html).toMatch(/\sdata-hide-mobile\s/);
    expect(html).toContain('<span class="mcb__label mcb__vh">Talk to us</span>');
    expect(html).toContain(">Hello there</span>");
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

  it("uses the shopper's language for default texts", async () => {
    const html = await renderBubbleBlock({ pageUsername: "p", locale: "fr" });
    expect(html).toContain(">Discutez avec nous</span>");
    expect(html).toContain("Écrivez-nous sur Messenger.");
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
