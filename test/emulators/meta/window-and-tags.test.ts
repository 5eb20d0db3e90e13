import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { errorOf, PAGE_ID, startHarness, type Harness } from "./emulator-fixture.js";

let h: Harness;
let n = 0;
let psid = "";
const send = (extra: Record<string, unknown>) =>
  h.graph("POST", `${PAGE_ID}/messages`, { recipient: { id: psid }, message: { text: "hi" }, ...extra });

beforeEach(async () => {
  h ??= await startHarness();
  psid = `psid-${++n}`;
});
afterAll(() => h.close());

describe("24 h standard messaging window (clock injected)", () => {
  it.each(["RESPONSE", "UPDATE"])("%s works at 23h59m and fails at 24h with 10/2018278", async (type) => {
    await h.emu.shopper.tapGetStarted(PAGE_ID, psid);
    h.clock.advance({ hours: 23, minutes: 59 });
    expect((await send({ messaging_type: type })).status).toBe(200);
    h.clock.advance({ minutes: 1 });
    const r = await send({ messaging_type: type });
    expect(r.status).toBe(400);
    expect(errorOf(r.json)).toMatchObject({ code: 10, error_subcode: 2018278 });
  });

  it("is refreshed by opening the m.me link on an existing thread", async () => {
    await h.emu.shopper.tapGetStarted(PAGE_ID, psid);
    h.clock.advance({ hours: 30 });
    expect((await send({ messaging_type: "RESPONSE" })).status).toBe(400);
    await h.emu.shopper.openMmeLink(PAGE_ID, psid, "ref-1");
    expect((await send({ messaging_type: "RESPONSE" })).status).toBe(200);
  });

  it("refuses a PSID that never talked to the Page (100/2018001)", async () => {
    const r = await send({ messaging_type: "RESPONSE" });
    expect(errorOf(r.json)).toMatchObject({ code: 100, error_subcode: 2018001 });
  });

  it("refuses a shopper who blocked the Page with 551", async () => {
    await h.emu.shopper.tapGetStarted(PAGE_ID, psid);
    h.emu.shopper.block(PAGE_ID, psid);
    const r = await send({ messaging_type: "RESPONSE" });
    expect(errorOf(r.json).code).toBe(551);
  });
});

describe("message tags", () => {
  it.each(["POST_PURCHASE_UPDATE", "CONFIRMED_EVENT_UPDATE", "ACCOUNT_UPDATE"])(
    "dead tag %s -> error 100 even inside the window",
    async (tag) => {
      await h.emu.shopper.tapGetStarted(PAGE_ID, psid);
      const r = await send({ messaging_type: "MESSAGE_TAG", tag });
      expect(r.status).toBe(400);
      expect(errorOf(r.json).code).toBe(100);
    },
  );

  it("HUMAN_AGENT works 6 days after the shopper's last message and fails after 7", async () => {
    await h.emu.shopper.tapGetStarted(PAGE_ID, psid);
    await h.emu.shopper.sendText(PAGE_ID, psid, "where is my order?");
    h.clock.advance({ days: 6, hours: 23 });
    expect((await send({ messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" })).status).toBe(200);
    h.clock.advance({ hours: 1 });
    expect(errorOf((await send({ messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" })).json)).toMatchObject({
      code: 10,
      error_subcode: 2018278,
    });
  });

  it("HUMAN_AGENT is refused without the Human Agent feature", async () => {
    h.emu.state.pages.get(PAGE_ID)!.humanAgent = false;
    try {
      await h.emu.shopper.tapGetStarted(PAGE_ID, psid);
      await h.emu.shopper.sendText(PAGE_ID, psid, "hi");
      expect(errorOf((await send({ messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" })).json).code).toBe(10);
    } finally {
      h.emu.state.pages.get(PAGE_ID)!.humanAgent = true;
    }
  });
});

describe("shopper rules", () => {
  it("a new thread with Get Started set must tap it before typing", async () => {
    await expect(h.emu.shopper.sendText(PAGE_ID, psid, "hi")).rejects.toThrow(/Get Started/);
  });

  it("Get Started is not offered twice", async () => {
    await h.emu.shopper.tapGetStarted(PAGE_ID, psid);
    await expect(h.emu.shopper.tapGetStarted(PAGE_ID, psid)).rejects.toThrow(/new thread/);
  });

  it("a quick reply can be tapped only if the latest message offers it", async () => {
    await h.emu.shopper.tapGetStarted(PAGE_ID, psid);
    await expect(h.emu.shopper.tapQuickReply(PAGE_ID, psid, "YES")).rejects.toThrow(/no quick reply/);
    await send({
      messaging_type: "RESPONSE",
      message: { text: "Track?", quick_replies: [{ content_type: "text", title: "Yes", payload: "YES" }] },
    });
    const { event } = await h.emu.shopper.tapQuickReply(PAGE_ID, psid, "YES");
    expect(event).toMatchObject({ message: { text: "Yes", quick_reply: { payload: "YES" } } });
  });
});
