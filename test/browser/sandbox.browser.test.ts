import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../bench/bubble/chromium.js";
import { startSandbox, type Sandbox } from "../../sandbox/start-sandbox.js";
import { waitForIdle } from "../helpers/outbound.js";
import { waitFor } from "../helpers/wait-for.js";
import { TEST_ADMIN_DIST_DIR } from "../helpers/admin-build.js";
import { freePortBlock } from "../helpers/free-port-block.js";
import { seriousAxeViolations } from "./axe-check.js";

const SHOTS = resolve("test-results/screenshots");
const CUSTOMER = { id: "7000000000055", name: "Ona" };
const PHONE = { width: 390, height: 844 };

/** Presses Tab until the focused element matches `selector` (keyboard only, no clicks). */
async function tabTo(page: Page, selector: string, maxTabs = 60): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} never got the keyboard focus in ${maxTabs} tabs`);
}

/** The right edge of the widest element: a phone browser zooms out to fit wider content, so measure it. */
function widestRight(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.max(...[...document.querySelectorAll("body *")].map((el) => el.getBoundingClientRect().right)),
  );
}

async function expectNoSeriousViolations(page: Page, name: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

describe("sandbox journeys in Chromium: orders, control panel, thread pages, Thank-you, restart", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "sandbox-journeys-"));
  let sandbox: Sandbox | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let shop: Page;
  let thread: Page;
  let threadUrl = "";
  let orderName = "";
  let threadTextBefore = "";
  const pageErrors: string[] = [];

  let port = 0;

  beforeAll(async () => {
    port = await freePortBlock();
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
    sandbox = await startSandbox({
      port,
      dataDir,
      logLevel: "error",
      log: () => {},
      adminDistDir: TEST_ADMIN_DIST_DIR,
    });
    context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, reducedMotion: "reduce" });
    shop = await context.newPage();
    shop.on("pageerror", (error) => pageErrors.push(error.message));
    thread = shop;
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("a shopper links through the bubble; the thread page is made for a phone and hides developer details", async () => {
    const s = sandbox!;
    await shop.goto(`${s.urls.storefront}/?customer=${CUSTOMER.id}&name=${CUSTOMER.name}`);
    await shop.locator("[data-mcb][data-ready]").waitFor();
    // On a phone the bubble opens m.me in the same tab (a popup would be blocked): that tab becomes the thread.
    await shop.locator(".mcb__btn").click();
    await shop.waitForURL((u) => u.pathname === `/m.me/${s.page.username}`);
    thread = shop;
    shop = await context!.newPage();
    shop.on("pageerror", (error) => pageErrors.push(error.message));
    await shop.goto(`${s.urls.storefront}/`);
    await thread.getByRole("button", { name: "Get Started" }).click();
    await thread.waitForURL(/\/__emulator\/thread\//);
    threadUrl = thread.url();
    // No reload from here on: the page refreshes itself.
    await thread.getByText(/Connected (as|to your store account)/).waitFor();

    expect(await thread.locator('meta[name="viewport"]').getAttribute("content")).toContain("width=device-width");
    expect(await widestRight(thread)).toBeLessThanOrEqual(PHONE.width);
    const psid = decodeURIComponent(new URL(threadUrl).pathname.split("/").at(-1)!);
    const dev = thread.getByText(`PSID ${psid}`);
    expect(await dev.isVisible()).toBe(false);
    expect(await thread.getByText("RESPONSE").first().isVisible()).toBe(false);
    const toggle = thread.getByRole("button", { name: "Developer details" });
    await toggle.click();
    expect(await toggle.getAttribute("aria-pressed")).toBe("true");
    expect(await dev.isVisible()).toBe(true);
    // Long refs wrap: the page stays as wide as the phone with developer details shown too.
    expect(await widestRight(thread)).toBeLessThanOrEqual(PHONE.width);
    await thread.screenshot({ path: join(SHOTS, "sandbox-thread-developer-details.png"), fullPage: true });
    await toggle.press("Enter"); // keyboard works the toggle too
    expect(await dev.isVisible()).toBe(false);
    await expectNoSeriousViolations(thread, "thread page");
  });

  it("the shopper types a message to the shop from the thread page", async () => {
    const box = thread.getByRole("textbox", { name: /Message to Demo Store/ });
    await box.fill("Do you ship to Kaunas?");
    await box.press("Enter");
    await thread.locator(".b.me", { hasText: "Do you ship to Kaunas?" }).waitFor();
    // Sent without leaving the page: the box is empty and keeps the focus (the phone keyboard stays up).
    expect(thread.url()).toBe(threadUrl);
    expect(await box.inputValue()).toBe("");
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    const psid = decodeURIComponent(new URL(threadUrl).pathname.split("/").at(-1)!);
    await waitFor(
      () => sandbox!.app.deps.db.webhookDelivery.findFirst({ where: { source: "meta", body: { contains: psid } } }),
      { what: "the typed message at the app's webhook" },
    );
  });

  it("places a demo order of a product the storefront sells; two quick orders get two numbers", async () => {
    await shop.bringToFront();
    await shop.getByLabel("Buy").selectOption("rain-jacket");
    await shop.locator("[data-sandbox-order]").click();
    const notice = await shop.locator("[data-sandbox-ordered]").innerText();
    orderName = /Order (#\d+) sent to the app \(HTTP 200\)/.exec(notice)?.[1] ?? "";
    expect(orderName).toMatch(/^#\d+$/);
    const [a, b] = await Promise.all(
      [1, 2].map(async () => {
        const res = await fetch(`${sandbox!.urls.storefront}/__sandbox/orders?product=wool-socks`, {
          method: "POST",
          headers: { accept: "application/json", cookie: "sandbox_customer=guest" },
        });
        return ((await res.json()) as { orderName: string }).orderName;
      }),
    );
    expect(new Set([orderName, a, b]).size).toBe(3);
    await thread.getByText(`Receipt ${orderName}`).waitFor(); // appears by itself
    expect(await thread.locator(".card", { hasText: `Receipt ${orderName}` }).innerText()).toContain("Rain jacket");
  });

  it("ships the order from the control panel with the keyboard only, and the thread shows each update", async () => {
    const panel = await context!.newPage();
    await panel.goto(`${sandbox!.urls.storefront}/__sandbox/orders`);
    const card = panel.locator("article.order", { hasText: `Order ${orderName}` });
    const orderId = await card.getAttribute("data-order");
    await tabTo(panel, `[data-order="${orderId}"] button[data-action="fulfil"]`);
    await panel.keyboard.press("Enter");
    await panel
      .locator("[data-notice]", { hasText: `Order ${orderName} · Fulfil: fulfillments/create → HTTP 200` })
      .waitFor();
    expect(await card.locator("[data-order-status]").innerText()).toBe("Paid · Fulfilled");

    await tabTo(panel, `[data-order="${orderId}"] button[data-action="out_for_delivery"]`);
    await panel.keyboard.press(" ");
    await panel.locator("[data-notice]", { hasText: "fulfillment_events/create → HTTP 200" }).waitFor();
    expect(await card.locator("[data-order-status]").innerText()).toBe("Paid · Fulfilled · out for delivery");
    expect(await card.locator("button[data-action='cancel']").count()).toBe(0);
    await panel.screenshot({ path: join(SHOTS, "sandbox-control-panel.png"), fullPage: true });
    expect(await widestRight(panel)).toBeLessThanOrEqual(PHONE.width);
    await expectNoSeriousViolations(panel, "control panel");

    await thread.bringToFront();
    await thread.getByText(`your order ${orderName} has shipped`).waitFor();
    await thread.getByText(new RegExp(`${orderName}.*out for delivery`, "i")).waitFor();
    await thread.screenshot({ path: join(SHOTS, "sandbox-thread-phone.png"), fullPage: true });
    await panel.close();
  });

  it("a guest's Thank-you page shows the post-purchase button, and tapping it links the order in Messenger", async () => {
    const guest = await browser!.newContext({ viewport: PHONE, isMobile: true, reducedMotion: "reduce" });
    try {
      const page = await guest.newPage();
      page.on("pageerror", (error) => pageErrors.push(error.message));
      await page.goto(`${sandbox!.urls.storefront}/?guest=1`);
      await page.getByLabel("Buy").selectOption("canvas-tote");
      await page.locator("[data-sandbox-order]").click();
      await page.locator("[data-sandbox-thank-you]").click();
      await page.getByRole("heading", { name: "Thank you!" }).waitFor();
      const guestOrder = await page.locator("[data-order-name]").innerText();
      const button = page.locator("[data-order-link]");
      await button.waitFor();
      expect(await button.innerText()).toBe("Get order updates on Messenger");
      expect(await button.getAttribute("href")).toMatch(
        new RegExp(`^${sandbox!.urls.emulator}/m\\.me/demostore\\?ref=v1\\.`),
      );
      await page.screenshot({ path: join(SHOTS, "sandbox-thank-you.png"), fullPage: true });
      expect(await widestRight(page)).toBeLessThanOrEqual(PHONE.width);
      await expectNoSeriousViolations(page, "Thank-you page");

      const [mme] = await Promise.all([guest.waitForEvent("page"), button.click()]);
      await mme.getByRole("button", { name: "Get Started" }).waitFor();
      await mme.screenshot({ path: join(SHOTS, "sandbox-mme.png"), fullPage: true });
      await expectNoSeriousViolations(mme, "m.me page");
      await mme.getByRole("button", { name: "Get Started" }).click();
      await mme.waitForURL(/\/__emulator\/thread\//);
      await mme.getByText(`Receipt ${guestOrder}`).waitFor();
      const guestPsid = decodeURIComponent(new URL(mme.url()).pathname.split("/").at(-1)!);
      const ownPsid = decodeURIComponent(new URL(threadUrl).pathname.split("/").at(-1)!);
      expect(guestPsid).not.toBe(ownPsid);

      await mme.goto(`${sandbox!.urls.emulator}/__emulator/thread`);
      await mme.getByRole("link", { name: new RegExp(guestPsid) }).waitFor();
      await mme.screenshot({ path: join(SHOTS, "sandbox-chat-list.png"), fullPage: true });
      await expectNoSeriousViolations(mme, "chat list");
    } finally {
      await guest.close();
    }
  });

  it("after a restart the threads, PSIDs and orders are as they were", async () => {
    await waitForIdle(sandbox!.app.deps.db);
    await thread.reload();
    threadTextBefore = await thread.locator("#thread").innerText();
    const ordersBefore = sandbox!.orders.list().map((b) => b.order.name);
    const oldEmulator = sandbox!.urls.emulator;
    await sandbox!.close();
    sandbox = await startSandbox({
      port,
      dataDir,
      logLevel: "error",
      log: () => {},
      adminDistDir: TEST_ADMIN_DIST_DIR,
    });

    // Same ports, as `npm run sandbox` keeps 8080: the conversation is the same thread at the same PSID.
    const url = threadUrl.replace(oldEmulator, sandbox.urls.emulator);
    await thread.goto(url);
    expect(await thread.locator("#thread").innerText()).toBe(threadTextBefore);

    const panel = await context!.newPage();
    await panel.goto(`${sandbox.urls.storefront}/__sandbox/orders`);
    const names = await panel.locator("article.order h2").allInnerTexts();
    expect(names).toEqual(ordersBefore.map((n) => `Order ${String(n)}`));
    const card = panel.locator("article.order", { hasText: `Order ${orderName}` });
    expect(await card.locator("[data-order-status]").innerText()).toBe("Paid · Fulfilled · out for delivery");
    await card.locator("button[data-action='delivered']").click();
    await panel.locator("[data-notice]", { hasText: "HTTP 200" }).waitFor();
    await thread.bringToFront();
    await thread.getByText(new RegExp(`${orderName}.*delivered`, "i")).waitFor();
    await thread.screenshot({ path: join(SHOTS, "sandbox-thread-after-restart.png"), fullPage: true });
    await panel.close();
    expect(pageErrors).toEqual([]);
  });
});
