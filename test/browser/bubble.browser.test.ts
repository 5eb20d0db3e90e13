import { waitForIdle } from "../helpers/outbound.js";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUBBLE_BYTE_BUDGET, bubbleAssetBytes } from "../../bench/bubble/bubble-bytes.js";
import { launchChromium } from "../../bench/bubble/chromium.js";
import { measurePageLoad, unexpectedRequests } from "../../bench/bubble/measure-page-load.js";
import { startSandbox, type Sandbox } from "../../sandbox/start-sandbox.js";
import { waitFor } from "../helpers/wait-for.js";
import { TEST_ADMIN_DIST_DIR } from "../helpers/admin-build.js";

const SHOTS = resolve("test-results/screenshots");
const CUSTOMER = { id: "7000000000077", name: "Jurgita" };

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
      "/extension-assets/messenger-bubble.css",
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
});
