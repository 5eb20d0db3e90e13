import { createServer, IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { makeOrder } from "../../../emulators/shopify/order-factories.js";
import { deliverWebhook, signWebhook } from "../../../emulators/shopify/sign-webhook.js";
import { hmacSha256Base64 } from "../../../web/server/lib/hmac.js";
import { API_SECRET, realShopifyApi } from "./shopify-api.js";

function nodeRequest(headers: Record<string, string>): { req: IncomingMessage; res: ServerResponse } {
  const req = new IncomingMessage(new Socket());
  req.method = "POST";
  req.url = "/webhooks/shopify";
  for (const [k, v] of Object.entries(headers)) req.headers[k.toLowerCase()] = v;
  return { req, res: new ServerResponse(req) };
}

const base = {
  topic: "orders/create",
  shop: "example-shop.myshopify.com",
  secret: API_SECRET,
  apiVersion: "2025-10",
  webhookId: "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
  eventId: "e1",
  triggeredAt: new Date("2026-05-04T08:15:00Z"),
};

describe("signWebhook", () => {
  it("passes shopify.webhooks.validate with every header Shopify sends", async () => {
    const signed = signWebhook({ ...base, body: makeOrder({ id: "9007199254740993" }) });
    const { req, res } = nodeRequest(signed.headers);
    const check = await realShopifyApi().webhooks.validate({
      rawBody: signed.rawBody,
      rawRequest: req,
      rawResponse: res,
    });
    expect(check).toMatchObject({
      valid: true,
      webhookType: "webhooks",
      topic: "ORDERS_CREATE",
      domain: "example-shop.myshopify.com",
      apiVersion: "2025-10",
      webhookId: base.webhookId,
      eventId: "e1",
      triggeredAt: "2026-05-04T08:15:00.000Z",
    });
  });

  it("signs the exact raw bytes, with big ids as bare numbers", () => {
    const signed = signWebhook({ ...base, body: makeOrder({ id: "9007199254740993" }) });
    expect(signed.rawBody).toContain('"id":9007199254740993');
    expect(signed.headers["X-Shopify-Hmac-Sha256"]).toBe(hmacSha256Base64(API_SECRET, signed.rawBody));
  });

  it("fails validation when the body is altered or the secret differs", async () => {
    const signed = signWebhook({ ...base, body: { id: "1" } });
    const altered = nodeRequest(signed.headers);
    const api = realShopifyApi();
    const bad = await api.webhooks.validate({
      rawBody: signed.rawBody.replace("1", "2"),
      rawRequest: altered.req,
      rawResponse: altered.res,
    });
    expect(bad).toMatchObject({ valid: false, reason: "invalid_hmac" });
    const other = signWebhook({ ...base, body: { id: "1" }, secret: "other" });
    const o = nodeRequest(other.headers);
    expect(
      await api.webhooks.validate({ rawBody: other.rawBody, rawRequest: o.req, rawResponse: o.res }),
    ).toMatchObject({ valid: false });
  });
});

describe("deliverWebhook", () => {
  it("POSTs the raw body and headers", async () => {
    let received: { headers: IncomingMessage["headers"]; body: string } | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
        res.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const signed = signWebhook({ ...base, body: { id: "9007199254740993" } });
      const result = await deliverWebhook(`http://127.0.0.1:${port}/webhooks/shopify`, signed);
      expect(result).toEqual({ status: 200, body: "ok" });
      expect(received?.body).toBe('{"id":9007199254740993}');
      expect(received?.headers["x-shopify-hmac-sha256"]).toBe(signed.headers["X-Shopify-Hmac-Sha256"]);
      expect(received?.headers["x-shopify-topic"]).toBe("orders/create");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
