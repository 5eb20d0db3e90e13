import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFaults } from "../../../emulators/meta/faults.js";
import { PAGE_ID, startHarness, type Harness } from "./emulator-fixture.js";

const run = (seed: number, n = 200) => {
  const f = createFaults();
  f.set({ rate5xx: 0.1, rateTimeout: 0.05, rate613: 0.1, error190: 0.02, error551: 0.03, seed });
  return Array.from({ length: n }, () => {
    const o = f.draw();
    return o === null
      ? "ok"
      : o.kind === "respond"
        ? (o.failure.body as { error: { code: number } }).error.code
        : o.kind;
  });
};

describe("fault injection", () => {
  it("is deterministic by seed and differs across seeds", () => {
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  it("roughly honours the rates", () => {
    const outcomes = run(7, 2000);
    const share = (x: unknown) => outcomes.filter((o) => o === x).length / outcomes.length;
    expect(share(2)).toBeGreaterThan(0.06);
    expect(share(2)).toBeLessThan(0.14);
    expect(share("hang")).toBeGreaterThan(0.02);
    expect(share("ok")).toBeGreaterThan(0.6);
  });

  it("plays the one-shot queue first, in order, then stops", () => {
    const f = createFaults();
    f.next("551", "190");
    expect(
      [f.draw(), f.draw(), f.draw()].map((o) =>
        o?.kind === "respond" ? (o.failure.body as { error: { code: number } }).error.code : o,
      ),
    ).toEqual([551, 190, null]);
  });
});

describe("control endpoints and HTML views", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  const post = (path: string, body: unknown) =>
    fetch(`${h.emu.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("m.me for a new psid shows only Get Started, which carries the ref", async () => {
    const page = await fetch(`${h.emu.url}/m.me/demoshop?ref=ORDER_REF&psid=web-1`);
    const html = await page.text();
    expect(html).toContain("Get Started");
    expect(html).toContain('value="ORDER_REF"');
    const tapped = await fetch(`${h.emu.url}/__emulator/ui/${PAGE_ID}/web-1/tap-get-started`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "ref=ORDER_REF",
      redirect: "manual",
    });
    expect(tapped.status).toBe(303);
    expect(h.emu.thread(PAGE_ID, "web-1")!.items[0]).toMatchObject({
      kind: "postback",
      event: { postback: { referral: { ref: "ORDER_REF" } } },
    });
  });

  it("drives shopper actions and reads threads over JSON", async () => {
    expect((await post("/__emulator/shopper/send-text", { pageId: PAGE_ID, psid: "web-1", text: "hi" })).status).toBe(
      200,
    );
    expect(
      (await post("/__emulator/shopper/tap-quick-reply", { pageId: PAGE_ID, psid: "web-1", payload: "NOPE" })).status,
    ).toBe(409);
    const thread = (await (await fetch(`${h.emu.url}/__emulator/threads/${PAGE_ID}/web-1`)).json()) as {
      items: Array<{ kind: string }>;
    };
    expect(thread.items.map((i) => i.kind)).toEqual(["postback", "message"]);
  });

  it("renders receipts, buttons and quick replies readably, escaping content", async () => {
    await h.graph("POST", `${PAGE_ID}/messages`, {
      recipient: { id: "web-1" },
      messaging_type: "RESPONSE",
      message: {
        attachment: {
          type: "template",
          payload: {
            template_type: "receipt",
            recipient_name: "<Jane>",
            order_number: "#1001",
            currency: "USD",
            payment_method: "Visa",
            summary: { total_cost: 12 },
            elements: [{ title: "Mug", price: 12 }],
          },
        },
      },
    });
    await h.graph("POST", `${PAGE_ID}/messages`, {
      recipient: { id: "web-1" },
      messaging_type: "RESPONSE",
      message: { text: "Track it?", quick_replies: [{ content_type: "text", title: "Track", payload: "TRACK" }] },
    });
    const html = await (await fetch(`${h.emu.url}/__emulator/thread/${PAGE_ID}/web-1`)).text();
    expect(html).toContain("Receipt #1001");
    expect(html).toContain("&lt;Jane&gt;");
    expect(html).toContain('action="/__emulator/ui/1000001/web-1/tap-quick-reply"');
    expect(html).toContain(">Track</button>");
  });

  it("seeds faults over HTTP and leaves control routes unaffected", async () => {
    await post("/__emulator/faults/next", { kinds: ["5xx"] });
    const r = await h.graph("GET", `${PAGE_ID}/subscribed_apps`);
    expect(r.status).toBe(500);
    expect((await h.graph("GET", `${PAGE_ID}/subscribed_apps`)).status).toBe(200);
  });

  it("moves an injectable clock", async () => {
    const before = h.clock.now().getTime();
    const r = (await (await post("/__emulator/clock/advance", { hours: 25 })).json()) as { now: string };
    expect(Date.parse(r.now) - before).toBe(25 * 3600 * 1000);
  });
});
