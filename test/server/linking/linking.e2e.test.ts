import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderVerifier } from "../../../web/server/linking/order-verifier.js";
import { createRef, verifyRef, type RefClaims, type RefFailureReason } from "../../../web/server/linking/signed-ref.js";
import { signAppProxyQuery } from "../../../web/server/storefront/verify-proxy-signature.js";
import { makeOrder } from "../../../emulators/shopify/order-factories.js";
import { nextId } from "../../../emulators/shopify/factory-helpers.js";
import { DB_KINDS } from "../../helpers/db.js";
import { startMetaHarness, TEST_PAGE, type MetaHarness } from "../../helpers/meta-harness.js";
import { waitForIdle } from "../../helpers/outbound.js";
import { TEST_ENV, TEST_SHOP } from "../../helpers/test-app.js";
import { deliver, settle } from "../orders/order-harness.js";

const CUSTOMER = "7390123456789012";

for (const kind of DB_KINDS) {
  describe(`authenticated m.me links [${kind}]`, () => {
    let h: MetaHarness;
    let psidCounter = 0;
    const newPsid = () => `72000000000${String(++psidCounter).padStart(5, "0")}`;
    beforeAll(async () => {
      h = await startMetaHarness(kind);
    });
    afterAll(async () => {
      await h?.close();
    });
    const db = () => h.app.database.prisma;
    const proxy = (params: Record<string, string>, secret: string = TEST_ENV.SHOPIFY_API_SECRET) =>
      fetch(
        `${h.app.url}/proxy/link?${signAppProxyQuery({ shop: TEST_SHOP, path_prefix: "/apps/messenger", timestamp: String(Math.floor(h.clock.now().getTime() / 1000)), ...params }, secret)}`,
        { redirect: "manual" },
      );
    const refFrom = (url: string) => new URL(url).searchParams.get("ref")!;
    const links = (psid: string) => db().shopperLink.findMany({ where: { psid, unlinkedAt: null } });
    const lastText = (psid: string) => {
      const out = h.meta
        .thread(TEST_PAGE.pageId, psid)
        ?.items.filter((i) => i.direction === "out")
        .at(-1);
      return out?.direction === "out" ? String((out.request.message as { text?: string }).text ?? "") : undefined;
    };
    async function customerLink(customerId = CUSTOMER): Promise<string> {
      const response = await proxy({ logged_in_customer_id: customerId, ep: "bubble" });
      expect(response.status).toBe(200);
      return refFrom(((await response.json()) as { url: string }).url);
    }

    it("binds a logged-in shopper on a new thread through Get Started, confirms with a masked identity, and unlinks on 'Not me'", async () => {
      const psid = newPsid();
      const ref = await customerLink();
      await h.meta.shopper.openMmeLink(TEST_PAGE.pageId, psid, ref);
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, psid);
      await waitForIdle(db());
      expect(await links(psid)).toMatchObject([{ subjectKind: "customer", subjectId: CUSTOMER, entryPoint: "bubble" }]);
      expect(lastText(psid)).toMatch(/^Connected to your store account\./);
      await h.meta.shopper.tapQuickReply(TEST_PAGE.pageId, psid, "Not me");
      await waitForIdle(db());
      expect(await links(psid)).toHaveLength(0);
      expect(lastText(psid)).toMatch(/no longer linked/);
    });

    it("binds an existing thread through messaging_referrals, and a typed 'unlink' undoes it", async () => {
      const psid = newPsid();
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, psid);
      await waitForIdle(db());
      await h.meta.shopper.openMmeLink(TEST_PAGE.pageId, psid, await customerLink());
      await waitForIdle(db());
      expect(await links(psid)).toHaveLength(1);
      await h.meta.shopper.sendText(TEST_PAGE.pageId, psid, "Unlink");
      await waitForIdle(db());
      expect(await links(psid)).toHaveLength(0);
    });

    it("gives a guest a link whose ref only names the entry point, which binds nothing", async () => {
      const response = await proxy({ logged_in_customer_id: "", ep: "bubble", redirect: "1" });
      expect(response.status).toBe(302);
      const location = response.headers.get("location")!;
      expect(refFrom(location)).toBe("ep.bubble");
      const psid = newPsid();
      await h.meta.shopper.openMmeLink(TEST_PAGE.pageId, psid, refFrom(location));
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, psid);
      await waitForIdle(db());
      expect(await links(psid)).toHaveLength(0);
      expect(lastText(psid)).toMatch(/^Hi!/);
    });

    it("refuses proxy requests with a bad or stale signature", async () => {
      expect((await proxy({ logged_in_customer_id: CUSTOMER }, "not-the-secret")).status).toBe(401);
      const stale = String(Math.floor(h.clock.now().getTime() / 1000) - 600);
      expect((await proxy({ logged_in_customer_id: CUSTOMER, timestamp: stale })).status).toBe(401);
      const good = signAppProxyQuery(
        {
          shop: TEST_SHOP,
          logged_in_customer_id: CUSTOMER,
          timestamp: String(Math.floor(h.clock.now().getTime() / 1000)),
        },
        TEST_ENV.SHOPIFY_API_SECRET,
      );
      const tampered = good.replace(`logged_in_customer_id=${CUSTOMER}`, "logged_in_customer_id=1");
      expect((await fetch(`${h.app.url}/proxy/link?${tampered}`)).status).toBe(401);
    });

    const forge = (claims: Partial<RefClaims>, options: { otherKey?: boolean; ttl?: number; at?: Date } = {}) => {
      const { refKeys } = h.app.deps.config;
      return createRef({
        // Same key id as the app's current key, another secret: only the HMAC can tell.
        keyring: options.otherKey
          ? { currentKid: refKeys.currentKid, keys: { [refKeys.currentKid]: Buffer.alloc(32, 9) } }
          : refKeys,
        now: options.at ?? h.clock.now(),
        ttlSeconds: options.ttl ?? 600,
        claims: {
          shop: TEST_SHOP,
          kind: "customer",
          customerId: CUSTOMER,
          entryPoint: "bubble",
          pageId: TEST_PAGE.pageId,
          ...claims,
        },
      });
    };
    /** A genuine ref with one bit of the customer id flipped: still well-formed, same key id, same length. */
    const tamper = (ref: string) => {
      const [version, kid, payload, sig] = ref.split(".") as [string, string, string, string];
      const bytes = Buffer.from(payload, "base64url");
      bytes[5 + 12 + 7]! ^= 1; // flags + expiry (5), nonce (12), then the uint64 id: its lowest byte
      return [version, kid, bytes.toString("base64url"), sig].join(".");
    };

    it.each<[string, () => string, RefFailureReason]>([
      ["forged (same key id, signed with another secret)", () => forge({}, { otherKey: true }), "forged"],
      ["tampered (one bit of the customer id flipped)", () => tamper(forge({})), "forged"],
      ["expired", () => forge({}, { at: new Date(h.clock.now().getTime() - 11 * 60_000) }), "expired"],
      ["for another shop", () => forge({ shop: "other-shop.myshopify.com" }), "wrong_shop"],
      ["for another Page", () => forge({ pageId: "1000000000999" }), "wrong_page"],
    ])("binds nothing for a ref that is %s, and greets neutrally", async (_name, makeRef, reason) => {
      const ref = makeRef();
      if (reason === "forged") {
        // Refused by the HMAC itself: same key id and same length as a genuine ref, so neither an unknown
        // key nor a length check can be what refuses it.
        const genuine = forge({});
        expect(ref.split(".")[1]).toBe(genuine.split(".")[1]);
        expect(ref).toHaveLength(genuine.length);
      }
      expect(
        verifyRef(ref, {
          keyring: h.app.deps.config.refKeys,
          now: h.clock.now(),
          expectedShop: TEST_SHOP,
          expectedPageId: TEST_PAGE.pageId,
        }),
      ).toEqual({ ok: false, reason });
      const psid = newPsid();
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, psid, { ref });
      await waitForIdle(db());
      expect(await links(psid)).toHaveLength(0);
      expect(lastText(psid)).toMatch(/^Hi!/);
    });

    it("binds an order ref only when its confirmation number matches the known order", async () => {
      const order = makeOrder({ id: nextId(), customer: null, shop: TEST_SHOP });
      expect(await deliver(h, "orders/create", order)).toBe(200);
      await settle(h);
      const orderRef = (confirmationNumber: string) =>
        forge({
          kind: "order",
          customerId: undefined,
          orderId: order.id,
          entryPoint: "thank_you",
          verifier: orderVerifier(confirmationNumber),
        });
      const wrong = newPsid();
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, wrong, { ref: orderRef("WRONG1234") });
      await waitForIdle(db());
      expect(await links(wrong)).toHaveLength(0);
      expect(lastText(wrong)).toMatch(/^Hi!/);
      const right = newPsid();
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, right, { ref: orderRef(order.confirmation_number) });
      await waitForIdle(db());
      expect(await links(right)).toMatchObject([{ subjectKind: "order", subjectId: order.id }]);
    });

    it("binds nothing when a forwarded link is opened by a second person after the first", async () => {
      const ref = await customerLink("7390000000000777");
      const first = newPsid();
      const second = newPsid();
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, first, { ref });
      await waitForIdle(db());
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, second, { ref });
      await waitForIdle(db());
      expect(await links(first)).toHaveLength(1);
      expect(await links(second)).toHaveLength(0);
      expect(await db().shopperLink.count({ where: { subjectId: "7390000000000777" } })).toBe(1);
    });
  });
}
