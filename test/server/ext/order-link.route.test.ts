import { beforeEach, expect, it } from "vitest";
import { mintExtensionSessionToken } from "../../../emulators/shopify/session-token.js";
import { runCommand } from "../../../web/server/cli/commands.js";
import { manualClock } from "../../../web/server/lib/clock.js";
import { orderVerifier } from "../../../web/server/linking/order-verifier.js";
import { verifyRef } from "../../../web/server/linking/signed-ref.js";
import { describeEachApp, TEST_ENV, TEST_SHOP } from "../../helpers/test-app.js";

const PAGE = { pageId: "1000000000001", username: "testshop" };
const ORDER_ID = "5501234567890";
const CONFIRMATION = "XPAV2ZK6P";
const CUSTOMER = "7001";

const clock = manualClock("2026-11-20T12:00:00Z");
const START = Date.parse("2026-11-20T12:00:00Z");

describeEachApp(
  "POST /ext/order-link",
  (app) => {
    let shopId: string;
    let minute = 0;

    beforeEach(async () => {
      // Each test in minutes of its own: the endpoint's rate limiter counts per minute and lives with the app.
      clock.set(new Date(START + ++minute * 120_000));
      const installed = await runCommand(app().deps, "shop:install", {
        shop: TEST_SHOP,
        "access-token": "shpat_ext_test",
      });
      shopId = String(installed.shopId);
      await connectPage();
    });

    // A connected Page row as page:connect leaves it; the ciphertext is never read on this path.
    async function connectPage(status = "active") {
      await app().deps.db.pageConnection.create({
        data: { shopId, pageId: PAGE.pageId, pageUsername: PAGE.username, tokenCiphertext: "unused", status },
      });
    }
    async function recordOrder(customerId: string | null, confirmationNumber: string | undefined = CONFIRMATION) {
      await app().deps.db.orderRecord.create({
        data: {
          shopId,
          orderId: ORDER_ID,
          customerId,
          facts: { orderId: ORDER_ID, name: "#1001", confirmationNumber },
        },
      });
    }
    function token(overrides: { customerGid?: string; apiKey?: string; secret?: string; shop?: string } = {}) {
      return mintExtensionSessionToken({
        apiKey: overrides.apiKey ?? TEST_ENV.SHOPIFY_API_KEY,
        secret: overrides.secret ?? TEST_ENV.SHOPIFY_API_SECRET,
        shop: overrides.shop ?? TEST_SHOP,
        now: clock.now(),
        ...(overrides.customerGid ? { customerGid: overrides.customerGid } : {}),
      });
    }
    async function post(body: unknown, bearer?: string, raw?: string) {
      const response = await fetch(`${app().url}/ext/order-link`, {
        method: "POST",
        headers: {
          origin: "https://extensions.shopifycdn.com",
          "content-type": "application/json",
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
        body: raw ?? JSON.stringify(body),
      });
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      return { status: response.status, json: (await response.json()) as Record<string, string> };
    }
    function refOf(url: string) {
      const parsed = new URL(url);
      expect(parsed.origin + parsed.pathname).toBe(`https://m.me/${PAGE.username}`);
      const result = verifyRef(parsed.searchParams.get("ref"), {
        keyring: app().deps.config.refKeys,
        now: clock.now(),
        expectedShop: TEST_SHOP,
        expectedPageId: PAGE.pageId,
      });
      if (!result.ok) throw new Error(`ref refused: ${result.reason}`);
      return result;
    }
    const thankYou = {
      orderId: `gid://shopify/Order/${ORDER_ID}`,
      confirmationNumber: CONFIRMATION,
      entryPoint: "thank_you",
    };

    it("logged-in buyer on Order status: a 10-minute order ref for the connected Page", async () => {
      await recordOrder(CUSTOMER);
      const customerGid = `gid://shopify/Customer/${CUSTOMER}`;
      const { status, json } = await post({ orderId: ORDER_ID, entryPoint: "order_status" }, token({ customerGid }));
      expect(status).toBe(200);
      const ref = refOf(json.url!);
      expect(ref.claims).toEqual({
        shop: TEST_SHOP,
        kind: "order",
        orderId: ORDER_ID,
        entryPoint: "order_status",
        pageId: PAGE.pageId,
      });
      expect(ref.expiresAt.getTime() - clock.now().getTime()).toBe(10 * 60_000);
    });

    it("guest on the Thank-you page, order already known: the ref carries the verifier", async () => {
      await recordOrder(null);
      const { status, json } = await post(thankYou, token());
      expect(status).toBe(200);
      expect(refOf(json.url!).claims).toMatchObject({
        orderId: ORDER_ID,
        entryPoint: "thank_you",
        verifier: orderVerifier(CONFIRMATION),
      });
    });

    it("race: no OrderRecord yet, the ref is issued with the verifier to check later", async () => {
      const { status, json } = await post(thankYou, token());
      expect(status).toBe(200);
      expect(refOf(json.url!).claims.verifier).toBe(orderVerifier(CONFIRMATION));
      expect(await app().deps.db.orderRecord.count()).toBe(0);
    });

    it("a wrong confirmation number for a known order gets the same answer as an unknown order", async () => {
      await recordOrder(null);
      const wrong = await post({ ...thankYou, confirmationNumber: "WRONG1234" }, token());
      const unknown = await post({ ...thankYou, orderId: "gid://shopify/Order/5509999999999" }, token());
      expect(wrong.status).toBe(200);
      expect(unknown.status).toBe(wrong.status);
      expect(Object.keys(unknown.json)).toEqual(Object.keys(wrong.json));
      // Both links carry the number they were asked with; it is checked when the link is used.
      expect(refOf(wrong.json.url!).claims.verifier).toBe(orderVerifier("WRONG1234"));
      expect(refOf(unknown.json.url!).claims.verifier).toBe(orderVerifier(CONFIRMATION));
    });

    it("without a confirmation number, someone else's order and an unknown order get the same refusal", async () => {
      await recordOrder("9999");
      const bearer = token({ customerGid: `gid://shopify/Customer/${CUSTOMER}` });
      const theirs = await post({ orderId: ORDER_ID, entryPoint: "order_status" }, bearer);
      const unknown = await post({ orderId: "5509999999999", entryPoint: "order_status" }, bearer);
      expect(theirs).toEqual({ status: 403, json: { error: "order_unverifiable", message: expect.any(String) } });
      expect(unknown).toEqual(theirs);
    });

    it("rate-limits a client to 10 links a minute, without slowing other buyers of the shop", async () => {
      const guest = token();
      for (let i = 0; i < 10; i++) expect((await post(thankYou, guest)).status).toBe(200);
      const limited = await post(thankYou, guest);
      expect(limited).toEqual({ status: 429, json: { error: "too_many_requests", message: expect.any(String) } });
      // Another token from the same guest address is the same client.
      expect((await post(thankYou, token())).status).toBe(429);
      const customer = token({ customerGid: `gid://shopify/Customer/${CUSTOMER}` });
      expect((await post(thankYou, customer)).status).toBe(200);
      clock.advance({ minutes: 1 });
      expect((await post(thankYou, token())).status).toBe(200);
    });

    it("a client refused by its own limit does not use up the shop's allowance", async () => {
      const guest = token();
      // As many requests as the shop may serve in a minute (600), all from one address.
      for (let i = 0; i < 60; i++) {
        const statuses = await Promise.all(Array.from({ length: 10 }, () => post(thankYou, guest)));
        expect(statuses.every((s) => s.status === 200 || s.status === 429)).toBe(true);
      }
      const customer = token({ customerGid: `gid://shopify/Customer/${CUSTOMER}` });
      expect((await post(thankYou, customer)).status).toBe(200);
    });

    it("limits the shop to 600 links a minute across all its clients", async () => {
      const buyers = Array.from({ length: 601 }, (_, i) =>
        token({ customerGid: `gid://shopify/Customer/${8000 + i}` }),
      );
      const statuses: number[] = [];
      for (let i = 0; i < buyers.length; i += 20) {
        const batch = buyers.slice(i, i + 20).map((bearer) => post(thankYou, bearer));
        statuses.push(...(await Promise.all(batch)).map((r) => r.status));
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(600);
      expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    });

    it("without any proof of ownership (guest, no confirmation number) gets 403", async () => {
      await recordOrder(null);
      const { status, json } = await post({ orderId: ORDER_ID, entryPoint: "order_status" }, token());
      expect(status).toBe(403);
      expect(json.error).toBe("order_unverifiable");
    });

    it.each([
      ["missing", undefined],
      ["forged", "forged"],
      ["expired", "expired"],
      ["wrong audience", "audience"],
    ])("%s token -> 401", async (_name, variant) => {
      const bearer =
        variant === "forged"
          ? token({ secret: "not-the-app-secret" })
          : variant === "audience"
            ? token({ apiKey: "another-app" })
            : variant === "expired"
              ? token()
              : undefined;
      if (variant === "expired") clock.advance({ minutes: 6 });
      const { status, json } = await post(thankYou, bearer);
      expect(status).toBe(401);
      expect(json).toEqual({ error: "unauthorized" });
    });

    it("no active Page -> 409 with a message the extension can show", async () => {
      await app().deps.db.pageConnection.updateMany({ data: { status: "paused" } });
      const { status, json } = await post(thankYou, token());
      expect(status).toBe(409);
      expect(json.error).toBe("page_not_connected");
      expect(json.message).toMatch(/Messenger/);
      // An unknown shop (valid token for a shop that never installed) gets the same answer.
      expect((await post(thankYou, token({ shop: "stranger.myshopify.com" }))).status).toBe(409);
    });

    it.each([
      ["Thank-you without confirmation number", { orderId: ORDER_ID, entryPoint: "thank_you" }],
      ["an unknown entry point", { ...thankYou, entryPoint: "bubble" }],
      ["a non-order GID", { ...thankYou, orderId: "gid://shopify/Customer/1" }],
      ["a shop in the body", { ...thankYou, shop: "victim.myshopify.com" }],
    ])("400 for %s", async (_name, body) => {
      expect((await post(body, token())).status).toBe(400);
    });

    it("malformed JSON is a 400 that still carries CORS headers", async () => {
      const { status, json } = await post(undefined, token(), "{not json");
      expect(status).toBe(400);
      expect(json.error).toBe("bad_request");
    });

    it("answers the CORS preflight without auth", async () => {
      const response = await fetch(`${app().url}/ext/order-link`, {
        method: "OPTIONS",
        headers: {
          origin: "https://extensions.shopifycdn.com",
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization,content-type",
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("access-control-allow-headers")).toMatch(/Authorization/i);
      expect(response.headers.get("access-control-allow-headers")).toMatch(/Content-Type/i);
      expect(response.headers.get("access-control-allow-methods")).toMatch(/POST/);
      expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    });

    it("never logs the token or the confirmation number", async () => {
      const bearer = token();
      await post(thankYou, bearer);
      const logs = app().logs();
      expect(logs).toContain("order link issued");
      expect(logs).not.toContain(bearer);
      expect(logs).not.toContain(CONFIRMATION);
    });
  },
  { clock, workers: false },
);
