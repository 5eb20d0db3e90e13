import { waitForIdle } from "../helpers/outbound.js";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, BrowserContext, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUBBLE_BYTE_BUDGET, bubbleAssetBytes } from "../../bench/bubble/bubble-bytes.js";
import { launchChromium } from "../../bench/bubble/chromium.js";
import { measurePageLoad, unexpectedRequests } from "../../bench/bubble/measure-page-load.js";
import { startSandbox, type Sandbox } from "../../sandbox/start-sandbox.js";
import { PRODUCT_PATH } from "../../sandbox/storefront/storefront-theme.js";
import { waitFor } from "../helpers/wait-for.js";
import { TEST_ADMIN_DIST_DIR } from "../helpers/admin-build.js";

const SHOTS = resolve("test-results/screenshots");
const CUSTOMER = { id: "7000000000077", name: "Jurgita" };

type Box = { left: number; top: number; right: number; bottom: number };
const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  reducedMotion: "reduce",
} as const;
const FALLBACK = "Messenger opened without your store account. Tap the chat button again to link it.";

// Geometry is read in the page as strings: the test's own transpiled functions are not shipped to the page.
const READ_BOXES = `(() => {
  const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; };
  const bar = document.querySelector("[data-sticky-atc]");
  return {
    bubble: box(document.querySelector(".mcb__btn")),
    form: box(document.querySelector('form[action="/cart/add"]')),
    bar: bar && getComputedStyle(bar).visibility === "visible" ? box(bar) : null,
    viewport: { left: 0, top: 0, right: innerWidth, bottom: innerHeight },
    maxScroll: document.documentElement.scrollHeight - innerHeight,
  };
})()`;

function overlap(a: Box, b: Box): Box | null {
  const o = {
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  };
  return o.right > o.left && o.bottom > o.top ? o : null;
}

/** Waits until the bubble's box stops moving (placement runs on the next frames after a scroll). */
async function settledBoxes(
  page: Page,
): Promise<{ bubble: Box; form: Box; bar: Box | null; viewport: Box; maxScroll: number }> {
  let last = "";
  return waitFor(
    async () => {
      // Longer than the bubble's own re-check after the last scroll event (120 ms).
      await page.waitForTimeout(150);
      const boxes = (await page.evaluate(READ_BOXES)) as Awaited<ReturnType<typeof settledBoxes>>;
      const now = JSON.stringify(boxes);
      const stable = now === last;
      last = now;
      return stable ? boxes : null;
    },
    { what: "the bubble to settle", intervalMs: 0 },
  );
}

