import type { Clock } from "../../web/server/lib/clock.js";
import type { EmulatorState, Thread } from "./state.js";
import type { WebhookSender } from "./webhook-sender.js";

// Events exactly as Meta's Messenger webhooks shape them (spec §5, §6; Webhooks doc May 2026).
// https://developers.facebook.com/docs/messenger-platform/reference/webhook-events

type Obj = Record<string, unknown>;
export interface ShopperOptions {
  /** Deliver the same bytes this many extra times, as Meta sometimes does. */
  redeliver?: number;
}

export class ShopperActionError extends Error {}

function asObj(v: unknown): Obj {
  return typeof v === "object" && v !== null ? (v as Obj) : {};
}

/** Quick replies offered by the latest outbound message (only those are on screen). */
function latestQuickReplies(thread: Thread): Obj[] {
  const last = [...thread.items].reverse().find((i) => i.direction === "out");
  if (!last || last.direction !== "out") return [];
  const qr = asObj(last.request.message).quick_replies;
  return Array.isArray(qr) ? qr.map(asObj) : [];
}

/** Every button payload the shopper can see in the thread. */
function visiblePostbacks(thread: Thread): Obj[] {
  const found: Obj[] = [];
  for (const item of thread.items) {
    if (item.direction !== "out") continue;
    const payload = asObj(asObj(asObj(item.request.message).attachment).payload);
    const buttons = [
      payload.buttons,
      ...(Array.isArray(payload.elements) ? payload.elements.map((e) => asObj(e).buttons) : []),
    ];
    for (const list of buttons)
      if (Array.isArray(list)) found.push(...list.map(asObj).filter((b) => b.type === "postback"));
  }
  return found;
}

