import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, PAGE_ID, startHarness, startReceiver, type Harness } from "./emulator-fixture.js";

let h: Harness;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const PSID = "5100000000000001";
const optinTemplate = (over: Record<string, unknown> = {}) => ({
  attachment: {
    type: "template",
    payload: { template_type: "notification_messages", title: "Deals", payload: "OPTIN:keyword", ...over },
  },
});
const send = (message: unknown) =>
  h.graph("POST", `${PAGE_ID}/messages`, { recipient: { id: PSID }, messaging_type: "UPDATE", message });

beforeAll(async () => {
  receiver = await startReceiver();
  h = await startHarness({ webhookUrl: receiver.url });
  await h.emu.shopper.tapGetStarted(PAGE_ID, PSID);
});
afterAll(async () => {
  await h.close();
  await receiver.close();
});

describe("notification_messages opt-in template", () => {
  it.each([
    ["the minimal form (payload only; Meta titles it)", { title: undefined }],
    ["a 65-character title", { title: "t".repeat(65) }],
    [
      "every documented field",
      {
        image_url: "https://cdn.example/offer.png",
        image_aspect_ratio: "SQUARE",
        notification_messages_timezone: "Europe/Vilnius",
        notification_messages_cta_text: "SIGN_UP",
      },
    ],
  ])("accepts %s", async (_name, over) => {
    expect((await send(optinTemplate(over))).status).toBe(200);
  });

  it.each([
    ["a 66-character title", { title: "t".repeat(66) }, "payload[title]"],
    ["an empty title", { title: "" }, "payload[title]"],
    ["a missing payload", { payload: undefined }, "payload[payload]"],
    ["a CTA value Meta does not list", { notification_messages_cta_text: "BUY_NOW" }, "notification_messages_cta_text"],
    ["a time zone that does not exist", { notification_messages_timezone: "Mars/Olympus" }, "timezone"],
    ["an image that is not a URL", { image_url: "offer.png" }, "payload[image_url]"],
    ["the deprecated frequency", { notification_messages_frequency: "DAILY" }, "deprecated"],
    ["an unknown field", { notification_messages_topic: "x" }, "notification_messages_topic"],
  ])("refuses %s with error 100 naming it", async (_name, over, field) => {
    const r = await send(optinTemplate(over));
    expect(r.status).toBe(400);
    expect(errorOf(r.json)).toMatchObject({ code: 100 });
    expect(errorOf(r.json).message).toContain(field);
  });
});

describe("messaging_optins from the emulated shopper", () => {
  it("sends the opt-in with the token, then STOP and RESUME NOTIFICATIONS, signed", async () => {
    await send(optinTemplate({ notification_messages_timezone: "Europe/Vilnius" }));
    receiver.received.length = 0;
    const { token } = await h.emu.shopper.optIn(PAGE_ID, PSID);
    await h.emu.shopper.setMarketing(PAGE_ID, PSID, "STOP");
    await h.emu.shopper.setMarketing(PAGE_ID, PSID, "RESUME");
    const optins = receiver.received.map((r) => {
      const entry = (r.json.entry as { messaging: { optin: Record<string, unknown> }[] }[])[0]!;
      return entry.messaging[0]!.optin;
    });
    expect(optins[0]).toMatchObject({
      type: "notification_messages",
      payload: "OPTIN:keyword",
      notification_messages_token: token,
      notification_messages_timezone: "Europe/Vilnius",
      user_token_status: "NOT_REFRESHED",
      title: "Deals",
    });
    expect(optins.slice(1).map((o) => o.notification_messages_status)).toEqual([
      "STOP NOTIFICATIONS",
      "RESUME NOTIFICATIONS",
    ]);
    expect(receiver.received.every((r) => r.signature?.startsWith("sha256="))).toBe(true);
  });

  it("has nothing to opt in to without a request in the thread", async () => {
    await expect(h.emu.shopper.optIn(PAGE_ID, "5100000000000999")).rejects.toThrow();
  });
});

describe("POST /{page-id}/messaging_customer_base/unsubscribe", () => {
  const unsubscribe = (body: unknown) => h.graph("POST", `${PAGE_ID}/messaging_customer_base/unsubscribe`, body);

  it("unsubscribes a PSID at Page level and counts malformed rows", async () => {
    const r = await unsubscribe({
      data: [{ psid: PSID }, { psid: PSID, email: "a@b.example" }, { phone: "0049 151" }, { email: "Upper@B.example" }],
    });
    expect(r).toEqual({ status: 200, json: { invalid_rows_count: 3 } });
    expect([...h.emu.state.subscriptions.values()].some((s) => s.psid === PSID)).toBe(false);
    expect(h.emu.state.unsubscribed.has(`${PAGE_ID}/${PSID}`)).toBe(true);
    await expect(h.emu.shopper.setMarketing(PAGE_ID, PSID, "RESUME")).rejects.toThrow(/no marketing subscription/);
  });

  it.each([
    ["no data", {}],
    ["an empty data array", { data: [] }],
    ["an unknown parameter", { data: [{ psid: PSID }], reason: "x" }],
  ])("refuses %s with error 100", async (_name, body) => {
    const r = await unsubscribe(body);
    expect(r.status).toBe(400);
    expect(errorOf(r.json).code).toBe(100);
  });
});
