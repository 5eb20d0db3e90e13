import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../sandbox/start-sandbox.js";
import { waitFor } from "../helpers/wait-for.js";

const CUSTOMER = "7000000000042";

describe("startSandbox", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "sandbox-test-"));
  let sandbox: Sandbox | undefined;
  const lines: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, dataDir, logLevel: "error", log: (line) => lines.push(line) });
  });
  afterAll(async () => {
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("serves the app's /healthz and a storefront page with the real bubble block", async () => {
    const s = sandbox!;
    expect((await fetch(s.urls.healthz)).status).toBe(200);
    expect(lines.join("\n")).toMatch(/utility templates approved/);
    const page = await fetch(`${s.urls.storefront}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("data-mcb");
    expect(html).toContain('data-auth="1"');
    expect(html).toContain(`data-page="${s.page.username}"`);
    expect(html).toContain('<script src="/extension-assets/messenger-bubble.js" defer></script>');
    // The bubble's links point at the emulator, never at Meta.
    expect(html).not.toContain("https://m.me/");
    const js = await (await fetch(`${s.urls.storefront}/extension-assets/messenger-bubble.js`)).text();
    expect(js).toContain(`${s.urls.emulator}/m.me/`);
    expect((await fetch(`${s.urls.storefront}/extension-assets/../blocks/messenger-bubble.liquid`)).status).toBe(404);
    const guest = await (await fetch(`${s.urls.storefront}/?guest=1`)).text();
    expect(guest).toContain('data-auth="0"');
    expect(await (await fetch(`${s.urls.storefront}/?bubble=0`)).text()).not.toContain("data-mcb");
  });

  it("signs the app proxy like Shopify: a logged-in customer gets a one-time m.me link to the emulator", async () => {
    const s = sandbox!;
    const login = await fetch(`${s.urls.storefront}/?customer=${CUSTOMER}&name=Jurgita`);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    expect(cookie).toMatch(/^sandbox_customer=/);
    const res = await fetch(`${s.urls.storefront}/apps/messenger/link?ep=bubble`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const { url } = (await res.json()) as { url: string };
    expect(url.startsWith(`${s.urls.emulator}/m.me/${s.page.username}?ref=v1.`)).toBe(true);
    const mme = await fetch(url);
    expect(await mme.text()).toContain("Get Started");

    // A forged signature is refused by the app: the stand-in signs, the app verifies.
    const forged = await fetch(
      `${s.urls.app}/proxy/link?shop=${s.shop}&logged_in_customer_id=${CUSTOMER}&timestamp=1&signature=${"0".repeat(64)}`,
    );
    expect(forged.status).toBe(401);
    const asGuest = await fetch(`${s.urls.storefront}/apps/messenger/link?ep=bubble`, {
      headers: { cookie: "sandbox_customer=guest" },
    });
    expect(((await asGuest.json()) as { url: string }).url).toBe(
      `${s.urls.emulator}/m.me/${s.page.username}?ref=ep.bubble`,
    );

    // Get Started with that ref binds the thread and confirms with the masked identity.
    const ref = new URL(url).searchParams.get("ref")!;
    const psid = "9100000000000042";
    await s.meta.shopper.tapGetStarted(s.page.pageId, psid, { ref });
    const texts = () => (s.meta.thread(s.page.pageId, psid)?.items ?? []).map((i) => JSON.stringify(i));
    await waitFor(() => texts().some((t) => /Connected (as|to your store account)/.test(t)), {
      what: "link confirmation",
    });
  });

  it("places an order for the logged-in customer: the signed orders/create reaches the app and the receipt the thread", async () => {
    const s = sandbox!;
    const res = await fetch(`${s.urls.storefront}/__sandbox/orders`, {
      method: "POST",
      headers: { accept: "application/json", cookie: `sandbox_customer=${CUSTOMER}%3AJurgita` },
    });
    expect(res.status).toBe(200);
    const placed = (await res.json()) as { status: number; orderId: string; orderName: string; customerId: string };
    expect(placed).toMatchObject({ status: 200, customerId: CUSTOMER });
    const delivery = await s.app.deps.db.webhookDelivery.findFirst({
      where: { source: "shopify", topic: "orders/create" },
      orderBy: { receivedAt: "desc" },
    });
    expect(delivery?.body).toContain(placed.orderId);
    await waitFor(
      () =>
        (s.meta.thread(s.page.pageId, "9100000000000042")?.items ?? []).some(
          (i) => i.direction === "out" && JSON.stringify(i.request).includes(placed.orderName),
        ),
      { what: "the receipt in the linked thread" },
    );
    const form = await fetch(`${s.urls.storefront}/__sandbox/orders`, { method: "POST", redirect: "manual" });
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toMatch(/^\/\?ordered=%23\d+&status=200$/);
  });

  it("stops cleanly and a second run reuses the same data folder", async () => {
    await sandbox!.close();
    sandbox = await startSandbox({ port: 0, dataDir, logLevel: "error", log: () => {} });
    expect((await fetch(sandbox.urls.healthz)).status).toBe(200);
    expect(await sandbox.app.deps.db.shop.count()).toBe(1);
    expect(
      await sandbox.app.deps.db.webhookDelivery.count({ where: { topic: "orders/create" } }),
    ).toBeGreaterThanOrEqual(2);
  });
});
