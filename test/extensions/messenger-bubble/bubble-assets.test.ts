import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { inlineBubbleCss, inlineBubbleScript } from "../../../bench/bubble/bubble-bytes.js";
import {
  EXTENSION_DIR,
  parseBlockSchema,
  readBlockSource,
  stripSchema,
} from "../../../sandbox/storefront/shopify-liquid.js";

const js = readFileSync(join(EXTENSION_DIR, "assets/messenger-bubble.js"), "utf8");
const css = inlineBubbleCss();
const inlineJs = inlineBubbleScript();
const gz = (s: string) => gzipSync(Buffer.from(s), { level: 9 }).length;

describe("bubble asset budget", () => {
  it("JS (file and inline) + inline CSS stay within 4 KB gzip-compressed, counted separately and together", () => {
    expect(gz(js) + gz(inlineJs) + gz(css)).toBeLessThanOrEqual(4096);
    expect(gz(js + inlineJs + css)).toBeLessThanOrEqual(4096);
  });

  it("the JS parses as a classic script and declares no globals", () => {
    expect(() => new vm.Script(js, { filename: "messenger-bubble.js" })).not.toThrow();
    const context = vm.createContext({ document: { querySelector: () => null } });
    const before = Object.keys(context);
    new vm.Script(js).runInContext(context);
    expect(Object.keys(context)).toEqual(before);
  });
});

