import { expect, it } from "vitest";
import { signBody } from "../../../../emulators/meta/index.js";
import { describeEachApp, TEST_ENV } from "../../../helpers/test-app.js";

const PAGE = "1000000000001";

function messagingItem(i: number, psid = `70000000000${String(i).padStart(5, "0")}`) {
  return {
    sender: { id: psid },
    recipient: { id: PAGE },
    timestamp: 1_763_640_000_000 + i,
    message: { mid: `m_batch_${i}`, text: `hello ${i}` },
  };
}

describeEachApp(
  "POST /webhooks/meta",
  (app) => {
    const post = (body: string, signature?: string) =>
      fetch(`${app().url}/webhooks/meta`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(signature ? { "x-hub-signature-256": signature } : {}) },
        body,
      });
    const signed = (text: string) => post(text, signBody(TEST_ENV.META_APP_SECRET, text));
    const rows = () => app().database.prisma.webhookDelivery.count();

    it("answers the verification handshake only with the right token", async () => {
      const ok = await fetch(
        `${app().url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=${TEST_ENV.META_VERIFY_TOKEN}&hub.challenge=1158201444`,
      );
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe("1158201444");
      const bad = await fetch(`${app().url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
      expect(bad.status).toBe(403);
      expect(
        (
          await fetch(
            `${app().url}/webhooks/meta?hub.mode=unsubscribe&hub.verify_token=${TEST_ENV.META_VERIFY_TOKEN}&hub.challenge=1`,
          )
        ).status,
      ).toBe(403);
    });

    it("logs one line per webhook request, carrying what the route recorded", async () => {
      const body = JSON.stringify({
        object: "page",
        entry: [{ id: PAGE, time: 1_763_640_000_000, messaging: [messagingItem(1), messagingItem(2)] }],
      });
      const requestId = `log-check-${Date.now()}`;
      const response = await fetch(`${app().url}/webhooks/meta`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-request-id": requestId,
          "x-hub-signature-256": signBody(TEST_ENV.META_APP_SECRET, body),
        },
        body,
      });
      expect(response.status).toBe(200);
      const lines = app()
        .logs()
        .split("\n")
        .filter((l) => l.includes(requestId))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ msg: "request", path: "/webhooks/meta", status: 200, events: 2, recorded: 2 });
    });

    it("records every item of a 50-entry batch, and only once when Meta delivers it again", async () => {
      const body = JSON.stringify({
        object: "page",
        entry: Array.from({ length: 50 }, (_, i) => ({
          id: PAGE,
          time: 1_763_640_000_000 + i,
          messaging: [messagingItem(i)],
        })),
      });
      expect((await signed(body)).status).toBe(200);
      expect((await signed(body)).status).toBe(200);
      expect(await rows()).toBe(50);
      expect(await app().database.prisma.outboxJob.count()).toBe(50);
    });

    it.each([
      ["unsigned", (b: string) => post(b), 401],
      ["wrongly signed", (b: string) => post(b, signBody("another-secret", b)), 401],
      [
        "signed over different bytes",
        (b: string) => post(b.replace("hello", "HELLO"), signBody(TEST_ENV.META_APP_SECRET, b)),
        401,
      ],
      ["malformed signature header", (b: string) => post(b, "sha1=abc"), 401],
      ["truncated", (b: string) => signed(b.slice(0, b.length - 5)), 400],
      ["not JSON", () => signed("hello=world"), 400],
      ["an unknown object", () => signed(JSON.stringify({ object: "instagram", entry: [] })), 400],
      [
        "2 MB",
        () =>
          signed(
            JSON.stringify({
              object: "page",
              entry: [{ id: PAGE, time: 1, messaging: [messagingItem(1)] }],
              pad: "x".repeat(2 * 1024 * 1024),
            }),
          ),
        413,
      ],
    ])("refuses a body that is %s and stores nothing", async (_name, send, status) => {
      const body = JSON.stringify({ object: "page", entry: [{ id: PAGE, time: 1, messaging: [messagingItem(1)] }] });
      expect((await send(body)).status).toBe(status);
      expect(await rows()).toBe(0);
      expect((await fetch(`${app().url}/healthz`)).status).toBe(200);
    });
  },
  { workers: false },
);
