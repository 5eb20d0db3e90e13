import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, PAGE_ID, startHarness, type Harness } from "./emulator-fixture.js";

let h: Harness;
const PSID = "psid-valid";
const send = (message: unknown, extra: Record<string, unknown> = {}) =>
  h.graph("POST", `${PAGE_ID}/messages`, { recipient: { id: PSID }, messaging_type: "RESPONSE", message, ...extra });
const qr = (n: number, title = "Yes", payload = "P") =>
  Array.from({ length: n }, () => ({ content_type: "text", title, payload }));
const button = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ type: "postback", title: `B${i}`, payload: `P${i}` }));
const receipt = (over: Record<string, unknown> = {}) => ({
  attachment: {
    type: "template",
    payload: {
      template_type: "receipt",
      recipient_name: "Jane",
      order_number: "#1001",
      currency: "USD",
      payment_method: "Visa 1234",
      summary: { total_cost: 42.5 },
      elements: [{ title: "Mug", price: 0, quantity: 2 }],
      ...over,
    },
  },
});

beforeAll(async () => {
  h = await startHarness();
  await h.emu.shopper.tapGetStarted(PAGE_ID, PSID);
});
afterAll(() => h.close());

describe("Send API accepts valid messages", () => {
  it.each([
    ["text of exactly 2000 characters", { text: "x".repeat(2000) }],
    // Meta counts characters of the UTF-8 text (code points): 2000 emoji are 4000 UTF-16 units, 2000 characters.
    ["text of 2000 emoji", { text: "📦".repeat(2000) }],
    ["13 quick replies", { text: "Pick", quick_replies: qr(13, "x".repeat(20), "p".repeat(1000)) }],
    [
      "button template with 3 buttons",
      { attachment: { type: "template", payload: { template_type: "button", text: "Hi", buttons: button(3) } } },
    ],
    [
      "generic with 10 elements",
      {
        attachment: {
          type: "template",
          payload: { template_type: "generic", elements: Array.from({ length: 10 }, () => ({ title: "T" })) },
        },
      },
    ],
    ["receipt with price 0", receipt()],
  ])("%s", async (_name, message) => {
    const r = await send(message);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ recipient_id: PSID, message_id: expect.stringMatching(/^m_/) });
  });
});

