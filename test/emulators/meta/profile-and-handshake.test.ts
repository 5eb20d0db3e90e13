import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMetaEmulator } from "../../../emulators/meta/index.js";
import { errorOf, PAGE_ID, startHarness, type Harness } from "./emulator-fixture.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe("Messenger Profile validation", () => {
  it.each([
    ["unknown property", { colour: "red" }],
    ["empty get_started payload", { get_started: { payload: "" } }],
    ["greeting without default locale", { greeting: [{ locale: "en_US", text: "Hi" }] }],
    ["greeting over 160 chars", { greeting: [{ locale: "default", text: "x".repeat(161) }] }],
    [
      "5 ice breakers",
      {
        ice_breakers: [
          { locale: "default", call_to_actions: Array.from({ length: 5 }, () => ({ question: "q", payload: "p" })) },
        ],
      },
    ],
    [
      "menu title over 30 chars",
      {
        persistent_menu: [
          { locale: "default", call_to_actions: [{ type: "postback", title: "x".repeat(31), payload: "p" }] },
        ],
      },
    ],
    ["non-https whitelisted domain", { whitelisted_domains: ["http://shop.example"] }],
  ])("refuses %s with 100", async (_name, body) => {
    const r = await h.graph("POST", `${PAGE_ID}/messenger_profile`, body);
    expect(errorOf(r.json).code).toBe(100);
  });

  it("needs get_started before a persistent menu and keeps it while the menu exists", async () => {
    await h.graph("DELETE", `${PAGE_ID}/messenger_profile`, { fields: ["get_started"] });
    const menu = {
      persistent_menu: [
        { locale: "default", call_to_actions: [{ type: "postback", title: "Orders", payload: "ORDERS" }] },
      ],
    };
    expect((await h.graph("POST", `me/messenger_profile`, menu)).status).toBe(400);
    expect((await h.graph("POST", `me/messenger_profile`, { get_started: { payload: "GS" }, ...menu })).json).toEqual({
      result: "success",
    });
    expect((await h.graph("DELETE", `me/messenger_profile`, { fields: ["get_started"] })).status).toBe(400);
  });

  it("rate-limits profile calls to 10 per 10 minutes per Page (613)", async () => {
    h.clock.advance({ minutes: 11 });
    const results: number[] = [];
    for (let i = 0; i < 11; i++)
      results.push((await h.graph("GET", `${PAGE_ID}/messenger_profile?fields=get_started`)).status);
    expect(results.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(results[10]).toBe(400);
    h.clock.advance({ minutes: 11 });
    expect((await h.graph("GET", `${PAGE_ID}/messenger_profile?fields=get_started`)).status).toBe(200);
  });
});

describe("webhook verification handshake", () => {
  it("passes only when the app echoes the challenge for the right verify token", async () => {
    const server = createServer((req, res) => {
      const q = new URL(req.url ?? "/", "http://x").searchParams;
      if (q.get("hub.mode") === "subscribe" && q.get("hub.verify_token") === "good")
        res.writeHead(200).end(q.get("hub.challenge"));
      else res.writeHead(403).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/meta`;
    const emu = createMetaEmulator({ appId: "1", appSecret: "s", webhookUrl: url, verifyToken: "good" });
    try {
      expect((await emu.verifyWebhook()).ok).toBe(true);
      expect(await emu.verifyWebhook(url, "bad")).toMatchObject({ ok: false, status: 403 });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
