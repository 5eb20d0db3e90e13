import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../bench/bubble/chromium.js";
import { ensureAdminBuild } from "../../sandbox/admin/build-admin.js";
import { startSandbox, type Sandbox } from "../../sandbox/start-sandbox.js";
import { waitFor } from "../helpers/wait-for.js";
import { productionAdminBuild, TEST_ADMIN_DIST_DIR } from "../helpers/admin-build.js";

// Its own folder, rebuilt from the current source; other sandboxes share TEST_ADMIN_DIST_DIR as it is.
const ADMIN_BUILD = `${TEST_ADMIN_DIST_DIR}-browser`;

const SHOTS = resolve("test-results/screenshots");
const CUSTOMER = "7000000000088";
const PSID = "9100000000000088";

/** A shopper who came through the bubble logged in: their thread is linked to the customer. */
async function linkedShopper(s: Sandbox): Promise<void> {
  const login = await fetch(`${s.urls.storefront}/?customer=${CUSTOMER}&name=Rasa`);
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  const link = await fetch(`${s.urls.storefront}/apps/messenger/link?ep=bubble`, { headers: { cookie } });
  const ref = new URL(((await link.json()) as { url: string }).url).searchParams.get("ref")!;
  await s.meta.shopper.tapGetStarted(s.page.pageId, PSID, { ref });
  await waitFor(() => s.app.deps.db.shopperLink.findFirst({ where: { psid: PSID, unlinkedAt: null } }), {
    what: "the shopper link",
  });
}