describe("Send API refuses what Meta refuses (error 100)", () => {
  it.each([
    ["text of 2001 chars", { text: "x".repeat(2001) }, {}],
    ["text of 1999 chars and 2 emoji", { text: "x".repeat(1999) + "📦📦" }, {}],
    ["empty text", { text: "" }, {}],
    [
      "text and attachment together",
      { text: "a", attachment: { type: "image", payload: { url: "https://x/y.png" } } },
      {},
    ],
    ["14 quick replies", { text: "Pick", quick_replies: qr(14) }, {}],
    ["quick reply title of 21 chars", { text: "Pick", quick_replies: qr(1, "x".repeat(21)) }, {}],
    ["quick reply payload of 1001 chars", { text: "Pick", quick_replies: qr(1, "ok", "p".repeat(1001)) }, {}],
    [
      "button template with 4 buttons",
      { attachment: { type: "template", payload: { template_type: "button", text: "Hi", buttons: button(4) } } },
      {},
    ],
    [
      "button template with no buttons",
      { attachment: { type: "template", payload: { template_type: "button", text: "Hi", buttons: [] } } },
      {},
    ],
    [
      "button text over 640",
      {
        attachment: {
          type: "template",
          payload: { template_type: "button", text: "x".repeat(641), buttons: button(1) },
        },
      },
      {},
    ],
    [
      "generic with 11 elements",
      {
        attachment: {
          type: "template",
          payload: { template_type: "generic", elements: Array.from({ length: 11 }, () => ({ title: "T" })) },
        },
      },
      {},
    ],
    [
      "generic element with 4 buttons",
      {
        attachment: {
          type: "template",
          payload: { template_type: "generic", elements: [{ title: "T", buttons: button(4) }] },
        },
      },
      {},
    ],
    ["receipt without recipient_name", receipt({ recipient_name: undefined }), {}],
    ["receipt without order_number", receipt({ order_number: undefined }), {}],
    ["receipt without currency", receipt({ currency: undefined }), {}],
    ["receipt without payment_method", receipt({ payment_method: undefined }), {}],
    ["receipt without summary.total_cost", receipt({ summary: { subtotal: 1 } }), {}],
    ["receipt element without price", receipt({ elements: [{ title: "Mug" }] }), {}],
    [
      "receipt address with 3-letter country",
      receipt({ address: { street_1: "a", city: "b", postal_code: "1", state: "c", country: "USA" } }),
      {},
    ],
    ["two recipient fields", { text: "hi" }, { recipient: { id: PSID, user_ref: "u" } }],
    ["no recipient field", { text: "hi" }, { recipient: {} }],
    ["missing messaging_type", { text: "hi" }, { messaging_type: undefined }],
    ["tag without MESSAGE_TAG", { text: "hi" }, { tag: "HUMAN_AGENT" }],
    ["unknown tag", { text: "hi" }, { messaging_type: "MESSAGE_TAG", tag: "FEATURE_FUNCTIONALITY_UPDATE" }],
  ])("%s", async (_name, message, extra) => {
    const r = await send(message, extra);
    expect(r.status).toBe(400);
    expect(errorOf(r.json).code).toBe(100);
    expect(errorOf(r.json).message).toMatch(/^\(#100\)/);
  });

  it("records only accepted messages in the thread", () => {
    const out = h.emu.thread(PAGE_ID, PSID)!.items.filter((i) => i.direction === "out");
    expect(out).toHaveLength(6);
  });
});

describe("Send API refuses unknown keys, naming them (error 100)", () => {
  const template = (payload: Record<string, unknown>) => ({ attachment: { type: "template", payload } });
  it.each([
    ["at the top level", { text: "hi" }, { preview: true }, "preview", "request"],
    ["in recipient", { text: "hi" }, { recipient: { id: PSID, name: "Jane" } }, "name", "recipient"],
    ["in message", { text: "hi", preview: "hi" }, {}, "preview", "message"],
    [
      "in an attachment",
      { attachment: { type: "image", payload: { url: "https://x/y.png" }, caption: "c" } },
      {},
      "caption",
      "message[attachment]",
    ],
    [
      "in a media payload",
      { attachment: { type: "image", payload: { url: "https://x/y.png", alt: "a" } } },
      {},
      "alt",
      "message[attachment][payload]",
    ],
    [
      "in a button template payload",
      template({ template_type: "button", text: "Hi", buttons: button(1), footer: "f" }),
      {},
      "footer",
      "message[attachment][payload]",
    ],
    [
      "in a receipt template payload",
      template({ ...receipt().attachment.payload, order_id: "1" }),
      {},
      "order_id",
      "message[attachment][payload]",
    ],
    [
      "in a receipt summary",
      template({ ...receipt().attachment.payload, summary: { total_cost: 1, discount: 1 } }),
      {},
      "discount",
      "payload[summary]",
    ],
    [
      "in a generic element",
      template({ template_type: "generic", elements: [{ title: "T", price: 1 }] }),
      {},
      "price",
      "payload[elements][0]",
    ],
    [
      "in a button",
      template({
        template_type: "button",
        text: "Hi",
        buttons: [{ type: "postback", title: "B", payload: "P", url: "u" }],
      }),
      {},
      "url",
      "payload[buttons][0]",
    ],
    [
      "in a quick reply",
      { text: "Pick", quick_replies: [{ ...qr(1)[0], color: "red" }] },
      {},
      "color",
      "message[quick_replies][0]",
    ],
  ])("%s", async (_name, message, extra, key, param) => {
    const r = await send(message, extra);
    expect(r.status).toBe(400);
    expect(errorOf(r.json)).toMatchObject({
      code: 100,
      message: `(#100) Invalid keys "${key}" were found in param "${param}".`,
    });
  });

  it("accepts every field Meta documents: persona_id, reply_to, notification_type, metadata, quick replies with image_url", async () => {
    const r = await send(
      {
        text: "Hi",
        metadata: "mc:1",
        quick_replies: [{ content_type: "text", title: "Yes", payload: "Y", image_url: "https://x/y.png" }],
      },
      { notification_type: "NO_PUSH", persona_id: "1234", reply_to: { mid: "m_1" } },
    );
    expect(r.status).toBe(200);
    const receiptWithEverything = receipt({
      sharable: true,
      merchant_name: "Shop",
      order_url: "https://shop.example/orders/1",
      timestamp: "1700000000",
      elements: [
        { title: "Mug", subtitle: "Blue", quantity: 1, price: 5, currency: "USD", image_url: "https://x/m.png" },
      ],
      address: { street_1: "1 Main", street_2: "", city: "Town", postal_code: "1", state: "CA", country: "US" },
      summary: { subtotal: 5, shipping_cost: 1, total_tax: 0, total_cost: 6 },
      adjustments: [{ name: "Discount", amount: 1 }],
    });
    expect((await send(receiptWithEverything)).status).toBe(200);
  });
});

describe("auth and routing", () => {
  it("refuses an unknown token with 190", async () => {
    const r = await h.graph(
      "POST",
      `${PAGE_ID}/messages`,
      { recipient: { id: PSID }, messaging_type: "RESPONSE", message: { text: "hi" } },
      "bogus",
    );
    expect(errorOf(r.json)).toMatchObject({ code: 190, type: "OAuthException" });
  });

  it("refuses a wrong appsecret_proof with 100 GraphMethodException", async () => {
    const res = await fetch(`${h.emu.url}/v25.0/${PAGE_ID}/messages?appsecret_proof=deadbeef`, {
      method: "POST",
      headers: { authorization: "Bearer EAAPAGE-token-1", "content-type": "application/json" },
      body: JSON.stringify({ recipient: { id: PSID }, messaging_type: "RESPONSE", message: { text: "hi" } }),
    });
    expect(res.status).toBe(400);
    expect(errorOf((await res.json()) as Record<string, unknown>)).toMatchObject({
      code: 100,
      type: "GraphMethodException",
    });
  });

  it("refuses a missing proof and a missing token", async () => {
    const noProof = await fetch(`${h.emu.url}/v25.0/me/messages`, {
      method: "POST",
      headers: { authorization: "Bearer EAAPAGE-token-1" },
    });
    expect(errorOf((await noProof.json()) as Record<string, unknown>).message).toMatch(/appsecret_proof/);
    const noToken = await fetch(`${h.emu.url}/v25.0/me/messages`, { method: "POST" });
    expect(errorOf((await noToken.json()) as Record<string, unknown>).code).toBe(104);
  });

  it("refuses sending as another Page", async () => {
    const r = await h.graph("POST", `999/messages`, {
      recipient: { id: PSID },
      messaging_type: "RESPONSE",
      message: { text: "hi" },
    });
    expect(errorOf(r.json).code).toBe(200);
  });

  it("accepts /me/messages for the token's Page", async () => {
    const r = await h.graph("POST", `me/messages`, {
      recipient: { id: PSID },
      messaging_type: "UPDATE",
      message: { text: "hi" },
    });
    expect(r.status).toBe(200);
  });
});
