import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import { EXTENSION_DIR } from "../../../sandbox/storefront/shopify-liquid.js";

const js = readFileSync(join(EXTENSION_DIR, "assets/messenger-bubble.js"), "utf8");
const css = readFileSync(join(EXTENSION_DIR, "assets/messenger-bubble.css"), "utf8");
const gz = (s: string) => gzipSync(Buffer.from(s), { level: 9 }).length;

describe("bubble asset budget", () => {
  it("JS + CSS stay within 4 KB gzip-compressed, counted separately and together", () => {
    expect(gz(js) + gz(css)).toBeLessThanOrEqual(4096);
    expect(gz(js + css)).toBeLessThanOrEqual(4096);
  });

  it("the JS parses as a classic script and declares no globals", () => {
    expect(() => new vm.Script(js, { filename: "messenger-bubble.js" })).not.toThrow();
    const context = vm.createContext({ document: { querySelector: () => null } });
    const before = Object.keys(context);
    new vm.Script(js).runInContext(context);
    expect(Object.keys(context)).toEqual(before);
  });

  it("the CSS positions the bubble fixed and honours reduced motion and mobile hiding", () => {
    const flat = css.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\s+/g, "");
    expect(flat).toMatch(/^\.mcb\{position:fixed;/);
    expect(flat).toContain("@media(prefers-reduced-motion:reduce)");
    expect(flat).toMatch(/@media\(max-width:749px\)\{\.mcb\[data-hide-mobile\]\{display:none;?\}\}/);
    expect(flat).toContain(".mcb__btn:focus-visible{");
  });
});

interface Harness {
  root: { attrs: Map<string, string> };
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
  const root = Object.assign(el("root"), { querySelector: (sel: string) => (sel === "a" ? link : null) });
  for (const [k, v] of Object.entries({
    "data-mcb": "",
    "data-state": "idle",
    "data-page": "demo.store",
    "data-ref": "ep.bubble",
    "data-proxy": "/apps/messenger/link",
    "data-auth": opts.auth ? "1" : "0",
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
  vm.runInContext(js, vm.createContext({ document, window: win, fetch, AbortController, setTimeout, clearTimeout }));
  return {
    root,
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
  ])("on %s it shows the error state and falls back to the plain link", async (_name, respond) => {
    const h = boot({ auth: true, respond });
    h.click();
    await settle();
    expect(h.root.attrs.get("data-state")).toBe("error");
    expect(h.popup.location.href).toBe("https://m.me/demo.store?ref=ep.bubble");
  });

  it("Escape dismisses the greeting", () => {
    const h = boot({ auth: false });
    h.key("Enter");
    expect(h.root.attrs.has("data-dismissed")).toBe(false);
    h.key("Escape");
    expect(h.root.attrs.has("data-dismissed")).toBe(true);
  });
});
