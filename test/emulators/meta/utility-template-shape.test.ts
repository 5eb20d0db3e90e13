import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, PAGE_ID, startHarness, type Harness } from "./emulator-fixture.js";

// The shapes of Meta's utility-messages doc (2026-03-13) and the spec's Update 2026-12; anything else is refused.
const body = (text = "Good news! Your order {{order_id}} is on its way.") => ({
  type: "BODY",
  text,
  example: { body_text_named_params: [{ param_name: "order_id", example: "566701" }] },
});
const urlButton = (n = 1) => ({
  type: "URL",
  text: `Track ${n}`,
  url: "https://shop.example/t/{{1}}",
  example: { url_suffix_example: "https://shop.example/t/1234" },
});
const template = (name: string, components: unknown[]) => ({
  name,
  language: "en_US",
  category: "UTILITY",
  parameter_format: "NAMED",
  components,
});
const send = (message: unknown) => ({ recipient: { id: "p1" }, messaging_type: "UTILITY", message });
const docMessage = (name: string) => ({
  template: {
    name,
    language: { code: "en_US" },
    components: [
      { type: "body", parameters: [{ type: "text", parameter_name: "order_id", text: "566701" }] },
      { type: "buttons", parameters: [{ type: "URL", url: "1234" }] },
    ],
  },
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.emu.shopper.tapGetStarted(PAGE_ID, "p1");
  const created = await h.graph(
    "POST",
    `${PAGE_ID}/message_templates`,
    template("order_ok", [body(), { type: "BUTTONS", buttons: [urlButton()] }]),
  );
  expect(created.status).toBe(200);
  await h.emu.approveTemplate("order_ok", "en_US");
});
afterAll(async () => {
  await h.close();
});

describe("creating a utility template", () => {
  const create = (components: unknown[], name = `t_${Math.random().toString(36).slice(2, 8)}`) =>
    h.graph("POST", `${PAGE_ID}/message_templates`, template(name, components));

  it("refuses a QUICK_REPLY button with subcode 2018416", async () => {
    const r = await create([body(), { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Yes" }] }]);
    expect(r.status).toBe(400);
    expect(errorOf(r.json)).toMatchObject({ code: 100, error_subcode: 2018416 });
  });

  it("refuses more than 3 buttons, and accepts 3", async () => {
    const four = await create([body(), { type: "BUTTONS", buttons: [1, 2, 3, 4].map(urlButton) }]);
    expect(errorOf(four.json).message).toMatch(/at most 3 buttons/);
    expect((await create([body(), { type: "BUTTONS", buttons: [1, 2, 3].map(urlButton) }])).status).toBe(200);
  });

  it("refuses a body over 1,024 characters, and accepts exactly 1,024", async () => {
    const text = (n: number) => `Order {{order_id}} ${"x".repeat(n - 20)}.`;
    expect(text(1025)).toHaveLength(1025);
    expect(errorOf((await create([body(text(1025))])).json).message).toMatch(/1 to 1024 characters/);
    expect((await create([body(text(1024))])).status).toBe(200);
  });

  it("refuses parameters without example values", async () => {
    const noExample = await create([{ type: "BODY", text: "Your order {{order_id}} shipped." }]);
    expect(errorOf(noExample.json).message).toMatch(/example\] is required/);
    const wrongName = await create([
      { ...body(), example: { body_text_named_params: [{ param_name: "other", example: "1" }] } },
    ]);
    expect(errorOf(wrongName.json).message).toMatch(/one example per parameter/);
  });

  it("refuses a dynamic URL without url_suffix_example, or whose variable is not the {{1}} suffix", async () => {
    const { example: _drop, ...noExample } = urlButton();
    expect(errorOf((await create([body(), { type: "BUTTONS", buttons: [noExample] }])).json).message).toMatch(
      /url_suffix_example/,
    );
    const middle = { ...urlButton(), url: "https://shop.example/{{1}}/track" };
    expect(errorOf((await create([body(), { type: "BUTTONS", buttons: [middle] }])).json).message).toMatch(
      /suffix \{\{1\}\}/,
    );
  });

  it("refuses a body that starts or ends with a parameter", async () => {
    expect((await create([body("{{order_id}} is on its way")])).status).toBe(400);
    expect((await create([body("Your order is {{order_id}}")])).status).toBe(400);
  });
});

describe("sending a utility template", () => {
  it("accepts the doc's shape", async () => {
    const ok = await h.graph("POST", `${PAGE_ID}/messages`, send(docMessage("order_ok")));
    expect(ok.status).toBe(200);
  });

  it.each([
    [
      "the attachment form some integrations use",
      { attachment: { type: "template", payload: { template_type: "utility_messages", name: "order_ok" } } },
    ],
    ["template beside text", { ...docMessage("order_ok"), text: "hi" }],
    ["language as a plain string", { template: { ...docMessage("order_ok").template, language: "en_US" } }],
    [
      "language with an extra field",
      { template: { ...docMessage("order_ok").template, language: { code: "en_US", policy: "deterministic" } } },
    ],
    [
      "upper-case component types",
      {
        template: {
          ...docMessage("order_ok").template,
          components: docMessage("order_ok").template.components.map((c) => ({ ...c, type: c.type.toUpperCase() })),
        },
      },
    ],
    [
      "a missing button parameter",
      { template: { ...docMessage("order_ok").template, components: [docMessage("order_ok").template.components[0]] } },
    ],
    [
      "a full URL instead of the suffix",
      {
        template: {
          ...docMessage("order_ok").template,
          components: [
            docMessage("order_ok").template.components[0],
            { type: "buttons", parameters: [{ type: "URL", url: "https://evil.example/x y" }] },
          ],
        },
      },
    ],
    [
      "WhatsApp's button shape (sub_type, index)",
      {
        template: {
          ...docMessage("order_ok").template,
          components: [
            docMessage("order_ok").template.components[0],
            { type: "button", sub_type: "url", index: "0", parameters: [{ type: "text", text: "1234" }] },
          ],
        },
      },
    ],
  ])("refuses %s", async (_label, message) => {
    const r = await h.graph("POST", `${PAGE_ID}/messages`, send(message));
    expect(r.status).toBe(400);
    expect(errorOf(r.json).code).toBe(100);
  });
});
