import { describe, expect, it } from "vitest";
import { renderStorefrontPage } from "../../../sandbox/storefront/render-storefront-page.js";

const attr = (html: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(html)?.[1];

describe("renderStorefrontPage", () => {
  it("renders a guest page with the real block and its data attributes", async () => {
    const html = await renderStorefrontPage({
      pageUsername: "demostore",
      settings: { label: "Ask us", corner: "bottom_left" },
    });
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("Browsing as a guest");
    expect(attr(html, "data-auth")).toBe("0");
    expect(attr(html, "data-page")).toBe("demostore");
    expect(attr(html, "data-corner")).toBe("bottom_left");
    expect(html).toContain(">Ask us</span>");
    // The block sits at the end of <body>, after the page content.
    expect(html.indexOf("data-mcb")).toBeGreaterThan(html.indexOf("</footer>"));
    expect(html.indexOf("data-mcb")).toBeLessThan(html.indexOf("</body>"));
  });

  it("renders a logged-in page that asks the given proxy path", async () => {
    const html = await renderStorefrontPage({
      pageUsername: "demostore",
      customer: { id: "7001", firstName: "Jane" },
      proxyPath: "/apps/messenger",
      assetBaseUrl: "/assets/v1/",
    });
    expect(html).toContain("Signed in as Jane");
    expect(attr(html, "data-auth")).toBe("1");
    expect(attr(html, "data-proxy")).toBe("/apps/messenger/link");
    expect(html).toContain('e.src="/assets/v1/messenger-bubble.js";');
  });

  it("prints nothing from its inputs unescaped", async () => {
    const evil = '"><script>alert(1)</script>';
    const html = await renderStorefrontPage({
      pageUsername: evil,
      customer: { id: "1", firstName: evil },
      proxyPath: evil,
      shopName: evil,
      locale: evil,
      settings: { label: evil, greeting: evil },
    });
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).not.toMatch(/"><script/);
    // Only the bubble's own inline script (which loads its file) remains.
    expect(html.match(/<script/g)).toEqual(["<script"]);
  });

  it("omits the bubble where the merchant hid it", async () => {
    const html = await renderStorefrontPage({
      pageUsername: "demostore",
      pageType: "cart",
      settings: { show_on: "selected", show_cart: false },
    });
    expect(html).not.toContain("data-mcb");
    expect(html).toContain("Spring collection");
  });
});

describe("product page", () => {
  it("has a /cart/add product form and a sticky add-to-cart bar before the bubble, and Shopify's page type", async () => {
    const html = await renderStorefrontPage({
      pageUsername: "p",
      template: "product",
      settings: { show_on: "selected" },
    });
    expect(html).toMatch(/<form method="post" action="\/cart\/add" id="product-form"/);
    expect(html).toMatch(/<div class="sticky-atc" data-sticky-atc>[\s\S]*<button type="submit" form="product-form"/);
    expect(html.indexOf("data-sticky-atc")).toBeLessThan(html.indexOf("data-mcb"));
    const hidden = await renderStorefrontPage({
      pageUsername: "p",
      template: "product",
      settings: { show_on: "selected", show_product: false },
    });
    expect(hidden).not.toContain("data-mcb");
    expect(hidden).toContain("data-sticky-atc");
  });
});

describe("locale handling", () => {
  it.each([
    ["fr", "fr", "Discutez avec nous"],
    ["pt-BR", "pt-BR", "Fale com a gente"],
    ["../../package", "en", "Chat with us"],
    ["xx", "xx", "Chat with us"],
  ])("locale %j renders lang=%s and label %s", async (locale, lang, label) => {
    const html = await renderStorefrontPage({ pageUsername: "p", locale });
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(`>${label}</span>`);
  });
});