describe("nothing on the critical path", () => {
  const markup = stripSchema(readBlockSource());

  it("the block links no stylesheet and no script file: one inline script requests the file after the first contentful paint", () => {
    expect(markup).not.toMatch(/stylesheet_tag|<link\b/);
    expect(markup.match(/<script\b[^>]*>/g)).toEqual(["<script>"]);
    expect(inlineJs).toContain(`e.src={{ 'messenger-bubble.js' | asset_url | json }};e.async=true;`);
    // Requested once the first contentful paint is presented, at the latest after 3 s.
    expect(inlineJs).toContain('o.observe({type:"paint",buffered:true})');
    expect(inlineJs).toContain('if(l.getEntriesByName("first-contentful-paint").length)after()');
    expect(inlineJs).toContain("setTimeout(after,3000)");
  });

  it("the inline script parses as a classic script once Liquid has filled in the URL", () => {
    const rendered = inlineJs.replace("{{ 'messenger-bubble.js' | asset_url | json }}", '"/x.js"');
    expect(() => new vm.Script(rendered)).not.toThrow();
  });

  it("asks Shopify to inject nothing (no javascript or stylesheet key in the schema) and ships no CSS file", () => {
    const schema = parseBlockSchema(readBlockSource());
    expect(schema).not.toHaveProperty("stylesheet");
    expect(schema).not.toHaveProperty("javascript");
    expect(readdirSync(join(EXTENSION_DIR, "assets"))).toEqual(["messenger-bubble.js"]);
  });

  it("loads no font and no other URL from its CSS", () => {
    expect(css).not.toMatch(/@import|@font-face|url\(/);
  });

  it("the inline CSS has no Liquid in it, so it is the same bytes on every page", () => {
    expect(css).not.toMatch(/{{|{%/);
  });
});

describe("inline CSS", () => {
  const flat = css.replace(/\s+/g, "");
  const mobile = /@media\(max-width:749px\)\{(.*?\})\}/.exec(flat)?.[1] ?? "";

  it("positions the bubble fixed, inside the safe area, with the desktop offsets", () => {
    expect(flat).toMatch(/^\.mcb\{position:fixed;/);
    expect(flat).toContain("bottom:calc(var(--mcb-y)+env(safe-area-inset-bottom,0px))");
    expect(flat).toContain("right:calc(var(--mcb-x)+env(safe-area-inset-right,0px))");
    expect(flat).toContain("left:calc(var(--mcb-x)+env(safe-area-inset-left,0px))");
  });

  it("on phones uses the mobile corner and offsets, a smaller button without its label, and mobile hiding", () => {
    expect(mobile).toContain("bottom:calc(var(--mcb-ym)+env(safe-area-inset-bottom,0px))");
    expect(mobile).toContain(".mcb.mcb[data-corner-mobile=bottom_left]{right:auto;left:calc(var(--mcb-xm)");
    expect(mobile).toMatch(/\.mcb__btn\{min-width:44px;min-height:44px;/);
    expect(mobile).toMatch(/\.mcb__label\{position:absolute;width:1px;height:1px;/);
    expect(mobile).toContain(".mcb[data-hide-mobile]{display:none}");
  });

  it("moves only by transform (no layout shift) and honours reduced motion", () => {
    expect(flat).toContain("transform:translate(var(--mcb-tx,0px),calc(-1*var(--mcb-lift,0px)))");
    expect(flat).toContain("@media(prefers-reduced-motion:reduce){.mcb{transition:none}}");
  });

  it("keeps a visible focus ring and hides the greeting until hover or focus", () => {
    expect(flat).toContain(".mcb__btn:focus-visible{");
    expect(flat).toContain(".mcb__greet{visibility:hidden}");
    expect(flat).toContain(".mcb:hover.mcb__greet,.mcb:focus-within.mcb__greet{visibility:visible}");
  });
});

interface Harness {
  root: { attrs: Map<string, string> };
  status: { textContent: string };
  link: { href: string; attrs: Map<string, string> };
  fetch: ReturnType<typeof vi.fn>;
  open: ReturnType<typeof vi.fn>;
  popup: { location: { href: string }; opener: unknown };
  win: { location: { href: string } };
  click(): { defaultPrevented: boolean };
  key(key: string): void;
}

function boot(opts: { auth: boolean; coarse?: boolean; respond?: () => Promise<unknown> }): Harness {
  const listeners = new Map<string, (e: unknown) => void>();
  const el = (prefix: string) => {
    const attrs = new Map<string, string>();
    return {
      attrs,
      href: "",
      hasAttribute: (k: string) => attrs.has(k),
      getAttribute: (k: string) => attrs.get(k) ?? null,
      setAttribute: (k: string, v: string) => void attrs.set(k, String(v)),
      addEventListener: (type: string, fn: (e: unknown) => void) => void listeners.set(`${prefix}:${type}`, fn),
    };
  };
  const link = el("link");
  const status = Object.assign(el("status"), { textContent: "" });
  const root = Object.assign(el("root"), {
    querySelector: (sel: string) => (sel === "a" ? link : sel === "[data-mcb-status]" ? status : null),
  });
  for (const [k, v] of Object.entries({
    "data-mcb": "",
    "data-state": "idle",
    "data-page": "demo.store",
    "data-ref": "ep.bubble",
    "data-proxy": "/apps/messenger/link",
    "data-auth": opts.auth ? "1" : "0",
    "data-opening": "Opening Messenger…",
    "data-fallback": "Messenger opened without your store account. Tap the chat button again to link it.",
  })) {
    root.attrs.set(k, v);
  }
  const popup = { location: { href: "" }, opener: {} as unknown };
  const win = {
    location: { href: "https://demo.myshopify.com/" },
    matchMedia: () => ({ matches: opts.coarse ?? false }),
    open: vi.fn(() => popup),
  };
  const fetch = vi.fn(
    opts.respond ??
      (() =>
        Promise.resolve({
          ok: true,
          json: () => Promise.resolve({ url: "https://m.me/demo.store?ref=v1.k1.abc.def" }),
        })),
  );
  const document = { querySelector: (sel: string) => (sel === "[data-mcb]" ? root : null) };
  // Timers are looked up at call time, so vi.useFakeTimers() in a test reaches the script too.
  const timers = {
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (id: ReturnType<typeof setTimeout>) => clearTimeout(id),
  };
  vm.runInContext(js, vm.createContext({ document, window: win, fetch, AbortController, ...timers }));
  return {
    root,
    status,
    link,
    fetch,
    open: win.open,
    popup,
    win,
    click() {
      const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      listeners.get("link:click")?.(event);
      return event;
    },
    key(key: string) {
      listeners.get("root:keydown")?.({ key });
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("bubble behaviour (script run against a stub DOM)", () => {
  it("makes no request before the click and keeps the plain link ready", () => {
    const h = boot({ auth: true });
    expect(h.fetch).not.toHaveBeenCalled();
    expect(h.root.attrs.get("data-state")).toBe("idle");
    expect(h.link.href).toBe("https://m.me/demo.store?ref=ep.bubble");
  });

  it("a guest click follows the plain link natively, without any request", () => {
    const h = boot({ auth: false });
    const event = h.click();
    expect(event.defaultPrevented).toBe(false);
    expect(h.fetch).not.toHaveBeenCalled();
    expect(h.root.attrs.get("data-state")).toBe("open");
  });

  it("a logged-in click on desktop asks the app proxy and sends the pre-opened tab to the signed link", async () => {
    const h = boot({ auth: true });
    const event = h.click();
    expect(event.defaultPrevented).toBe(true);
    expect(h.root.attrs.get("data-state")).toBe("loading");
    expect(h.link.attrs.get("aria-busy")).toBe("true");
    expect(h.open).toHaveBeenCalledWith("", "_blank");
    expect(h.popup.opener).toBeNull();
    expect(h.fetch).toHaveBeenCalledTimes(1);
    expect(h.fetch.mock.calls[0]?.[0]).toBe("/apps/messenger/link?ep=bubble");
    expect(h.fetch.mock.calls[0]?.[1]).toMatchObject({
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    await settle();
    expect(h.root.attrs.get("data-state")).toBe("open");
    expect(h.popup.location.href).toBe("https://m.me/demo.store?ref=v1.k1.abc.def");
    expect(h.win.location.href).toBe("https://demo.myshopify.com/");
  });

  it("on a touch device it navigates the same tab so the app link reaches the Messenger app", async () => {
    const h = boot({ auth: true, coarse: true });
    h.click();
    expect(h.open).not.toHaveBeenCalled();
    await settle();
    expect(h.win.location.href).toBe("https://m.me/demo.store?ref=v1.k1.abc.def");
  });

  it("ignores repeated clicks while a link is being fetched", () => {
    const h = boot({ auth: true, respond: () => new Promise(() => {}) });
    h.click();
    h.click();
    expect(h.fetch).toHaveBeenCalledTimes(1);
  });

  it.each([
    ["HTTP 401", () => Promise.resolve({ ok: false, status: 401, json: () => Promise.resolve({}) })],
    ["network error", () => Promise.reject(new TypeError("offline"))],
    [
      "non-m.me url",
      () => Promise.resolve({ ok: true, json: () => Promise.resolve({ url: "https://evil.example/" }) }),
    ],
    ["script url", () => Promise.resolve({ ok: true, json: () => Promise.resolve({ url: "javascript:alert(1)" }) })],
    ["no url", () => Promise.resolve({ ok: true, json: () => Promise.resolve({}) })],
  ])(
    "on %s it falls back to the plain link and tells the shopper they can link from the thread",
    async (_name, respond) => {
      const h = boot({ auth: true, respond });
      h.click();
      await settle();
      expect(h.root.attrs.get("data-state")).toBe("error");
      expect(h.link.attrs.get("aria-busy")).toBe("false");
      expect(h.popup.location.href).toBe("https://m.me/demo.store?ref=ep.bubble");
      expect(h.status.textContent).toBe(
        "Messenger opened without your store account. Tap the chat button again to link it.",
      );
    },
  );

  it("announces the wait in the live region while the link is fetched, and clears it on success", async () => {
    const h = boot({ auth: true });
    h.click();
    expect(h.status.textContent).toBe("Opening Messenger…");
    await settle();
    expect(h.status.textContent).toBe("");
    expect(h.link.attrs.get("aria-busy")).toBe("false");
  });

  describe("a slow app proxy", () => {
    beforeEach(() => void vi.useFakeTimers());
    afterEach(() => void vi.useRealTimers());

    it("still waiting at 1.9 s; at 2 s it opens the plain link with the message, and a late answer changes nothing", async () => {
      let answer: (value: unknown) => void = () => {};
      const h = boot({ auth: true, respond: () => new Promise((resolve) => (answer = resolve)) });
      h.click();
      await vi.advanceTimersByTimeAsync(1900);
      expect(h.root.attrs.get("data-state")).toBe("loading");
      expect(h.popup.location.href).toBe("");
      await vi.advanceTimersByTimeAsync(100);
      expect(h.root.attrs.get("data-state")).toBe("error");
      expect(h.popup.location.href).toBe("https://m.me/demo.store?ref=ep.bubble");
      expect(h.status.textContent).toMatch(/Tap the chat button again to link it/);
      answer({ ok: true, json: () => Promise.resolve({ url: "https://m.me/demo.store?ref=v1.late" }) });
      await vi.advanceTimersByTimeAsync(10);
      expect(h.popup.location.href).toBe("https://m.me/demo.store?ref=ep.bubble");
      expect(h.root.attrs.get("data-state")).toBe("error");
    });

    it("the fallback message goes away after 15 s", async () => {
      const h = boot({ auth: true, respond: () => Promise.reject(new TypeError("offline")) });
      h.click();
      await vi.advanceTimersByTimeAsync(1);
      expect(h.status.textContent).not.toBe("");
      await vi.advanceTimersByTimeAsync(15000);
      expect(h.status.textContent).toBe("");
    });
  });

  it("Escape dismisses the greeting", () => {
    const h = boot({ auth: false });
    h.key("Enter");
    expect(h.root.attrs.has("data-dismissed")).toBe(false);
    h.key("Escape");
    expect(h.root.attrs.has("data-dismissed")).toBe(true);
  });

  it("Escape also clears a status message", async () => {
    const h = boot({ auth: true, respond: () => Promise.reject(new TypeError("offline")) });
    h.click();
    await settle();
    expect(h.status.textContent).not.toBe("");
    h.key("Escape");
    expect(h.status.textContent).toBe("");
  });
});
