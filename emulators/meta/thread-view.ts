import { escapeHtml as e } from "./http-util.js";
import type { MetaEmulator } from "./meta-emulator.js";
import type { ThreadItem } from "./state.js";
import { renderUtility } from "./templates.js";

// What a merchant sees in the sandbox: the conversation as Messenger would show it, with tappable controls.

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => (typeof v === "object" && v !== null ? (v as Obj) : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(o) : []);

const STYLE = `body{font-family:system-ui,sans-serif;max-width:560px;margin:1rem auto;background:#f0f2f5}
.b{padding:.5rem .75rem;border-radius:1rem;margin:.3rem 0;max-width:80%;white-space:pre-wrap}
.in{background:#e4e6eb}.out{background:#0084ff;color:#fff;margin-left:auto}.ev{color:#65676b;font-size:.8rem;text-align:center}
.card{background:#fff;color:#050505;border-radius:.75rem;padding:.5rem;margin:.3rem 0 .3rem auto;max-width:80%}
button{border:1px solid #0084ff;background:#fff;color:#0084ff;border-radius:1rem;padding:.3rem .7rem;margin:.1rem;cursor:pointer}
form{display:inline}table{width:100%;font-size:.85rem}`;

function tap(pageId: string, psid: string, action: string, payload: string, label: string): string {
  return `<form method="post" action="/__emulator/ui/${e(encodeURIComponent(pageId))}/${e(encodeURIComponent(psid))}/${action}"><input type="hidden" name="payload" value="${e(payload)}"><button>${e(label)}</button></form>`;
}

function buttons(pageId: string, psid: string, bs: Obj[]): string {
  return bs
    .map((b) =>
      b.type === "postback"
        ? tap(pageId, psid, "tap-postback", String(b.payload), String(b.title))
        : `<a href="${e(b.url ?? "#")}">${e(b.title ?? b.type)}</a> `,
    )
    .join("");
}

function renderTemplate(pageId: string, psid: string, p: Obj): string {
  switch (p.template_type) {
    case "button":
      return `<div class="card">${e(p.text)}<br>${buttons(pageId, psid, list(p.buttons))}</div>`;
    case "generic":
      return list(p.elements)
        .map(
          (el) =>
            `<div class="card"><b>${e(el.title)}</b><br>${e(el.subtitle ?? "")}<br>${buttons(pageId, psid, list(el.buttons))}</div>`,
        )
        .join("");
    case "receipt": {
      const rows = list(p.elements).map(
        (el) => `<tr><td>${e(el.title)} ×${e(el.quantity ?? 1)}</td><td>${e(el.price)} ${e(p.currency)}</td></tr>`,
      );
      return `<div class="card"><b>Receipt ${e(p.order_number)}</b> for ${e(p.recipient_name)}<table>${rows.join("")}</table>
        Total: <b>${e(o(p.summary).total_cost)} ${e(p.currency)}</b> · ${e(p.payment_method)}</div>`;
    }
    case "notification_messages":
      return `<div class="card"><b>${e(p.title ?? "Updates and promotions")}</b><br>${tap(pageId, psid, "opt-in", String(p.payload), "Get updates")}</div>`;
    default:
      return `<div class="card">[${e(p.template_type)} template]</div>`;
  }
}

function renderItem(emu: MetaEmulator, item: ThreadItem, isLast: boolean, pageId: string, psid: string): string {
  if (item.direction === "in") {
    const ev = item.event;
    if (item.kind === "message") return `<div class="b in">${e(o(ev.message).text)}</div>`;
    if (item.kind === "postback") {
      const ref = o(o(ev.postback).referral).ref;
      return `<div class="ev">tapped “${e(o(ev.postback).title)}”${ref ? ` (ref ${e(ref)})` : ""}</div>`;
    }
    if (item.kind === "referral") return `<div class="ev">opened m.me link (ref ${e(o(ev.referral).ref)})</div>`;
    return `<div class="ev">${e(o(ev.optin).notification_messages_status ?? "opted in to marketing messages")}</div>`;
  }
  const req = item.request;
  const m = o(req.message);
  const tag =
    item.kind === "marketing"
      ? "marketing"
      : `${String(req.messaging_type ?? "")}${req.tag ? ` ${String(req.tag)}` : ""}`;
  let body = "";
  if (req.messaging_type === "UTILITY")
    body = `<div class="card">${e(renderUtility(emu.state, pageId, m))}<br><small>utility template ${e(o(m.template).name)}</small></div>`;
  else if (typeof m.text === "string") body = `<div class="b out">${e(m.text)}</div>`;
  else if (o(m.attachment).type === "template") body = renderTemplate(pageId, psid, o(o(m.attachment).payload));
  else body = `<div class="b out">[${e(o(m.attachment).type ?? "attachment")}]</div>`;
  const qrs = isLast ? list(m.quick_replies).filter((q) => q.content_type === "text") : [];
  const qrHtml = qrs.length
    ? `<div>${qrs.map((q) => tap(pageId, psid, "tap-quick-reply", String(q.payload), String(q.title))).join("")}</div>`
    : "";
  return `${body}<div class="ev">${e(tag)}</div>${qrHtml}`;
}

export function renderThread(emu: MetaEmulator, pageId: string, psid: string): string {
  const page = emu.state.pages.get(pageId);
  const thread = emu.thread(pageId, psid);
  const items = thread?.items ?? [];
  const lastOut = items.map((i) => i.direction).lastIndexOf("out");
  const html = items
    .map((item, i) => renderItem(emu, item, i === lastOut && i === items.length - 1, pageId, psid))
    .join("\n");
  const composer = thread?.started
    ? `<form method="post" action="/__emulator/ui/${e(encodeURIComponent(pageId))}/${e(encodeURIComponent(psid))}/send-text"><input name="text" placeholder="Aa" required><button>Send</button></form>`
    : "";
  return `<!doctype html><html><head><meta charset="utf-8"><title>${e(page?.name ?? pageId)} · Messenger (emulated)</title><style>${STYLE}</style></head>
<body><h2>${e(page?.name ?? pageId)}</h2><p class="ev">PSID ${e(psid)}${thread?.blocked ? " · blocked" : ""}</p>${html || '<p class="ev">No messages yet.</p>'}${composer}</body></html>`;
}

/** m.me for a new thread: only the Get Started button, which carries the ref into the postback. */
export function renderMmePage(emu: MetaEmulator, pageId: string, psid: string, ref: string | undefined): string {
  const page = emu.state.pages.get(pageId);
  const hasGetStarted = typeof o(page?.profile.get_started).payload === "string";
  const action = `/__emulator/ui/${e(encodeURIComponent(pageId))}/${e(encodeURIComponent(psid))}/tap-get-started`;
  const control = hasGetStarted
    ? `<form method="post" action="${action}">${ref ? `<input type="hidden" name="ref" value="${e(ref)}">` : ""}<button>Get Started</button></form>`
    : `<p class="ev">This Page has no Get Started button, so the ref cannot reach it.</p>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${e(page?.name ?? pageId)} · m.me (emulated)</title><style>${STYLE}</style></head>
<body><h2>${e(page?.name ?? pageId)}</h2><p class="ev">New conversation · PSID ${e(psid)}</p>${control}</body></html>`;
}