describe("embedded admin in Chromium (sandbox App Bridge)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "sandbox-admin-"));
  let sandbox: Sandbox | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  const pageErrors: string[] = [];
  const productionBuild = productionAdminBuild();
  const authorizations: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // Fails (never skips) without /usr/bin/chromium, telling to `apt-get install -y chromium`.
    browser = await launchChromium();
    await ensureAdminBuild({ force: true, outDir: ADMIN_BUILD }); // the current source, not a stale dist
    sandbox = await startSandbox({ port: 0, dataDir, logLevel: "error", log: () => {}, adminDistDir: ADMIN_BUILD });
    await linkedShopper(sandbox);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: "reduce" });
    page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/api/"))
        authorizations.push(request.headers().authorization ?? "");
    });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("builds and serves the admin from a test folder, leaving the production build in web/frontend/dist alone", async () => {
    expect(productionAdminBuild()).toBe(productionBuild);
    const served = await (await fetch(`${sandbox!.app.url}/`)).text();
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(served)?.[1];
    expect(script).toBeDefined();
    expect(existsSync(join(ADMIN_BUILD, script!))).toBe(true);
  });

  it("fails, never skips, when Chromium is missing, and says how to install it", async () => {
    await expect(launchChromium("/nonexistent/chromium")).rejects.toThrow(/apt-get install -y chromium/);
  });

  it("shows the onboarding checklist with the connected Page, every API call with a session token", async () => {
    await page.goto(sandbox!.urls.admin);
    await page.getByRole("heading", { name: "Setup checklist" }).waitFor();
    await page.getByText(`(@${sandbox!.page.username})`).waitFor();
    const body = await page.locator("body").innerText();
    expect(body).toMatch(/Connect your Facebook Page\s*Success\s*Done/); // Badge: tone for screen readers, then label
    // The sandbox approves every utility template at start: the checklist reports them from GET /api/pages.
    expect(body).toMatch(/Order updates outside the 24-hour window\s*Success\s*Done/);
    expect(body).toMatch(/(\d+) of \1 approved/);
    const editor = page.getByRole("link", { name: "Open the theme editor" });
    expect(await editor.getAttribute("href")).toBe(
      `https://${sandbox!.shop}/admin/themes/current/editor?context=apps&activateAppId=sandbox-shopify-api-key%2Fmessenger-bubble`,
    );
    await page.screenshot({ path: join(SHOTS, "admin-home.png"), fullPage: true });
    expect(authorizations.length).toBeGreaterThanOrEqual(2);
    expect(authorizations.every((a) => /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/.test(a))).toBe(true);
  });

  it("checks the wording as it is typed, saves the fixed one and previews it", async () => {
    await page.getByRole("tab", { name: "Notifications" }).click();
    await page.waitForURL((u) => u.pathname === "/app/notifications");
    const wording = page.getByRole("textbox", { name: /Message for “Shipped” \(English\)/ });
    await wording.waitFor();
    await page.getByText(/has shipped/).waitFor(); // the default wording's preview

    await wording.fill("Hi {{first_name}}, parcel {{parcel_code}} is on its way.");
    await page.getByText("Unknown variable {{parcel_code}}.").waitFor();
    expect(await wording.getAttribute("aria-invalid")).toBe("true");
    // Saving anyway: the server refuses (PUT 400) and the form says what to fix.
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Fix the highlighted wording, then save.").waitFor();
    await page.screenshot({ path: join(SHOTS, "admin-notifications-error.png"), fullPage: true });

    await wording.fill("Hi {{first_name}}, {{order_name}} is on its way with {{carrier}}.");
    await page.getByText("Hi Alex, #1001 is on its way with UPS.").waitFor();
    expect(await page.getByText("Unknown variable").count()).toBe(0);
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Settings saved.").waitFor();
    await page.screenshot({ path: join(SHOTS, "admin-notifications-saved.png"), fullPage: true });

    const shop = await sandbox!.app.deps.db.shop.findUnique({ where: { domain: sandbox!.shop } });
    expect(shop?.settings).toMatchObject({
      notifications: {
        wording: { en: { shipped: "Hi {{first_name}}, {{order_name}} is on its way with {{carrier}}." } },
      },
    });
  });

  it("lists subscribers with their link, and unlinks one", async () => {
    await page.getByRole("tab", { name: "Subscribers" }).click();
    await page.getByRole("table").waitFor();
    const row = page.getByRole("row").filter({ hasText: `Customer ${CUSTOMER}` });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/via bubble/);
    await page.screenshot({ path: join(SHOTS, "admin-subscribers.png"), fullPage: true });

    await row.getByRole("button", { name: `Unlink Customer ${CUSTOMER}` }).click();
    await row.getByRole("button", { name: "Confirm unlink" }).click();
    await page.getByText(`Unlinked customer ${CUSTOMER}.`, { exact: false }).waitFor();
    await page.getByRole("row").filter({ hasText: "Not linked" }).waitFor();
    const link = await sandbox!.app.deps.db.shopperLink.findFirst({ where: { psid: PSID } });
    expect(link?.unlinkedAt).not.toBeNull();
  });

  it("edits the opt-in wording with a live preview, and shows a subscriber's consent with the status filter", async () => {
    await page.getByRole("tab", { name: "Marketing" }).click();
    await page.getByText("Your shop cannot send Marketing Messages yet").waitFor();
    await page.getByText("Connect the Meta ad account", { exact: false }).waitFor();
    const title = page.getByRole("textbox", { name: "Title" });
    await title.fill("x".repeat(66));
    await page.getByText("Meta allows at most 65", { exact: false }).waitFor();
    await title.fill("Deals from Demo Shop on Messenger");
    await page.getByText("Deals from Demo Shop on Messenger", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Get updates" }).waitFor();
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Marketing settings saved.").waitFor();
    await page.screenshot({ path: join(SHOTS, "admin-marketing.png"), fullPage: true });
    const shop = await sandbox!.app.deps.db.shop.findUnique({ where: { domain: sandbox!.shop } });
    expect(shop?.settings).toMatchObject({
      marketing: { wording: { en: { title: "Deals from Demo Shop on Messenger" } } },
    });

    await sandbox!.meta.shopper.sendText(sandbox!.page.pageId, PSID, "offers");
    await waitFor(
      () =>
        sandbox!.app.deps.db.outboundMessage.findFirst({
          where: { psid: PSID, category: "optin_request", status: "sent" },
        }),
      { what: "the opt-in request" },
    );
    await sandbox!.meta.shopper.optIn(sandbox!.page.pageId, PSID);
    await waitFor(() => sandbox!.app.deps.db.marketingSubscription.findFirst({ where: { psid: PSID } }), {
      what: "the subscription",
    });
    await page.getByRole("tab", { name: "Subscribers" }).click();
    // Polaris draws its own radio over the input, so the input is checked directly.
    await page.getByRole("radio", { name: "Subscribed to marketing" }).check({ force: true });
    const row = page.getByRole("row").filter({ hasText: "Subscribed" }).filter({ hasText: "via keyword" });
    await row.waitFor();
    await row.getByRole("button", { name: /Consent history of/ }).click();
    await page.getByText("Opted in by the shopper", { exact: false }).waitFor();
    await page.getByText("Asked to opt in by the shop", { exact: false }).waitFor();
    await page.getByRole("radio", { name: "Not opted in" }).check({ force: true });
    await page.getByRole("row").filter({ hasText: "via keyword" }).waitFor({ state: "detached" });
    await page.screenshot({ path: join(SHOTS, "admin-subscribers-marketing.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it("shows the growth links with their QR codes, fetched with the session token", async () => {
    await page.getByRole("tab", { name: "Growth" }).click();
    const qr = page.getByRole("img", { name: /QR code of the Messenger link for: Chat bubble/ });
    await qr.waitFor();
    await waitFor(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), {
      what: "the QR image to load",
    });
    expect(await page.getByRole("textbox", { name: "Link" }).first().inputValue()).toBe(
      `${sandbox!.urls.emulator}/m.me/${sandbox!.page.username}?ref=ep.bubble`,
    );
    await page.screenshot({ path: join(SHOTS, "admin-growth.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
