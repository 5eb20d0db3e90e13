import type { IncomingMessage, ServerResponse } from "node:http";
import type { FaultKind, FaultRates } from "./faults.js";
import { parseBody, redirect, sendHtml, sendJson } from "./http-util.js";
import type { MetaEmulator } from "./meta-emulator.js";
import { ShopperActionError } from "./shopper.js";
import { renderMmePage, renderThread, renderThreadList } from "./thread-view.js";
import { isObj } from "./validate-message.js";

type Obj = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : v === undefined ? "" : String(v));

/** Runs one shopper action by name; shared by the JSON API and the HTML thread view. */
async function shopperAction(emu: MetaEmulator, action: string, b: Obj) {
  const { pageId, psid } = { pageId: str(b.pageId), psid: str(b.psid) };
  const opts = { redeliver: b.redeliver === undefined ? undefined : Number(b.redeliver) };
  switch (action) {
    case "send-text":
      return emu.shopper.sendText(pageId, psid, str(b.text), opts);
    case "tap-quick-reply":
      return emu.shopper.tapQuickReply(pageId, psid, str(b.payload), opts);
    case "tap-postback":
      return emu.shopper.tapPostback(pageId, psid, str(b.payload), opts);
    case "tap-get-started":
      return emu.shopper.tapGetStarted(pageId, psid, { ...opts, ...(b.ref ? { ref: str(b.ref) } : {}) });
    case "open-mme-link":
      return emu.shopper.openMmeLink(pageId, psid, str(b.ref), opts);
    case "opt-in":
      return emu.shopper.optIn(pageId, psid, str(b.payload), opts);
    case "get-offers":
      return emu.shopper.optIn(pageId, psid, undefined, opts);
    case "stop-marketing":
      return emu.shopper.setMarketing(pageId, psid, "STOP", opts);
    case "resume-marketing":
      return emu.shopper.setMarketing(pageId, psid, "RESUME", opts);
    case "block":
      return emu.shopper.block(pageId, psid, b.blocked !== false && b.blocked !== "false");
    case "set-country":
      return emu.shopper.setCountry(pageId, psid, str(b.country));
    default:
      throw new ShopperActionError(`unknown action ${action}`);
  }
}

function publicState(emu: MetaEmulator) {
  return {
    pages: [...emu.state.pages.values()].map(({ token: _t, ...p }) => p),
    templates: emu.state.templates,
    threads: emu.threads().map(({ items, ...t }) => ({ ...t, items: items.length })),
  };
}

/** /__emulator/* (JSON control API and HTML views) and /m.me/:page. */
export async function handleControl(
  emu: MetaEmulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  raw: Buffer,
): Promise<void> {
  const method = req.method ?? "GET";
  const parsed = parseBody(req, raw);
  const b: Obj = parsed.ok && isObj(parsed.value) ? parsed.value : {};
  const p = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  try {
    if (p[0] === "m.me" && p[1]) {
      const page = emu.state.pageByRef(p[1]);
      if (!page) return sendHtml(res, 404, "<h1>Page not found</h1>");
      const cookieName = `emu_psid_${page.pageId}`;
      const cookie = /(?:^|;\s*)([^=]+)=([^;]*)/g;
      const cookies = Object.fromEntries([...(req.headers.cookie ?? "").matchAll(cookie)].map((m) => [m[1], m[2]]));
      const psid = url.searchParams.get("psid") ?? cookies[cookieName] ?? emu.state.nextId("9");
      const setCookie = { "set-cookie": `${cookieName}=${psid}; Path=/; SameSite=Lax` };
      const ref = url.searchParams.get("ref") ?? undefined;
      const thread = emu.thread(page.pageId, psid);
      if (thread?.started) {
        if (ref) await emu.shopper.openMmeLink(page.pageId, psid, ref);
        return redirect(res, `/__emulator/thread/${page.pageId}/${psid}`, setCookie);
      }
      return sendHtml(res, 200, renderMmePage(emu, page.pageId, psid, ref), setCookie);
    }
    const [, section, a, c, d] = p;
    if (section === "state" && method === "GET") return sendJson(res, 200, publicState(emu));
    if (section === "pages" && method === "POST") return sendJson(res, 200, { pageId: emu.addPage(b as never).pageId });
    if (section === "shopper" && a && method === "POST")
      return sendJson(res, 200, { result: (await shopperAction(emu, a, b)) ?? null });
    if (section === "threads" && method === "GET")
      return sendJson(res, 200, a && c ? (emu.thread(a, c) ?? null) : emu.threads());
    if (section === "thread" && a && c && method === "GET") return sendHtml(res, 200, renderThread(emu, a, c));
    if (section === "thread" && !a && method === "GET") return sendHtml(res, 200, renderThreadList(emu));
    if (section === "ui" && a && c && d && method === "POST") {
      await shopperAction(emu, d, { ...b, pageId: a, psid: c });
      return redirect(res, `/__emulator/thread/${encodeURIComponent(a)}/${encodeURIComponent(c)}`);
    }
    if (section === "templates" && (a === "approve" || a === "reject") && method === "POST") {
      const fn = a === "approve" ? emu.approveTemplate : emu.rejectTemplate;
      return sendJson(res, 200, {
        deliveries: await fn(str(b.name), str(b.language), b.pageId ? str(b.pageId) : undefined),
      });
    }
    if (section === "faults" && method === "POST" && a === "next") {
      emu.faults.next(...((Array.isArray(b.kinds) ? b.kinds : [b.kind]) as FaultKind[]));
      return sendJson(res, 200, { pending: emu.faults.pending() });
    }
    if (section === "faults" && method === "POST")
      return sendJson(res, 200, { ok: true, set: emu.faults.set(b as FaultRates) ?? b });
    if (section === "faults" && method === "DELETE")
      return sendJson(res, 200, { ok: true, cleared: emu.faults.clear() ?? true });
    if (section === "oauth-codes" && method === "POST")
      return sendJson(res, 200, { ok: emu.addOAuthCode(b as never) ?? true });
    if (section === "ad-accounts" && method === "POST")
      return sendJson(res, 200, { ok: emu.addAdAccount(b as never) ?? true });
    if (section === "webhooks" && method === "GET") return sendJson(res, 200, emu.webhooks.log);
    if (section === "requests" && method === "GET") return sendJson(res, 200, emu.requests);
    if (section === "clock" && a === "advance" && method === "POST") {
      const clock = emu.clock as { advance?: (x: unknown) => void; offsetMs?: () => number };
      if (!clock.advance) return sendJson(res, 409, { error: "the emulator clock cannot be moved" });
      // OffsetClock.advance takes milliseconds; ManualClock.advance takes { ms, minutes, hours, days }.
      clock.advance(clock.offsetMs ? Number(b.ms ?? 0) : b);
      return sendJson(res, 200, { now: emu.clock.now().toISOString() });
    }
    sendJson(res, 404, { error: `no control route ${method} ${url.pathname}` });
  } catch (e) {
    if (e instanceof ShopperActionError) return sendJson(res, 409, { error: e.message });
    throw e;
  }
}