async function loggedInPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}${url.includes("?") ? "&" : "?"}customer=${CUSTOMER.id}&name=${CUSTOMER.name}`);
  await waitFor(async () => (await page.locator("[data-mcb]").getAttribute("data-ready")) === "", {
    what: "the bubble script",
  });
  return page;
}

/** The emulated thread only changes on reload (as a fresh Messenger tab would); reload until `text` shows. */
async function waitForThreadText(thread: Page, text: string): Promise<void> {
  await waitFor(
    async () => {
      await thread.reload();
      return (await thread.locator("body").innerText()).includes(text);
    },
    { what: `"${text}" in the thread`, intervalMs: 100 },
  );
}

describe("storefront bubble in Chromium", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "sandbox-browser-"));
  let sandbox: Sandbox | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // Fails (never skips) without /usr/bin/chromium, telling to `apt-get install -y chromium`.
    browser = await launchChromium();
    sandbox = await startSandbox({
      port: 0,
      dataDir,
      logLevel: "error",
      log: () => {},
      adminDistDir: TEST_ADMIN_DIST_DIR,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("fails, never skips, when Chromium is missing, and says how to install it", async () => {
    await expect(launchChromium("/nonexistent/chromium")).rejects.toThrow(/apt-get install -y chromium/);
  });

  it("keeps the hard limits: no request before interaction beyond its assets, no layout shift, ≤ 4 KB compressed", async () => {
    const load = await measurePageLoad(
      browser!,
      `${sandbox!.urls.storefront}/?customer=${CUSTOMER.id}&name=${CUSTOMER.name}`,
    );
    expect(load.requests.map((r) => r.replace(/\?.*$/, "")).sort()).toEqual([
      "/",
      "/extension-assets/messenger-bubble.js",
    ]);
    expect(unexpectedRequests(load.requests)).toEqual([]);
    expect(load.cls).toBe(0);
    const { total } = bubbleAssetBytes();
    expect(total.gzip).toBeLessThanOrEqual(BUBBLE_BYTE_BUDGET);
    expect(total.brotli).toBeLessThanOrEqual(BUBBLE_BYTE_BUDGET);
  });

  it("links a logged-in shopper through the bubble and Get Started, then delivers the order receipt to that thread", async () => {
    const s = sandbox!;
    const context = await browser!.newContext({ viewport: { width: 1024, height: 700 }, reducedMotion: "reduce" });
    try {
      const shop = await context.newPage();
      await shop.goto(`${s.urls.storefront}/?customer=${CUSTOMER.id}&name=${CUSTOMER.name}`);
      // A returning customer: an earlier order (before any Messenger link) tells the app their first name,
      // which the link confirmation shows masked. Nobody is linked yet, so it sends nothing.
      await shop.locator("[data-sandbox-order]").click();
      await expect.poll(() => shop.locator("[data-sandbox-ordered]").innerText()).toMatch(/HTTP 200/);
      await waitForIdle(s.app.deps.db);
      const bubble = shop.locator("[data-mcb]");
      await expect.poll(() => bubble.getAttribute("data-ready")).toBe("");
      await shop.screenshot({ path: join(SHOTS, "bubble-closed.png") });
      expect(await shop.locator(".mcb__greet").isVisible()).toBe(false);

      await shop.locator(".mcb__btn").focus();
      await expect.poll(() => shop.locator(".mcb__greet").isVisible()).toBe(true);
      await shop.screenshot({ path: join(SHOTS, "bubble-greeting.png") });

      const [thread] = await Promise.all([context.waitForEvent("page"), shop.locator(".mcb__btn").click()]);
      await thread.waitForURL(
        (u) => u.pathname === `/m.me/${s.page.username}` && /^v1\./.test(u.searchParams.get("ref") ?? ""),
      );
      expect(thread.url().startsWith(s.urls.emulator)).toBe(true);
      await thread.getByRole("button", { name: "Get Started" }).click();
      await thread.waitForURL(/\/__emulator\/thread\//);
      await waitForThreadText(thread, "Connected as");
      const body = await thread.locator("body").innerText();
      expect(body).toMatch(new RegExp(`Connected as ${CUSTOMER.name[0]}\\*\\*\\*`));
      expect(body).not.toContain(CUSTOMER.name);
      expect(body).toContain("Not me");

      // "Shopify admin": the sandbox control posts a signed orders/create for the logged-in customer.
      await shop.bringToFront();
      await shop.locator("[data-sandbox-order]").click();
      const placed = (await shop.locator("[data-sandbox-ordered]").innerText()).match(
        /Order (#\d+) sent to the app \(HTTP 200\)/,
      );
      expect(placed).not.toBeNull();
      await thread.bringToFront();
      await waitForThreadText(thread, `Receipt ${placed![1]}`);
      await thread.screenshot({ path: join(SHOTS, "thread.png"), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it("on a 390×844 phone the closed bubble never covers the product form or the sticky add-to-cart bar, at any scroll position", async () => {
    const context = await browser!.newContext(PHONE);
    try {
      const shop = await loggedInPage(context, `${sandbox!.urls.storefront}${PRODUCT_PATH}`);
      const first = await settledBoxes(shop);
      // The smaller closed state: icon only, 44 px, the merchant's mobile offsets (16 px) from the corner.
      expect(first.bubble.right - first.bubble.left).toBe(44);
      expect(await shop.getByRole("link", { name: "Chat with us" }).count()).toBe(1);
      let shownOverContent = 0;
      let shownAboveBar = 0;
      for (let y = 0; y <= first.maxScroll + 100; y += 60) {
        await shop.evaluate(`scrollTo(0, ${y})`);
        const b = await settledBoxes(shop);
        const visible = overlap(b.bubble, b.viewport);
        if (!visible) continue;
        expect(overlap(visible, b.form), `bubble over the product form at scrollY ${y}`).toBeNull();
        if (b.bar) {
          expect(overlap(visible, b.bar), `bubble over the sticky bar at scrollY ${y}`).toBeNull();
          expect(b.bubble.bottom).toBeLessThanOrEqual(b.bar.top - 8);
          shownAboveBar += 1;
        } else {
          expect(b.bubble.bottom).toBe(844 - 16);
          expect(b.bubble.right).toBe(390 - 16);
          shownOverContent += 1;
        }
        if (y === 0) await shop.screenshot({ path: join(SHOTS, "bubble-phone-top.png") });
      }
      // It did not simply hide: it was on screen at its corner, and above the bar once the bar showed.
      expect(shownOverContent).toBeGreaterThan(0);
      expect(shownAboveBar).toBeGreaterThan(0);
      await shop.screenshot({ path: join(SHOTS, "bubble-phone-sticky-bar.png") });

      // At the top the product form is under the bubble's corner: it waits off screen, and focus brings it back.
      await shop.evaluate("scrollTo(0, 0)");
      const top = await settledBoxes(shop);
      expect(overlap(top.bubble, top.viewport)).toBeNull();
      await shop.locator(".mcb__btn").focus();
      const focused = await settledBoxes(shop);
      expect(overlap(focused.bubble, focused.viewport)).not.toBeNull();
    } finally {
      await context.close();
    }
  });

  it("applies the desktop offsets above the phone breakpoint", async () => {
    const context = await browser!.newContext({ viewport: { width: 1024, height: 700 }, reducedMotion: "reduce" });
    try {
      const shop = await loggedInPage(context, `${sandbox!.urls.storefront}/`);
      const { bubble } = await settledBoxes(shop);
      expect(bubble.right).toBe(1024 - 20);
      expect(bubble.bottom).toBe(700 - 20);
    } finally {
      await context.close();
    }
  });

  it.each([
    ["answers 500", (route: Route) => route.fulfill({ status: 500, body: "boom" })],
    ["hangs", () => {}],
  ] as const)(
    "when the app proxy %s, the tap opens the plain link and says the account can be linked from the thread",
    async (_what, handler) => {
      const context = await browser!.newContext({ viewport: { width: 1024, height: 700 }, reducedMotion: "reduce" });
      try {
        const shop = await loggedInPage(context, `${sandbox!.urls.storefront}/`);
        await shop.route("**/apps/messenger/link?**", (route) => void handler(route));
        const started = Date.now();
        const [thread] = await Promise.all([context.waitForEvent("page"), shop.locator(".mcb__btn").click()]);
        await thread.waitForURL((u) => u.pathname === `/m.me/${sandbox!.page.username}`);
        const waited = Date.now() - started;
        expect(new URL(thread.url()).searchParams.get("ref")).toBe("ep.bubble");
        if (_what === "hangs") {
          expect(waited).toBeGreaterThanOrEqual(1900);
          expect(waited).toBeLessThan(6000);
        }
        await expect.poll(() => shop.getByRole("status").innerText()).toBe(FALLBACK);
        expect(await shop.getByText(FALLBACK).isVisible()).toBe(true);
        expect(await shop.locator(".mcb__btn").getAttribute("aria-busy")).toBe("false");
        await shop.screenshot({ path: join(SHOTS, "bubble-fallback.png") });
      } finally {
        await context.close();
      }
    },
  );

  it("keyboard and screen reader: Tab reaches it, Enter says it is busy in a polite live region, then opens the linked thread", async () => {
    const context = await browser!.newContext({ viewport: { width: 1024, height: 700 }, reducedMotion: "reduce" });
    try {
      const shop = await loggedInPage(context, `${sandbox!.urls.storefront}/`);
      const status = shop.locator("[data-mcb-status]");
      // The live region exists, empty, before anything happens (regions added later are not announced).
      expect(await status.getAttribute("role")).toBe("status");
      expect(await status.getAttribute("aria-live")).toBe("polite");
      expect(await status.innerText()).toBe("");
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await shop.route("**/apps/messenger/link?**", async (route) => {
        await held;
        await route.continue();
      });
      await waitFor(
        async () => {
          await shop.keyboard.press("Tab");
          return shop.evaluate(`document.activeElement && document.activeElement.classList.contains("mcb__btn")`);
        },
        { what: "Tab to reach the bubble", intervalMs: 0 },
      );
      const link = shop.getByRole("link", { name: "Chat with us" });
      expect(await link.getAttribute("aria-describedby")).toBe("mcb-greet");
      expect(await shop.locator("#mcb-greet").isVisible()).toBe(true);
      const opened = context.waitForEvent("page");
      await shop.keyboard.press("Enter");
      await expect.poll(() => link.getAttribute("aria-busy")).toBe("true");
      expect(await shop.getByRole("status").innerText()).toBe("Opening Messenger…");
      // While the message shows, the greeting makes room for it.
      expect(await shop.locator("#mcb-greet").isVisible()).toBe(false);
      release();
      const thread = await opened;
      await thread.waitForURL((u) => /^v1\./.test(u.searchParams.get("ref") ?? ""));
      await expect.poll(() => link.getAttribute("aria-busy")).toBe("false");
      expect(await status.innerText()).toBe("");
      // Escape dismisses the greeting without moving focus.
      await shop.bringToFront();
      await shop.locator(".mcb__btn").focus();
      await shop.keyboard.press("Escape");
      expect(await shop.locator("#mcb-greet").isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });
});
