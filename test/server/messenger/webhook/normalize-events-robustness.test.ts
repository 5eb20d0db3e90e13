import { describe, expect, it } from "vitest";
import { isUserInteraction, type MessengerEvent } from "../../../../web/server/messenger/webhook/messenger-event.js";
import { normalizeWebhook } from "../../../../web/server/messenger/webhook/normalize-events.js";
import { fixtureJson } from "./load-fixture.js";

const PAGE = "104857600123456";
const page = (entry: unknown[]) => ({ object: "page", entry });

describe("normalizeWebhook rejects what is not a Page webhook", () => {
  it.each([
    ["null", null],
    ["a string", "hello"],
    ["an array", []],
    ["no entry", { object: "page" }],
    ["entry not an array", { object: "page", entry: {} }],
    ["entry without id", page([{ time: 1 }])],
    ["entry without time", page([{ id: PAGE }])],
    ["an Instagram webhook", { object: "instagram", entry: [] }],
    ["a WhatsApp webhook", { object: "whatsapp_business_account", entry: [] }],
  ])("%s -> ok false", (_label, body) => {
    const result = normalizeWebhook(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
  });

  it("accepts an empty batch", () => {
    expect(normalizeWebhook(page([]))).toEqual({ ok: true, events: [] });
  });

  it("never throws, even on a cyclic object", () => {
    const cyclic: Record<string, unknown> = {
      sender: { id: "1" },
      recipient: { id: PAGE },
      timestamp: 1_782_900_000_000,
    };
    cyclic.self = cyclic;
    expect(() => normalizeWebhook(page([{ id: PAGE, time: 1, messaging: [cyclic] }]))).not.toThrow();
  });
});

describe("normalizeWebhook keeps malformed items as unknown instead of dropping them", () => {
  const T = 1_782_900_000_000;
  it.each([
    ["a number", 42, "malformed messaging item"],
    [
      "a message without mid",
      { sender: { id: "1" }, recipient: { id: PAGE }, timestamp: T, message: { text: "hi" } },
      "malformed message",
    ],
    [
      "a message without sender",
      { recipient: { id: PAGE }, timestamp: T, message: { mid: "m_1" } },
      "message without sender",
    ],
    [
      "an echo without recipient",
      { sender: { id: PAGE }, timestamp: T, message: { mid: "m_1", is_echo: true } },
      "echo without recipient",
    ],
    [
      "a reaction with an odd action",
      { sender: { id: "1" }, recipient: { id: PAGE }, timestamp: T, reaction: { action: "poke", mid: "m_1" } },
      "malformed reaction",
    ],
    [
      "a read without watermark",
      { sender: { id: "1" }, recipient: { id: PAGE }, timestamp: T, read: {} },
      "malformed read",
    ],
    ["an optin without anyone", { recipient: { id: PAGE }, timestamp: T, optin: { ref: "x" } }, "unrecognized optin"],
    [
      "a policy enforcement notice",
      { recipient: { id: PAGE }, timestamp: T, "policy-enforcement": { action: "block" } },
      "without sender",
    ],
  ])("%s", (_label, item, note) => {
    const result = normalizeWebhook(page([{ id: PAGE, time: T, messaging: [item] }]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.events).toHaveLength(1);
    expect(result.events[0]).toMatchObject({
      kind: "unknown",
      pageId: PAGE,
      raw: item,
      note: expect.stringContaining(note),
    });
    expect(result.events[0]?.dedupeKey).toMatch(/^sha256:/);
  });

  it("keeps unknown change fields and malformed template updates as unknown", () => {
    const result = normalizeWebhook(
      page([
        {
          id: PAGE,
          time: 1_782_900_000,
          changes: [
            { field: "feed", value: {} },
            { field: "message_template_status_update", value: { event: "APPROVED" } },
          ],
        },
      ]),
    );
    expect(result.ok && result.events.map((e) => [e.kind, e.kind === "unknown" ? e.note.split(":")[0] : ""])).toEqual([
      ["unknown", 'unhandled change field "feed"'],
      ["unknown", "malformed template status"],
    ]);
  });

  it("maps bare STOP / RESUME statuses to Meta's values so consent changes are never lost", () => {
    const optin = (status: string) => ({
      sender: { id: "1" },
      recipient: { id: PAGE },
      timestamp: T,
      optin: { type: "notification_messages", notification_messages_status: status },
    });
    const result = normalizeWebhook(
      page([{ id: PAGE, time: T, messaging: [optin("STOP"), optin("resume notifications"), optin("???")] }]),
    );
    expect(
      result.ok &&
        result.events.map(
          (e) => e.kind === "optin" && e.optin.type === "notification_messages" && e.optin.notificationMessagesStatus,
        ),
    ).toEqual(["STOP NOTIFICATIONS", "RESUME NOTIFICATIONS", null]);
  });

  it("falls back to the entry time when an item has no timestamp and stringifies numeric ids", () => {
    const result = normalizeWebhook(
      page([
        {
          id: 104857600123456,
          time: T,
          messaging: [{ sender: { id: 42 }, recipient: { id: PAGE }, message: { mid: "m_9" } }],
        },
      ]),
    );
    expect(result.ok && result.events[0]).toMatchObject({ kind: "message", pageId: PAGE, psid: "42", timestamp: T });
  });
});

describe("isUserInteraction: which events refresh the 24 h window", () => {
  const all = [
    "message-text.json",
    "echo.json",
    "postback-get-started-referral.json",
    "referral-existing-thread.json",
    "optin-notification-messages.json",
    "optin-stop-notifications.json",
    "optin-checkbox-user-ref.json",
    "delivery.json",
    "read.json",
    "reaction.json",
    "handover-pass-thread-control.json",
    "template-status-update.json",
    "message-edit-unknown.json",
  ].map((name) => {
    const result = normalizeWebhook(fixtureJson(name));
    if (!result.ok) throw new Error(result.error);
    return [name, result.events[0] as MessengerEvent] as const;
  });

  const expected: Record<string, boolean> = {
    "message-text.json": true,
    "echo.json": false,
    "postback-get-started-referral.json": true,
    "referral-existing-thread.json": true,
    "optin-notification-messages.json": false,
    "optin-stop-notifications.json": false,
    "optin-checkbox-user-ref.json": false,
    "delivery.json": false,
    "read.json": false,
    "reaction.json": true,
    "handover-pass-thread-control.json": false,
    "template-status-update.json": false,
    "message-edit-unknown.json": false,
  };

  it.each(all)("%s", (name, event) => {
    expect(isUserInteraction(event)).toBe(expected[name]);
  });

  it("counts a Send to Messenger plugin opt-in that carries a PSID", () => {
    const result = normalizeWebhook(
      page([
        {
          id: PAGE,
          time: 1,
          messaging: [
            { sender: { id: "1" }, recipient: { id: PAGE }, timestamp: 1_782_900_000_000, optin: { ref: "bubble" } },
          ],
        },
      ]),
    );
    expect(result.ok && isUserInteraction(result.events[0] as MessengerEvent)).toBe(true);
  });
});
