import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { promisify } from "node:util";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../sandbox/start-sandbox.js";
import { CATALOG, formatPrice } from "../../sandbox/storefront/catalog.js";
import { waitForIdle } from "../helpers/outbound.js";
import { waitFor } from "../helpers/wait-for.js";
import { TEST_ADMIN_DIST_DIR } from "../helpers/admin-build.js";
import { freePortBlock } from "../helpers/free-port-block.js";

const CUSTOMER = "7000000000042";

describe("startSandbox", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "sandbox-test-"));
  let sandbox: Sandbox | undefined;
  const lines: string[] = [];
  let port = 0;

  beforeAll(async () => {
    port = await freePortBlock();
    sandbox = await startSandbox({
      port,
      dataDir,
      logLevel: "error",
      log: (line) => lines.push(line),
      adminDistDir: TEST_ADMIN_DIST_DIR,
    });
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
    expect(html).toContain('e.src="/extension-assets/messenger-bubble.js";');
    // The bubble's links point at the emulator, never at Meta.
    expect(html).not.toContain("https://m.me/");
    const js = await (await fetch(`${s.urls.storefront}/extension-assets/messenger-bubble.js`)).text();
    expect(js).toContain(`${s.urls.emulator}/m.me/`);
    expect((await fetch(`${s.urls.storefront}/extension-assets/../blocks/messenger-bubble.liquid`)).status).toBe(404);
    // Demo orders are made of what the storefront shows.
    for (const product of CATALOG) expect(html).toContain(`${product.title}<br>${formatPrice(product.price)}`);
    const guest = await (await fetch(`${s.urls.storefront}/?guest=1`)).text();
    expect(guest).toContain('data-auth="0"');
    expect(await (await fetch(`${s.urls.storefront}/?bubble=0`)).text()).not.toContain("data-mcb");
  });

  it("renders the bubble only from the metafield the app wrote to the Shopify emulator; `npm run cli -- page:connect` writes it", async () => {
    const s = sandbox!;
    const installation = s.shopify.state.shop(s.shop);
    expect(s.shopify.appMetafields(s.shop)).toEqual({
      messenger: { page_username: { value: s.page.username, type: "single_line_text_field" } },
    });
    // Without the app's metafield the storefront has no bubble: nothing else feeds the block.
    installation.metafields.clear();
    expect(await (await fetch(`${s.urls.storefront}/`)).text()).not.toContain("data-mcb");

    // The operator's command, in its own process, reaches the running app through the control socket.
    const { stdout } = await promisify(execFile)(
      "npm",
      [
        "run",
        "--silent",
        "cli",
        "--",
        "page:connect",
        "--shop",
        s.shop,
        "--page-id",
        s.page.pageId,
        "--page-token",
        s.page.token,
      ],
      { env: { ...process.env, DATA_DIR: dataDir }, timeout: 60_000 },
    );
    expect(JSON.parse(stdout)).toMatchObject({ shop: s.shop, pageId: s.page.pageId, status: "active" });
    await waitFor(() => s.shopify.appMetafields(s.shop).messenger?.page_username, { what: "the app's metafield" });
    expect(s.shopify.appMetafields(s.shop).messenger!.page_username!.value).toBe(s.page.username);
    const set = s.shopify.requests.filter((r) => JSON.stringify(r.body).includes("metafieldsSet")).at(-1)!;
    expect(set).toMatchObject({ status: 200, accessToken: expect.stringMatching(/^shpat_/) });
    expect(await (await fetch(`${s.urls.storefront}/`)).text()).toContain(`data-page="${s.page.username}"`);
    // The shop's name the shoppers see came from the Admin API.
    expect((await s.app.deps.db.shop.findUniqueOrThrow({ where: { domain: s.shop } })).name).toBe(installation.name);
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
    expect(form.headers.get("location")).toMatch(/^\/\?ordered=%23\d+&status=200&order=\d+$/);
  });

  it("ships the order from the control panel: Shopify's signed fulfillment webhooks reach the thread", async () => {
    const s = sandbox!;
    const [latest] = s.orders.list().filter((b) => (b.order.customer as { id?: string } | null)?.id === CUSTOMER);
    const orderId = String(latest!.order.id);
    const act = (action: string) =>
      fetch(`${s.urls.storefront}/__sandbox/orders/${orderId}/${action}`, {
        method: "POST",
        headers: { accept: "application/json" },
      });
    const fulfilled = await act("fulfil");
    expect(fulfilled.status).toBe(200);
    expect(await fulfilled.json()).toEqual({ deliveries: [{ topic: "fulfillments/create", status: 200 }] });
    const outbound = () =>
      (s.meta.thread(s.page.pageId, "9100000000000042")?.items ?? [])
        .filter((i) => i.direction === "out")
        .map((i) => JSON.stringify(i.request));
    await waitFor(() => outbound().some((t) => t.includes(String(latest!.order.name)) && /shipped/i.test(t)), {
      what: "the shipped update in the thread",
    });
    expect((await act("in_transit")).status).toBe(200);
    expect((await act("cancel")).status).toBe(409); // fulfilled: Shopify's admin would not cancel it either
    const panel = await (await fetch(`${s.urls.storefront}/__sandbox/orders?order=${orderId}`)).text();
    expect(panel).toContain("fulfillment_events/create → HTTP 200");
    expect(panel).toContain("Fulfilled · in transit");
    const stored = await s.app.deps.db.webhookDelivery.count({
      where: { source: "shopify", topic: { in: ["fulfillments/create", "fulfillment_events/create"] } },
    });
    expect(stored).toBe(2);
  });

  it("a guest's Thank-you page button links the order: session token, /ext/order-link, m.me, Get Started", async () => {
    const s = sandbox!;
    const guest = { cookie: "sandbox_customer=guest" };
    const placed = (await (
      await fetch(`${s.urls.storefront}/__sandbox/orders?product=wool-socks`, {
        method: "POST",
        headers: { accept: "application/json", ...guest },
      })
    ).json()) as { orderId: string; orderName: string; confirmationNumber: string; customerId: string | null };
    expect(placed.customerId).toBeNull();
    const page = await (await fetch(`${s.urls.storefront}/__sandbox/checkout/thank-you/${placed.orderId}`)).text();
    expect(page).toContain(placed.confirmationNumber);
    expect(page).toContain("Get order updates on Messenger");
    // The extension's own module, pointed at the emulator's m.me like the bubble's assets.
    const script = await (
      await fetch(`${s.urls.storefront}/__sandbox/extensions/order-updates-thank-you/order-link.js`)
    ).text();
    expect(script).toContain(`"${s.urls.emulator}/m.me/"`);

    const { token } = (await (
      await fetch(`${s.urls.storefront}/__sandbox/checkout/session-token`, { method: "POST", headers: guest })
    ).json()) as { token: string };
    const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ dest: s.shop, aud: "sandbox-shopify-api-key" });
    expect(claims.sub).toBeUndefined(); // a guest has no customer
    const link = await fetch(`${s.urls.app}/ext/order-link`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        orderId: `gid://shopify/Order/${placed.orderId}`,
        confirmationNumber: placed.confirmationNumber,
        entryPoint: "thank_you",
      }),
    });
    expect(link.status).toBe(200);
    const { url } = (await link.json()) as { url: string };
    const ref = new URL(url).searchParams.get("ref")!;
    const psid = "9100000000000077";
    await s.meta.shopper.tapGetStarted(s.page.pageId, psid, { ref });
    await waitFor(
      () =>
        (s.meta.thread(s.page.pageId, psid)?.items ?? []).some(
          (i) => i.direction === "out" && JSON.stringify(i.request).includes(placed.orderName),
        ),
      { what: "the guest's order confirmation in their new thread" },
    );
  });

  it("keeps the console quiet: the app's log goes to the data folder", async () => {
    const s = sandbox!;
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(s.logFile).toBe(join(dataDir, "sandbox.log"));
  });

  it("a restart changes nothing a person sees: threads, PSIDs, templates and orders are as they were", async () => {
    const before = sandbox!;
    await waitForIdle(before.app.deps.db); // every message the app meant to send is in the threads
    const threadsBefore = before.meta.threads().map((t) => ({ psid: t.psid, items: t.items.length }));
    const ordersBefore = before.orders.list().map((b) => [b.order.name, b.history.length]);
    const threadHtml = await (
      await fetch(`${before.urls.emulator}/__emulator/thread/${before.page.pageId}/9100000000000042`)
    ).text();
    await before.close();

    sandbox = await startSandbox({
      port,
      dataDir,
      logLevel: "error",
      log: () => {},
      adminDistDir: TEST_ADMIN_DIST_DIR,
    });
    const s = sandbox;
    expect((await fetch(s.urls.healthz)).status).toBe(200);
    expect(await s.app.deps.db.shop.count()).toBe(1);
    expect(s.meta.threads().map((t) => ({ psid: t.psid, items: t.items.length }))).toEqual(threadsBefore);
    expect(s.orders.list().map((b) => [b.order.name, b.history.length])).toEqual(ordersBefore);
    const again = await (await fetch(`${s.urls.emulator}/__emulator/thread/${s.page.pageId}/9100000000000042`)).text();
    expect(again).toBe(threadHtml);
    // No template was submitted again: the restored emulator already had them all, approved.
    expect(s.meta.state.templates.every((t) => t.status === "APPROVED")).toBe(true);

    // A new visitor of m.me gets a PSID nobody had, and the next order the next number.
    const mme = await fetch(`${s.urls.emulator}/m.me/${s.page.username}`, { redirect: "manual" });
    const psid = /emu_psid_\d+=(\w+)/.exec(mme.headers.get("set-cookie") ?? "")?.[1];
    expect(psid).toBeDefined();
    expect(threadsBefore.map((t) => t.psid)).not.toContain(psid);
    const linked = await s.app.deps.db.conversation.findMany({ select: { psid: true } });
    expect(linked.map((c) => c.psid)).not.toContain(psid);
    const next = (await (
      await fetch(`${s.urls.storefront}/__sandbox/orders`, { method: "POST", headers: { accept: "application/json" } })
    ).json()) as { orderName: string };
    const highest = Math.max(...ordersBefore.map(([name]) => Number(String(name).slice(1))));
    expect(next.orderName).toBe(`#${highest + 1}`);
  });
});
