import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_SECRET, errorOf, PAGE_ID, startHarness, startReceiver, type Harness } from "./emulator-fixture.js";

let h: Harness;
let rx: Awaited<ReturnType<typeof startReceiver>>;
const verify = (raw: Buffer, sig: string | undefined) =>
  sig === `sha256=${createHmac("sha256", APP_SECRET).update(raw).digest("hex")}`;
const TEMPLATE = {
  name: "order_shipped",
  category: "UTILITY",
  language: "en_US",
  parameter_format: "NAMED",
  components: [
    {
      type: "BODY",
      text: "Order {{order_id}} has shipped.",
      example: { body_text_named_params: [{ param_name: "order_id", example: "#1001" }] },
    },
  ],
};
const utilitySend = (psid: string, params: unknown[]) => ({
  recipient: { id: psid },
  messaging_type: "UTILITY",
  message: {
    template: {
      name: "order_shipped",
      language: { code: "en_US" },
      components: [{ type: "body", parameters: params }],
    },
  },
});

beforeAll(async () => {
  rx = await startReceiver();
  h = await startHarness({ webhookUrl: rx.url });
});
afterAll(async () => {
  await h.close();
  await rx.close();
});

describe("shopper webhooks", () => {
  it("Get Started from m.me on a new thread carries the ref, signed over the exact bytes", async () => {
    const opened = await h.emu.shopper.openMmeLink(PAGE_ID, "p-new", "REF_abc");
    expect(opened.deliveries).toHaveLength(0); // nothing until Get Started, as on Meta
    await h.emu.shopper.tapGetStarted(PAGE_ID, "p-new");
    const hook = rx.received.at(-1)!;
    expect(verify(hook.raw, hook.signature)).toBe(true);
    expect(hook.json).toEqual({
      object: "page",
      entry: [
        {
          id: PAGE_ID,
          time: Date.parse("2026-06-01T12:00:00Z"),
          messaging: [
            {
              sender: { id: "p-new" },
              recipient: { id: PAGE_ID },
              timestamp: Date.parse("2026-06-01T12:00:00Z"),
              postback: {
                mid: expect.any(String),
                title: "Get Started",
                payload: "GET_STARTED",
                referral: { ref: "REF_abc", source: "SHORTLINK", type: "OPEN_THREAD" },
              },
            },
          ],
        },
      ],
    });
  });

  it("m.me on an existing thread sends messaging_referrals", async () => {
    await h.emu.shopper.openMmeLink(PAGE_ID, "p-new", "REF_2");
    const event = (rx.received.at(-1)!.json.entry as Array<{ messaging: unknown[] }>)[0]!.messaging[0];
    expect(event).toMatchObject({ referral: { ref: "REF_2", source: "SHORTLINK", type: "OPEN_THREAD" } });
  });

  it("escapes non-ASCII like Meta and the signature still matches the raw bytes", async () => {
    await h.emu.shopper.sendText(PAGE_ID, "p-new", "Où est ma commande? 📦");
    const hook = rx.received.at(-1)!;
    expect(hook.raw.toString("utf8")).toContain("\\u00f9");
    expect(verify(hook.raw, hook.signature)).toBe(true);
    expect(verify(Buffer.from(JSON.stringify(hook.json)), hook.signature)).toBe(false);
  });

  it("redelivers the identical bytes when asked", async () => {
    const before = rx.received.length;
    await h.emu.shopper.sendText(PAGE_ID, "p-new", "again", { redeliver: 2 });
    const copies = rx.received.slice(before);
    expect(copies).toHaveLength(3);
    expect(new Set(copies.map((c) => c.raw.toString("base64"))).size).toBe(1);
  });

  it("does not deliver fields the app is not subscribed to", async () => {
    await h.graph("POST", `${PAGE_ID}/subscribed_apps`, { subscribed_fields: ["messaging_postbacks"] });
    const before = rx.received.length;
    const r = await h.emu.shopper.sendText(PAGE_ID, "p-new", "unheard");
    expect(r.deliveries[0]!.skipped).toBe("not_subscribed");
    expect(rx.received.length).toBe(before);
    await h.graph("POST", `${PAGE_ID}/subscribed_apps`, {
      subscribed_fields: ["messages", "messaging_postbacks", "messaging_referrals", "message_template_status_update"],
    });
  });
});

describe("utility template flow", () => {
  it("creates PENDING, refuses sends until approved, notifies approval by signed webhook, then delivers outside the window", async () => {
    const bad = await h.graph("POST", `${PAGE_ID}/message_templates`, { ...TEMPLATE, category: "MARKETING" });
    expect(errorOf(bad.json).code).toBe(100);
    const created = await h.graph("POST", `${PAGE_ID}/message_templates`, TEMPLATE);
    expect(created.json).toMatchObject({ status: "PENDING", category: "UTILITY" });

    h.clock.advance({ days: 3 }); // window long closed
    const param = { type: "text", text: "#1001", parameter_name: "order_id" };
    expect(errorOf((await h.graph("POST", `${PAGE_ID}/messages`, utilitySend("p-new", [param]))).json).code).toBe(100);

    const [delivery] = await h.emu.approveTemplate("order_shipped", "en_US");
    expect(delivery!.status).toBe(200);
    const hook = rx.received.at(-1)!;
    expect(verify(hook.raw, hook.signature)).toBe(true);
    expect(hook.json).toMatchObject({
      object: "page",
      entry: [
        {
          id: PAGE_ID,
          changes: [
            {
              field: "message_template_status_update",
              value: { event: "APPROVED", message_template_name: "order_shipped", message_template_language: "en_US" },
            },
          ],
        },
      ],
    });

    expect(errorOf((await h.graph("POST", `${PAGE_ID}/messages`, utilitySend("p-new", []))).json).code).toBe(100);
    expect(
      errorOf(
        (await h.graph("POST", `${PAGE_ID}/messages`, utilitySend("p-new", [{ ...param, parameter_name: "x" }]))).json,
      ).code,
    ).toBe(100);
    const ok = await h.graph("POST", `${PAGE_ID}/messages`, utilitySend("p-new", [param]));
    expect(ok.status).toBe(200);
    const normal = await h.graph("POST", `${PAGE_ID}/messages`, {
      recipient: { id: "p-new" },
      messaging_type: "UPDATE",
      message: { text: "hi" },
    });
    expect(errorOf(normal.json).error_subcode).toBe(2018278);
  });

  it("rejects a template with a webhook and keeps refusing sends with it", async () => {
    await h.graph("POST", `${PAGE_ID}/message_templates`, { ...TEMPLATE, name: "order_late" });
    await h.emu.rejectTemplate("order_late", "en_US");
    expect(rx.received.at(-1)!.json).toMatchObject({ entry: [{ changes: [{ value: { event: "REJECTED" } }] }] });
    const body = utilitySend("p-new", []);
    (body.message.template as { name: string }).name = "order_late";
    expect(errorOf((await h.graph("POST", `${PAGE_ID}/messages`, body)).json).code).toBe(100);
  });

  it("refuses a duplicate name+language and positional placeholders out of order", async () => {
    expect((await h.graph("POST", `${PAGE_ID}/message_templates`, TEMPLATE)).status).toBe(400);
    const r = await h.graph("POST", `${PAGE_ID}/message_templates`, {
      ...TEMPLATE,
      name: "x2",
      parameter_format: "POSITIONAL",
      components: [{ type: "BODY", text: "{{2}} {{1}}" }],
    });
    expect(r.status).toBe(400);
  });
});
