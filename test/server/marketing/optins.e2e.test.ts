import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrder } from "../../../emulators/shopify/order-factories.js";
import { mintSessionToken } from "../../../emulators/shopify/session-token.js";
import { DB_KINDS } from "../../helpers/db.js";
import { startMetaHarness, TEST_PAGE, type MetaHarness } from "../../helpers/meta-harness.js";
import { TEST_ENV, TEST_SHOP } from "../../helpers/test-app.js";
import { deliver, link, settle } from "../orders/order-harness.js";

interface SubscriberDto {
  id: string;
  psid: string;
  customerId: string | null;
  marketing: "subscribed" | "stopped" | "none";
  marketingPath: { path: string; code: string };
}

for (const kind of DB_KINDS) {
  describe(`marketing opt-ins through signed webhooks and the admin API [${kind}]`, () => {
    let h: MetaHarness;
    let n = 0;
    const newPsid = () => `73000000000${String(++n).padStart(5, "0")}`;
    const db = () => h.app.database.prisma;
    const headers = () => ({
      authorization: `Bearer ${mintSessionToken({ apiKey: TEST_ENV.SHOPIFY_API_KEY, secret: TEST_ENV.SHOPIFY_API_SECRET, shop: TEST_SHOP, now: new Date() })}`,
      "content-type": "application/json",
    });
    const api = async (path: string, init: { method?: string; body?: unknown } = {}) => {
      const response = await fetch(`${h.app.url}/api${path}`, {
        method: init.method ?? "GET",
        headers: headers(),
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      return { status: response.status, text: await response.text() };
    };
    const subscriber = async (psid: string) => {
      const { text } = await api("/subscribers?limit=500");
      return {
        dto: (JSON.parse(text) as { subscribers: SubscriberDto[] }).subscribers.find((s) => s.psid === psid),
        text,
      };
    };
    const optinRequestsShown = (psid: string) =>
      (h.meta.thread(TEST_PAGE.pageId, psid)?.items ?? []).flatMap((i) => {
        if (i.direction !== "out") return [];
        const payload = (i.request.message as { attachment?: { payload?: { template_type?: string } } }).attachment;
        return payload?.payload?.template_type === "notification_messages" ? [i] : [];
      });
    const lastText = (psid: string) => {
      const out = h.meta
        .thread(TEST_PAGE.pageId, psid)
        ?.items.filter((i) => i.direction === "out")
        .at(-1);
      return out?.direction === "out" ? String((out.request.message as { text?: string }).text ?? "") : undefined;
    };
    const optinMessages = (psid: string) =>
      db().outboundMessage.findMany({ where: { psid, category: "optin_request" }, orderBy: { id: "asc" } });
    const saveSettings = async (settings: unknown) => {
      const saved = await api("/marketing/settings", { method: "PUT", body: settings });
      expect(saved.status).toBe(200);
    };

    beforeAll(async () => {
      h = await startMetaHarness(kind);
    });
    afterAll(async () => {
      await h?.close();
    });

    it("opt-in -> subscribed, STOP -> stopped, RESUME -> subscribed, typed STOP -> stopped and Meta's unsubscribe API; no token ever leaves", async () => {
      const psid = newPsid();
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, psid);
      await h.meta.shopper.sendText(TEST_PAGE.pageId, psid, "offers");
      await settle(h);
      const shown = optinRequestsShown(psid);
      expect(shown).toHaveLength(1);
      expect((shown[0]!.request.message as { attachment: { payload: unknown } }).attachment.payload).toEqual({
        template_type: "notification_messages",
        title: "Get offers and news from us on Messenger",
        payload: "OPTIN:keyword",
        notification_messages_cta_text: "GET_UPDATES",
      });
      expect((await subscriber(psid)).dto?.marketing).toBe("none");

      const { token } = await h.meta.shopper.optIn(TEST_PAGE.pageId, psid);
      await settle(h);
      const afterOptin = await subscriber(psid);
      expect(afterOptin.dto).toMatchObject({ marketing: "subscribed", customerId: null });
      expect(afterOptin.text).not.toContain(token);
      const row = await db().marketingSubscription.findUniqueOrThrow({
        where: { pageId_psid: { pageId: TEST_PAGE.pageId, psid } },
      });
      expect(row.tokenCiphertext).not.toContain(token);
      // Nor in the inbox row the opt-in arrived in.
      expect(await db().webhookDelivery.count({ where: { body: { contains: token } } })).toBe(0);
      expect(await db().webhookDelivery.count({ where: { topic: "optin" } })).toBeGreaterThan(0);
      expect(h.app.deps.cipher.decrypt(row.tokenCiphertext!)).toBe(token);
      expect(row).toMatchObject({ source: "keyword", timezone: "UTC", userTokenStatus: "NOT_REFRESHED" });
      const detail = await api(`/subscribers/${afterOptin.dto!.id}`);
      expect(detail.status).toBe(200);
      expect(detail.text).not.toContain(token);

      await h.meta.shopper.setMarketing(TEST_PAGE.pageId, psid, "STOP");
      await settle(h);
      expect((await subscriber(psid)).dto?.marketing).toBe("stopped");
      h.clock.advance({ seconds: 1 });
      await h.meta.shopper.setMarketing(TEST_PAGE.pageId, psid, "RESUME");
      await settle(h);
      expect((await subscriber(psid)).dto?.marketing).toBe("subscribed");

      h.clock.advance({ seconds: 1 });
      await h.meta.shopper.sendText(TEST_PAGE.pageId, psid, "STOP");
      await settle(h);
      expect((await subscriber(psid)).dto?.marketing).toBe("stopped");
      const unsubscribe = h.meta.requests.filter((r) =>
        r.path.endsWith(`/${TEST_PAGE.pageId}/messaging_customer_base/unsubscribe`),
      );
      expect(unsubscribe.map((r) => r.body)).toEqual([{ data: [{ psid }] }]);
      expect(h.meta.state.unsubscribed.has(`${TEST_PAGE.pageId}/${psid}`)).toBe(true);
      expect(lastText(psid)).toMatch(/^You're unsubscribed/);
      const stopped = await db().marketingSubscription.findUniqueOrThrow({
        where: { pageId_psid: { pageId: TEST_PAGE.pageId, psid } },
      });
      expect(stopped.tokenCiphertext).toBeNull();

      const history = JSON.parse((await api(`/subscribers/${afterOptin.dto!.id}`)).text) as {
        consentHistory: { event: string; actor: string; title: string | null; text: string | null }[];
      };
      expect(history.consentHistory.map((e) => `${e.event}:${e.actor}`)).toEqual([
        "requested:merchant",
        "opted_in:shopper",
        "stopped:shopper",
        "resumed:shopper",
        "stopped:shopper",
        "unsubscribed:meta",
      ]);
      expect(history.consentHistory[0]).toMatchObject({
        title: "Get offers and news from us on Messenger",
        text: "Get updates",
      });
      // Append-only is the database's rule too: an UPDATE is refused and changes nothing.
      await expect(
        db().$executeRawUnsafe(`UPDATE consent_event SET actor = 'merchant' WHERE psid = '${psid}'`),
      ).rejects.toThrow();
      expect(await db().consentEvent.count({ where: { psid, actor: "merchant" } })).toBe(1);
    });

    it("filters subscribers by marketing status", async () => {
      const subscribed = newPsid();
      const never = newPsid();
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, subscribed);
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, never);
      await h.meta.shopper.sendText(TEST_PAGE.pageId, subscribed, "Angebote");
      await settle(h);
      await h.meta.shopper.optIn(TEST_PAGE.pageId, subscribed);
      await settle(h);
      const list = async (status: string) =>
        (
          JSON.parse((await api(`/subscribers?marketing=${status}&limit=500`)).text) as { subscribers: SubscriberDto[] }
        ).subscribers.map((s) => s.psid);
      expect(await list("subscribed")).toContain(subscribed);
      expect(await list("subscribed")).not.toContain(never);
      expect(await list("none")).toContain(never);
      expect(await list("none")).not.toContain(subscribed);
      expect((await api("/subscribers?marketing=maybe")).status).toBe(400);
    });

    it("never sends the opt-in request outside the 24 h window (after an order confirmation)", async () => {
      await saveSettings({ ask: { after_order: true } });
      const late = newPsid();
      const early = newPsid();
      for (const [psid, customer] of [
        [late, "7500000000001"],
        [early, "7500000000002"],
      ] as const) {
        await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, psid);
        await link(h, psid, { kind: "customer", id: customer });
      }
      await settle(h);
      h.clock.advance({ hours: 25 });
      await h.meta.shopper.sendText(TEST_PAGE.pageId, early, "hello");
      await deliver(h, "orders/create", makeOrder({ customer: { id: "7500000000001" } }));
      await deliver(h, "orders/create", makeOrder({ customer: { id: "7500000000002" } }));
      await settle(h);
      expect(await optinMessages(late)).toMatchObject([
        { purpose: "optin.request.after_order", status: "skipped", reasonCode: "window_closed" },
      ]);
      expect(optinRequestsShown(late)).toHaveLength(0);
      expect(await optinMessages(early)).toMatchObject([{ purpose: "optin.request.after_order", status: "sent" }]);
      expect(optinRequestsShown(early)).toHaveLength(1);
      await saveSettings({});
    });

    it("never asks twice within the cool-down, nor the same title twice in a week", async () => {
      const psid = newPsid();
      const ask = async (advance: { hours?: number; days?: number }) => {
        h.clock.advance(advance);
        await h.meta.shopper.sendText(TEST_PAGE.pageId, psid, "offers");
        await settle(h);
        const last = (await optinMessages(psid)).at(-1)!;
        return last.reasonCode ?? last.status;
      };
      await saveSettings({ cooldownDays: 2 });
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, psid);
      expect(await ask({})).toBe("sent");
      // Same title within the week: Meta's rule; another title: still the shop's cool-down for an ignored request.
      expect(await ask({ hours: 1 })).toBe("optin_title_weekly");
      await saveSettings({ cooldownDays: 2, wording: { en: { title: "Deals on Messenger" } } });
      expect(await ask({ hours: 1 })).toBe("optin_cooldown");
      expect(await ask({ days: 2 })).toBe("sent");
      // Back to the first title 4.5 days after it was shown: the cool-down has passed, the week has not.
      await saveSettings({ cooldownDays: 2 });
      expect(await ask({ days: 2, hours: 12 })).toBe("optin_title_weekly");
      expect(await ask({ days: 3 })).toBe("sent");
      expect(optinRequestsShown(psid)).toHaveLength(3);

      const stopper = newPsid();
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, stopper);
      await h.meta.shopper.sendText(TEST_PAGE.pageId, stopper, "stop");
      await settle(h);
      await h.meta.shopper.sendText(TEST_PAGE.pageId, stopper, "offers");
      await settle(h);
      expect(await optinMessages(stopper)).toMatchObject([{ status: "skipped", reasonCode: "optin_cooldown" }]);
      await saveSettings({});
    });

    it("asks from a 'Get offers' link after the greeting, and after linking only when the merchant switched it on", async () => {
      const psid = newPsid();
      await h.meta.shopper.openMmeLink(TEST_PAGE.pageId, psid, "ep.offers");
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, psid);
      await settle(h);
      const out = h.meta.thread(TEST_PAGE.pageId, psid)!.items.filter((i) => i.direction === "out");
      expect(out).toHaveLength(2);
      expect(String((out[0]!.request.message as { text?: string }).text)).toMatch(/^Hi!/);
      expect(optinRequestsShown(psid)).toHaveLength(1);
      expect(await optinMessages(psid)).toMatchObject([{ purpose: "optin.request.entry_offers", status: "sent" }]);
    });

    it("tags a linked customer on opt-in and fires the Messenger opt-in / opt-out Flow triggers with the customer id", async () => {
      const psid = newPsid();
      const customerId = "7500000000055";
      const gid = `gid://shopify/Customer/${customerId}`;
      const shop = h.shopify.state.shop(TEST_SHOP);
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, psid);
      await link(h, psid, { kind: "customer", id: customerId });
      await h.meta.shopper.sendText(TEST_PAGE.pageId, psid, "offers");
      await settle(h);
      await h.meta.shopper.optIn(TEST_PAGE.pageId, psid);
      await settle(h);
      expect([...(shop.customerTags.get(gid) ?? [])]).toEqual(["messenger-marketing"]);
      expect(shop.flowTriggers.at(-1)).toEqual({
        handle: "messenger-opt-in",
        payload: { customer_id: Number(customerId), Source: "keyword" },
      });
      h.clock.advance({ seconds: 1 });
      await h.meta.shopper.setMarketing(TEST_PAGE.pageId, psid, "STOP");
      await settle(h);
      expect([...(shop.customerTags.get(gid) ?? [])]).toEqual([]);
      expect(shop.flowTriggers.at(-1)).toEqual({
        handle: "messenger-opt-out",
        payload: { customer_id: Number(customerId), Reason: "STOP NOTIFICATIONS" },
      });
    });

    it("puts the consent ledger in the data-request export, and leaves only an anonymous redaction row after customers/redact", async () => {
      const psid = newPsid();
      const customerId = "7500000000077";
      await h.meta.shopper.tapGetStarted(TEST_PAGE.pageId, psid);
      await link(h, psid, { kind: "customer", id: customerId });
      await h.meta.shopper.sendText(TEST_PAGE.pageId, psid, "offers");
      await settle(h);
      const { token } = await h.meta.shopper.optIn(TEST_PAGE.pageId, psid);
      await settle(h);
      await deliver(h, "customers/data_request", {
        shop_id: 60000000000,
        shop_domain: TEST_SHOP,
        orders_requested: [],
        customer: { id: customerId, email: "ona@example.com", phone: null },
        data_request: { id: 4242 },
      });
      await settle(h);
      const exported = JSON.parse((await api("/compliance/requests")).text) as {
        requests: {
          dataRequestId: string;
          export: { consentLedger: { event: string; psid: string }[]; marketingSubscriptions: object[] };
        }[];
      };
      const mine = exported.requests.find((r) => r.dataRequestId === "4242")!;
      expect(mine.export.consentLedger.map((e) => `${e.event}:${e.psid}`)).toEqual([
        `requested:${psid}`,
        `opted_in:${psid}`,
      ]);
      expect(mine.export.marketingSubscriptions).toMatchObject([{ psid, status: "subscribed", customerId }]);
      expect(JSON.stringify(mine.export)).not.toContain(token);
      expect(JSON.stringify(mine.export.marketingSubscriptions)).not.toContain("tokenCiphertext");

      const ciphertext = (await db().marketingSubscription.findFirstOrThrow({ where: { psid } })).tokenCiphertext!;
      await deliver(h, "customers/redact", {
        shop_id: 60000000000,
        shop_domain: TEST_SHOP,
        customer: { id: customerId, email: "ona@example.com", phone: null },
        orders_to_redact: [],
      });
      await settle(h);
      expect(await db().marketingSubscription.count({ where: { psid } })).toBe(0);
      expect(await db().consentEvent.count({ where: { OR: [{ psid }, { customerId }] } })).toBe(0);
      const anonymous = await db().consentEvent.findMany({ where: { psid: null } });
      expect(anonymous).toHaveLength(1);
      expect(anonymous[0]).toMatchObject({
        event: "redacted",
        actor: "gdpr",
        customerId: null,
        title: null,
        text: null,
        imageUrl: null,
        locale: null,
        source: null,
      });
      const unsubscribeJobs = await db().outboxJob.findMany({
        where: { kind: "marketing.unsubscribe" },
        select: { dedupeKey: true, payload: true },
      });
      // Once Meta was told, the job keeps not even the PSID's ciphertext.
      const redactedJobs = unsubscribeJobs.filter((j) => (j.payload as { redacted?: boolean }).redacted);
      expect(redactedJobs.map((j) => j.payload)).toEqual([{ pageId: TEST_PAGE.pageId, redacted: true }]);
      const jobs = JSON.stringify(unsubscribeJobs);
      expect(jobs).not.toContain(psid);
      expect(jobs).not.toContain(ciphertext);
      const unsubscribed = h.meta.requests.filter(
        (r) => r.path.endsWith("/messaging_customer_base/unsubscribe") && JSON.stringify(r.body).includes(psid),
      );
      expect(unsubscribed).toHaveLength(1);
    });
  });
}
