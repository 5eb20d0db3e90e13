import { expect, it } from "vitest";
import { signWebhook } from "../../../../emulators/shopify/sign-webhook.js";
import { describeEachApp, TEST_ENV, TEST_SHOP } from "../../../helpers/test-app.js";

describeEachApp(
  "POST /webhooks/shopify",
  (app) => {
    const post = (headers: Record<string, string>, body: string) =>
      fetch(`${app().url}/webhooks/shopify`, { method: "POST", headers, body });
    const signed = (body: unknown, extra: { webhookId?: string; secret?: string; topic?: string } = {}) =>
      signWebhook({
        topic: extra.topic ?? "orders/create",
        shop: TEST_SHOP,
        body,
        secret: extra.secret ?? TEST_ENV.SHOPIFY_API_SECRET,
        apiVersion: "2026-10",
        ...(extra.webhookId ? { webhookId: extra.webhookId } : {}),
      });
    const rows = () => app().database.prisma.webhookDelivery.count();

    it("records a signed delivery once, with its processing job, keeping the raw body exactly", async () => {
      const body = '{"id":820982911946154508,"name":"#1001"}';
      const webhook = signed(body, { webhookId: "wh-1" });
      expect((await post(webhook.headers, webhook.rawBody)).status).toBe(200);
      expect((await post(webhook.headers, webhook.rawBody)).status).toBe(200);
      const deliveries = await app().database.prisma.webhookDelivery.findMany();
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]).toMatchObject({
        source: "shopify",
        externalId: "wh-1",
        topic: "orders/create",
        account: TEST_SHOP,
        body,
      });
      expect(await app().database.prisma.outboxJob.count({ where: { kind: "inbox.process" } })).toBe(1);
    });

    it("answers 401 to a wrong or missing HMAC and stores nothing", async () => {
      const forged = signed({ id: 1 }, { secret: "not-the-secret" });
      expect((await post(forged.headers, forged.rawBody)).status).toBe(401);
      const good = signed({ id: 1 });
      const { "X-Shopify-Hmac-Sha256": _dropped, ...unsigned } = good.headers;
      expect((await post(unsigned, good.rawBody)).status).toBe(401);
      const tampered = signed({ id: 1 });
      expect((await post(tampered.headers, tampered.rawBody.replace("1", "2"))).status).toBe(401);
      expect(await rows()).toBe(0);
    });

    it("refuses malformed JSON, missing headers and oversized bodies cleanly, storing nothing", async () => {
      const malformed = signed("{not json");
      expect((await post(malformed.headers, malformed.rawBody)).status).toBe(400);
      const array = signed("[1,2]");
      expect((await post(array.headers, array.rawBody)).status).toBe(400);
      const noTopic = signed({ id: 2 });
      delete (noTopic.headers as Record<string, string>)["X-Shopify-Topic"];
      expect((await post(noTopic.headers, noTopic.rawBody)).status).toBe(400);
      const huge = signed(JSON.stringify({ note: "x".repeat(10 * 1024 * 1024) }));
      expect((await post(huge.headers, huge.rawBody)).status).toBe(413);
      expect(await rows()).toBe(0);
      expect((await fetch(`${app().url}/healthz`)).status).toBe(200);
    });
  },
  { workers: false },
);