export function createShopper(state: EmulatorState, clock: Clock, webhooks: WebhookSender) {
  const pendingRefs = new Map<string, string>();

  function page(pageId: string) {
    const p = state.pages.get(pageId);
    if (!p) throw new ShopperActionError(`unknown page ${pageId}`);
    return p;
  }

  async function emit(
    pageId: string,
    psid: string,
    field: string,
    kind: "message" | "postback" | "referral" | "optin",
    body: Obj,
    opts: ShopperOptions,
  ) {
    const now = clock.now().getTime();
    const event = { sender: { id: psid }, recipient: { id: pageId }, timestamp: now, ...body };
    state.ensureThread(pageId, psid).items.push({ direction: "in", at: now, kind, event });
    const payload = { object: "page", entry: [{ id: pageId, time: now, messaging: [event] }] };
    const subscribed = page(pageId).subscribedFields.includes(field);
    const deliveries = await webhooks.deliver(field, pageId, payload, { subscribed, redeliver: opts.redeliver });
    return { event, deliveries };
  }

  /** Marks a user action that opens/refreshes the 24 h window (spec §2.1). */
  function touch(thread: Thread, typed: boolean) {
    const now = clock.now().getTime();
    thread.started = true;
    thread.lastInteractionAt = now;
    if (typed) thread.lastUserMessageAt = now;
  }

  function startedThread(pageId: string, psid: string): Thread {
    const p = page(pageId);
    const thread = state.ensureThread(pageId, psid);
    if (thread.blocked) throw new ShopperActionError("the shopper blocked this Page");
    // With a Get Started button set, a new thread shows only that button (m.me doc).
    if (!thread.started && p.profile.get_started)
      throw new ShopperActionError("new thread: the shopper must tap Get Started first");
    return thread;
  }

  return {
    async sendText(pageId: string, psid: string, text: string, opts: ShopperOptions = {}) {
      const thread = startedThread(pageId, psid);
      touch(thread, true);
      return emit(pageId, psid, "messages", "message", { message: { mid: `m_${state.nextId("in")}`, text } }, opts);
    },

    /**
     * Sends attachments without text, as Meta's messages webhook carries them: a `sticker` (type since 2026-06-01:
     * { type: "sticker", payload: { url, sticker_id } }) or any type Meta may add.
     */
    async sendAttachments(pageId: string, psid: string, attachments: unknown[], opts: ShopperOptions = {}) {
      const thread = startedThread(pageId, psid);
      touch(thread, true);
      const message = { mid: `m_${state.nextId("in")}`, attachments };
      return emit(pageId, psid, "messages", "message", { message }, opts);
    },

    async tapQuickReply(pageId: string, psid: string, payloadOrTitle: string, opts: ShopperOptions = {}) {
      const thread = startedThread(pageId, psid);
      const qr = latestQuickReplies(thread).find((q) => q.payload === payloadOrTitle || q.title === payloadOrTitle);
      if (!qr) throw new ShopperActionError(`no quick reply "${payloadOrTitle}" on the latest message`);
      touch(thread, true);
      const message = {
        mid: `m_${state.nextId("in")}`,
        text: String(qr.title),
        quick_reply: { payload: String(qr.payload) },
      };
      return emit(pageId, psid, "messages", "message", { message }, opts);
    },

    async tapPostback(pageId: string, psid: string, payload: string, opts: ShopperOptions = {}) {
      const thread = startedThread(pageId, psid);
      const button = visiblePostbacks(thread).find((b) => b.payload === payload);
      if (!button) throw new ShopperActionError(`no postback button "${payload}" in the thread`);
      touch(thread, false);
      return emit(
        pageId,
        psid,
        "messaging_postbacks",
        "postback",
        { postback: { mid: `m_${state.nextId("in")}`, title: button.title, payload } },
        opts,
      );
    },

    /** New thread: postback with the Get Started payload and, when opened from m.me with a ref, its referral. */
    async tapGetStarted(pageId: string, psid: string, options: ShopperOptions & { ref?: string } = {}) {
      const getStarted = asObj(page(pageId).profile.get_started);
      if (typeof getStarted.payload !== "string") throw new ShopperActionError("the Page has no Get Started button");
      const thread = state.ensureThread(pageId, psid);
      if (thread.started) throw new ShopperActionError("Get Started is only shown on a new thread");
      const ref = options.ref ?? pendingRefs.get(`${pageId}/${psid}`);
      pendingRefs.delete(`${pageId}/${psid}`);
      touch(thread, false);
      const postback: Obj = { mid: `m_${state.nextId("in")}`, title: "Get Started", payload: getStarted.payload };
      if (ref !== undefined) postback.referral = { ref, source: "SHORTLINK", type: "OPEN_THREAD" };
      return emit(pageId, psid, "messaging_postbacks", "postback", { postback }, options);
    },

    /** Existing thread: messaging_referrals (refreshes the window). New thread: nothing until Get Started. */
    async openMmeLink(pageId: string, psid: string, ref: string, opts: ShopperOptions = {}) {
      page(pageId);
      const thread = state.ensureThread(pageId, psid);
      if (!thread.started) {
        pendingRefs.set(`${pageId}/${psid}`, ref);
        return { event: null, deliveries: [] };
      }
      touch(thread, false);
      return emit(
        pageId,
        psid,
        "messaging_referrals",
        "referral",
        { referral: { ref, source: "SHORTLINK", type: "OPEN_THREAD" } },
        opts,
      );
    },

    /** Taps the button of a notification_messages opt-in request shown in the thread. Does not open the window. */
    async optIn(pageId: string, psid: string, payload?: string, opts: ShopperOptions & { timezone?: string } = {}) {
      const thread = startedThread(pageId, psid);
      // Without a payload: the latest request on screen (the thread page's "Get offers" button).
      const request = [...thread.items].reverse().find((i) => {
        if (i.direction !== "out") return false;
        const p = asObj(asObj(asObj(i.request.message).attachment).payload);
        return p.template_type === "notification_messages" && (payload === undefined || p.payload === payload);
      });
      if (!request || request.direction !== "out")
        throw new ShopperActionError(`no opt-in request with payload "${payload ?? "(any)"}" in the thread`);
      const shown = asObj(asObj(asObj(request.request.message).attachment).payload);
      state.unsubscribed.delete(`${pageId}/${psid}`);
      const token = `nmt_${state.nextId("tok")}`;
      state.subscriptions.set(token, { token, pageId, psid, stopped: false, lastMarketingAt: null });
      const optin = {
        type: "notification_messages",
        payload: String(shown.payload),
        notification_messages_token: token,
        notification_messages_timezone: opts.timezone ?? String(shown.notification_messages_timezone ?? "UTC"),
        user_token_status: "NOT_REFRESHED",
        title: String(shown.title ?? "Updates and promotions"),
      };
      return { token, ...(await emit(pageId, psid, "messaging_optins", "optin", { optin }, opts)) };
    },

    /** STOP / RESUME from the thread menu; the status strings include the word NOTIFICATIONS (spec §4.1). */
    async setMarketing(pageId: string, psid: string, status: "STOP" | "RESUME", opts: ShopperOptions = {}) {
      const sub = [...state.subscriptions.values()].find((s) => s.pageId === pageId && s.psid === psid);
      if (!sub) throw new ShopperActionError("the shopper has no marketing subscription");
      sub.stopped = status === "STOP";
      const optin = {
        type: "notification_messages",
        payload: "",
        notification_messages_token: sub.token,
        notification_messages_status: `${status} NOTIFICATIONS`,
      };
      return emit(pageId, psid, "messaging_optins", "optin", { optin }, opts);
    },

    /** Blocking sends no webhook; later sends fail with 551. */
    block(pageId: string, psid: string, blocked = true) {
      state.ensureThread(pageId, psid).blocked = blocked;
    },

    setCountry(pageId: string, psid: string, country: string) {
      state.ensureThread(pageId, psid).country = country.toUpperCase();
    },
  };
}

export type Shopper = ReturnType<typeof createShopper>;
