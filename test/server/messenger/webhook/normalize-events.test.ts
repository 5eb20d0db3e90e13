import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isUserInteraction, type MessengerEvent } from "../../../../web/server/messenger/webhook/messenger-event.js";
import { canonicalJson, normalizeWebhook } from "../../../../web/server/messenger/webhook/normalize-events.js";
import { fixtureJson } from "./load-fixture.js";

const PAGE = "104857600123456";
const PSID = "6789012345678901";
const T = 1782900000000;

function eventsOf(name: string): MessengerEvent[] {
  const result = normalizeWebhook(fixtureJson(name));
  if (!result.ok) throw new Error(`fixture ${name} did not normalize: ${result.error}`);
  return result.events;
}

function only(name: string): MessengerEvent {
  const events = eventsOf(name);
  expect(events).toHaveLength(1);
  return events[0] as MessengerEvent;
}

describe("normalizeWebhook: one fixture per event kind", () => {
  it.each([
    [
      "message-text.json",
      {
        kind: "message",
        pageId: PAGE,
        psid: PSID,
        timestamp: T,
        mid: "m_AbC1-text-001",
        dedupeKey: "m_AbC1-text-001",
        text: "Hi, where is my order #1001?",
        attachments: [],
        standby: false,
      },
    ],
    ["message-quick-reply.json", { kind: "message", quickReplyPayload: "TRACK_ORDER:1001", text: "Track order" }],
    [
      "echo.json",
      {
        kind: "echo",
        isEcho: true,
        pageId: PAGE,
        psid: PSID,
        mid: "m_AbC1-text-001",
        dedupeKey: "echo:m_AbC1-text-001",
        appId: "987654321098765",
        metadata: "outbox:job_42",
      },
    ],
    [
      "postback-get-started-referral.json",
      {
        kind: "postback",
        title: "Get Started",
        payload: "GET_STARTED",
        mid: "m_pb-004",
        dedupeKey: "m_pb-004",
        referral: { ref: "v1.c2hvcA.abc123", source: "SHORTLINK", type: "OPEN_THREAD", adId: null },
      },
    ],
    [
      "referral-existing-thread.json",
      { kind: "referral", ref: "v1.c2hvcA.def456", source: "SHORTLINK", type: "OPEN_THREAD", psid: PSID },
    ],
    [
      "optin-notification-messages.json",
      {
        kind: "optin",
        psid: PSID,
        optin: {
          type: "notification_messages",
          token: "6400000000000001",
          tokenExpiresAt: T + 365 * 86_400_000,
          payload: "OPTIN_MARKETING",
          timezone: "America/New_York",
          userTokenStatus: "NOT_REFRESHED",
          notificationMessagesStatus: null,
          title: "Get order & sale updates",
        },
      },
    ],
    [
      "optin-stop-notifications.json",
      { kind: "optin", optin: { type: "notification_messages", notificationMessagesStatus: "STOP NOTIFICATIONS" } },
    ],
    [
      "optin-checkbox-user-ref.json",
      { kind: "optin", psid: null, optin: { type: "plugin", ref: "order-1001", userRef: "ur_checkout_5f2a" } },
    ],
    ["delivery.json", { kind: "delivery", mids: ["m_AbC1-text-001"], watermark: T + 8500 }],
    ["read.json", { kind: "read", watermark: T + 9500 }],
    [
      "reaction.json",
      { kind: "reaction", reaction: "love", emoji: "\u2764\ufe0f", action: "react", mid: "m_AbC1-text-001" },
    ],
    [
      "handover-pass-thread-control.json",
      {
        kind: "handover",
        action: "pass_thread_control",
        previousOwnerAppId: "987654321098765",
        newOwnerAppId: "263902037430900",
        metadata: "human takeover requested",
      },
    ],
    [
      "template-status-update.json",
      {
        kind: "template_status",
        pageId: PAGE,
        psid: null,
        timestamp: 1782900100000,
        templateId: "1234567890123456",
        templateName: "order_shipped",
        language: "en_US",
        event: "APPROVED",
      },
    ],
    [
      "template-status-rejected.json",
      {
        kind: "template_status",
        templateId: "2234567890123456",
        language: "lt_LT",
        event: "REJECTED",
        reason: "INCORRECT_CATEGORY",
      },
    ],
    ["message-edit-unknown.json", { kind: "unknown", pageId: PAGE, psid: PSID, note: "unrecognized messaging item" }],
  ] as const)("%s", (name, expected) => {
    const event = only(name);
    expect(event).toMatchObject(expected);
    const entry = (fixtureJson(name) as { entry: { messaging?: unknown[]; changes?: unknown[] }[] }).entry[0];
    expect(event.raw).toEqual(entry?.messaging?.[0] ?? entry?.changes?.[0]);
  });

  it("keeps attachments with their urls", () => {
    const event = only("message-attachments.json");
    expect(event.kind === "message" && event.attachments.map((a) => [a.type, a.url?.startsWith("https://")])).toEqual([
      ["image", true],
      ["sticker", true],
    ]);
  });

  it("marks everything in standby[] and keeps the stripped postback", () => {
    const events = eventsOf("standby.json");
    expect(events.map((e) => [e.kind, e.standby])).toEqual([
      ["message", true],
      ["postback", true],
    ]);
    // The window belongs to the Page, not the thread owner: a standby message still refreshes it.
    expect(events.map(isUserInteraction)).toEqual([true, true]);
    expect(events[1]).toMatchObject({
      payload: null,
      title: "Talk to a person",
      mid: null,
      dedupeKey: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
  });
});

describe("normalizeWebhook: batches", () => {
  it("returns every item of every entry, sorted by Meta's timestamp, with the right Page", () => {
    const events = eventsOf("batch-multiple-entries.json");
    expect(events).toHaveLength(8);
    expect(events.map((e) => e.timestamp)).toEqual([...events.map((e) => e.timestamp)].sort((a, b) => a - b));
    expect(events.filter((e) => e.pageId === "204857600654321").map((e) => [e.kind, e.standby])).toEqual([
      ["message", false],
      ["message", true],
    ]);
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(["message", "read", "delivery", "echo"]));
    expect(new Set(events.map((e) => e.dedupeKey)).size).toBe(events.length);
  });
});

describe("dedupe keys", () => {
  it("are identical on re-delivery and independent of key order", () => {
    const first = only("delivery.json");
    const body = fixtureJson("delivery.json") as { entry: { messaging: Record<string, unknown>[] }[] };
    const item = body.entry[0]!.messaging[0]!;
    const reordered = Object.fromEntries(Object.entries(item).reverse());
    body.entry[0]!.messaging[0] = reordered;
    const again = normalizeWebhook(body);
    expect(again.ok && again.events[0]?.dedupeKey).toBe(first.dedupeKey);
    expect(first.dedupeKey).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("differ between a message and its echo, and between two reads", () => {
    const message = only("message-text.json");
    const echo = only("echo.json");
    expect(message.dedupeKey).not.toBe(echo.dedupeKey);
    const read = fixtureJson("read.json") as { entry: { messaging: { read: { watermark: number } }[] }[] };
    const before = only("read.json").dedupeKey;
    read.entry[0]!.messaging[0]!.read.watermark += 1;
    const after = normalizeWebhook(read);
    expect(after.ok && after.events[0]?.dedupeKey).not.toBe(before);
  });

  it("canonical JSON sorts keys at every depth", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: null }], c: "x" }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[2,{"e":null,"f":1}]},"b":1}',
    );
  });
});

describe("every fixture", () => {
  const names = readdirSync(fileURLToPath(new URL("../../../fixtures/messenger/", import.meta.url))).filter((n) =>
    n.endsWith(".json"),
  );

  it.each(names)("%s normalizes, with only the deliberate unknowns, each event keyed and timed", (name) => {
    const events = eventsOf(name);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(event.kind === "unknown").toBe(name.endsWith("-unknown.json"));
      expect(event.dedupeKey.length).toBeGreaterThan(0);
      expect(event.timestamp).toBeGreaterThan(1_700_000_000_000);
    }
  });
});
