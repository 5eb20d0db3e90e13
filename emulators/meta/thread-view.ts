import { escapeHtml as e } from "./http-util.js";
import type { MetaEmulator } from "./meta-emulator.js";
import type { Thread, ThreadItem } from "./state.js";
import { renderUtility } from "./templates.js";

// What a person sees in the sandbox: the conversation as the shopper sees it in Messenger (their own
// messages on the right, the Page's on the left), with tappable controls. Developer details (PSID, refs,
// messaging_type and tags, template names) are hidden behind a toggle. The page polls itself and swaps in
// the new conversation when something changed, so replies and order updates appear without reloading.

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => (typeof v === "object" && v !== null ? (v as Obj) : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(o) : []);

const STYLE = `*{box-sizing:border-box}
body{font:16px/1.4 system-ui,sans-serif;margin:0 auto;max-width:640px;min-height:100vh;background:#fff;color:#050505;display:flex;flex-direction:column}
header{position:sticky;top:0;z-index:1;display:flex;flex-wrap:wrap;align-items:center;gap:4px 12px;padding:8px 12px;background:#fff;border-bottom:1px solid #dadde1}
header h1{font-size:1.1rem;margin:0;flex:1}
a{color:#0656d6}
main{flex:1;padding:8px 12px}
.b{padding:8px 12px;border-radius:18px;margin:4px 0;max-width:80%;width:fit-content;white-space:pre-wrap;overflow-wrap:anywhere}
.page{background:#e4e6eb}.me{background:#0866ff;color:#fff;margin-left:auto}
.ev{color:#5b5e63;font-size:.8rem;text-align:center;margin:4px 0;overflow-wrap:anywhere}
.card{background:#fff;border:1px solid #dadde1;border-radius:14px;padding:8px 12px;margin:4px 0;max-width:85%}
.card table{width:100%;font-size:.9rem;border-collapse:collapse}
button{font:inherit;min-height:40px;border:1px solid #0656d6;background:#fff;color:#0656d6;border-radius:18px;padding:6px 14px;margin:2px;cursor:pointer}
button[aria-pressed="true"]{background:#0656d6;color:#fff}
button:focus-visible,a:focus-visible,input:focus-visible{outline:3px solid #0656d6;outline-offset:2px}
form{display:inline}
.composer{position:sticky;bottom:0;display:flex;gap:8px;padding:8px 12px;background:#fff;border-top:1px solid #dadde1}
.composer form{display:flex;gap:8px;flex:1}
.composer input{flex:1;min-width:0;font:inherit;min-height:40px;padding:6px 14px;border:1px solid #8a8d91;border-radius:20px}
.dev{display:none}
body.show-dev .dev{display:revert}
body.show-dev .ev.dev,body.show-dev p.dev{display:block}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
ul.threads{list-style:none;padding:0;margin:0}ul.threads li{border-bottom:1px solid #dadde1;padding:10px 0}`;

/** The toggle (remembered per browser) and the self-refresh; without script the page still works, by reload. */
const SCRIPT = `(() => {
  const KEY = "emulator-developer-details";
  const toggle = document.getElementById("dev-toggle");
  const apply = (on) => { document.body.classList.toggle("show-dev", on); toggle.setAttribute("aria-pressed", String(on)); };
  try { apply(localStorage.getItem(KEY) === "1"); } catch { apply(false); }
  toggle.addEventListener("click", () => {
    const on = toggle.getAttribute("aria-pressed") !== "true";
    try { localStorage.setItem(KEY, on ? "1" : "0"); } catch {}
    apply(on);
  });
  const thread = document.querySelector("[data-live]");
  if (!thread) return;
  const atBottom = () => window.innerHeight + window.scrollY >= document.body.scrollHeight - 40;
  window.scrollTo(0, document.body.scrollHeight);
  let busy = false;
  async function refresh() {
    if (busy || document.hidden) return;
    busy = true;
    try {
      const res = await fetch(location.pathname, { cache: "no-store", headers: { accept: "text/html" } });
      if (!res.ok) return;
      const next = new DOMParser().parseFromString(await res.text(), "text/html");
      const nextThread = next.getElementById(thread.id);
      if (!nextThread || nextThread.dataset.version === thread.dataset.version) return;
      const follow = atBottom();
      thread.innerHTML = nextThread.innerHTML;
      thread.dataset.version = nextThread.dataset.version;
      const composer = document.getElementById("composer");
      const nextComposer = next.getElementById("composer");
      const typing = document.activeElement && composer && composer.contains(document.activeElement);
      if (composer && nextComposer && !typing) composer.innerHTML = nextComposer.innerHTML;
      if (follow) window.scrollTo(0, document.body.scrollHeight);
    } catch {
      // The emulator is restarting: try again on the next tick.
    } finally {
      busy = false;
    }
  }
  // Sending from the composer stays on the page (the phone keyboard stays open); without script it posts.
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    const input = form instanceof HTMLFormElement ? form.querySelector("input[name=text]") : null;
    if (!input || !form.closest("#composer")) return;
    event.preventDefault();
    const res = await fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)) }).catch(() => null);
    const status = document.getElementById("composer-status");
    if (!res || !res.ok) {
      status.textContent = "Not sent. " + (res ? ((await res.json().catch(() => ({}))).error ?? "") : "The emulator did not answer.");
      return;
    }
    status.textContent = "";
    input.value = "";
    input.focus();
    await refresh();
  });
  setInterval(refresh, 1000);
  document.addEventListener("visibilitychange", refresh);
})();`;

function uiAction(pageId: string, psid: string, action: string): string {
  return `/__emulator/ui/${e(encodeURIComponent(pageId))}/${e(encodeURIComponent(psid))}/${action}`;
}

function tap(pageId: string, psid: string, action: string, payload: string, label: string): string {
  return `<form method="post" action="${uiAction(pageId, psid, action)}"><input type="hidden" name="payload" value="${e(payload)}"><button>${e(label)}</button></form>`;
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

const devRef = (ref: unknown) => (ref ? `<span class="dev"> (ref ${e(ref)})</span>` : "");

function renderItem(emu: MetaEmulator, item: ThreadItem, isLast: boolean, pageId: string, psid: string): string {
  if (item.direction === "in") {
    const ev = item.event;
    if (item.kind === "message") return `<div class="b me">${e(o(ev.message).text)}</div>`;
    if (item.kind === "postback") {
      return `<div class="ev">You tapped “${e(o(ev.postback).title)}”${devRef(o(o(ev.postback).referral).ref)}</div>`;
    }
    if (item.kind === "referral")
      return `<div class="ev">You opened a link to this chat${devRef(o(ev.referral).ref)}</div>`;
    return `<div class="ev">${e(o(ev.optin).notification_messages_status ?? "You opted in to updates and promotions")}</div>`;
  }
  const req = item.request;
  const m = o(req.message);
  const transport =
    item.kind === "marketing"
      ? "marketing message"
      : `${String(req.messaging_type ?? "")}${req.tag ? ` ${String(req.tag)}` : ""}`;
  let body = "";
  if (req.messaging_type === "UTILITY")
    body = `<div class="card">${e(renderUtility(emu.state, pageId, m))}<small class="dev"><br>utility template ${e(o(m.template).name)}</small></div>`;
  else if (typeof m.text === "string") body = `<div class="b page">${e(m.text)}</div>`;
  else if (o(m.attachment).type === "template") body = renderTemplate(pageId, psid, o(o(m.attachment).payload));
  else body = `<div class="b page">[${e(o(m.attachment).type ?? "attachment")}]</div>`;
  const qrs = isLast ? list(m.quick_replies).filter((q) => q.content_type === "text") : [];
  const qrHtml = qrs.length
    ? `<div>${qrs.map((q) => tap(pageId, psid, "tap-quick-reply", String(q.payload), String(q.title))).join("")}</div>`
    : "";
  return `${body}<div class="ev dev">${e(transport)}</div>${qrHtml}`;
}

/** Changes whenever the page would look different; the self-refresh compares it. */
function threadVersion(thread: Thread | undefined): string {
  return thread ? `${thread.items.length}:${thread.started ? 1 : 0}:${thread.blocked ? 1 : 0}` : "none";
}

function composer(emu: MetaEmulator, pageId: string, psid: string, thread: Thread | undefined): string {
  const page = emu.state.pages.get(pageId);
  if (thread?.blocked) return `<p class="ev">You blocked this Page.</p>`;
  if (thread?.started) {
    return `<form method="post" action="${uiAction(pageId, psid, "send-text")}"><label for="message" class="visually-hidden">Message to ${e(page?.name ?? "the Page")}</label><input id="message" name="text" placeholder="Aa" autocomplete="off" required maxlength="2000"><button>Send</button></form>`;
  }
  if (typeof o(page?.profile.get_started).payload === "string") {
    return `<form method="post" action="${uiAction(pageId, psid, "tap-get-started")}"><button>Get Started</button></form>`;
  }
  return `<p class="ev">This Page has not set up a Get Started button.</p>`;
}

function shell(title: string, heading: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(title)}</title><style>${STYLE}</style></head>
<body><header><a href="/__emulator/thread">All chats</a><h1>${e(heading)}</h1><button type="button" id="dev-toggle" aria-pressed="false">Developer details</button></header>
${body}
<script>${SCRIPT}</script></body></html>`;
}

export function renderThread(emu: MetaEmulator, pageId: string, psid: string): string {
  const page = emu.state.pages.get(pageId);
  const thread = emu.thread(pageId, psid);
  const items = thread?.items ?? [];
  const lastOut = items.map((i) => i.direction).lastIndexOf("out");
  const html = items
    .map((item, i) => renderItem(emu, item, i === lastOut && i === items.length - 1, pageId, psid))
    .join("\n");
  const name = page?.name ?? pageId;
  return shell(
    `${name} · Messenger (emulated)`,
    name,
    `<p class="ev dev">Page ${e(pageId)} · PSID ${e(psid)}${thread?.blocked ? " · blocked" : ""}</p>
<main id="thread" data-live role="log" aria-label="Conversation with ${e(name)}" data-version="${e(threadVersion(thread))}">${html || '<p class="ev">No messages yet.</p>'}</main>
<div class="composer" id="composer">${composer(emu, pageId, psid, thread)}</div>
<p id="composer-status" class="ev" role="status"></p>`,
  );
}

function lastText(thread: Thread): string {
  for (const item of [...thread.items].reverse()) {
    const text = item.direction === "in" ? o(item.event.message).text : o(item.request.message).text;
    if (typeof text === "string") return text.length > 80 ? `${text.slice(0, 79)}…` : text;
  }
  return `${thread.items.length} item${thread.items.length === 1 ? "" : "s"}`;
}

/** Every conversation the emulator knows, newest activity first. */
export function renderThreadList(emu: MetaEmulator): string {
  const threads = emu
    .threads()
    .filter((t) => t.items.length > 0)
    .sort((a, b) => (b.items.at(-1)?.at ?? 0) - (a.items.at(-1)?.at ?? 0));
  const rows = threads.map((t) => {
    const page = emu.state.pages.get(t.pageId);
    const href = `/__emulator/thread/${encodeURIComponent(t.pageId)}/${encodeURIComponent(t.psid)}`;
    return `<li><a href="${e(href)}">${e(page?.name ?? t.pageId)} · Messenger user ${e(t.psid)}</a><br><span class="ev">${e(lastText(t))}</span></li>`;
  });
  return shell(
    "Chats · Messenger (emulated)",
    "Chats",
    `<main id="chats" data-live data-version="${threads.length}:${threads.reduce((n, t) => n + t.items.length, 0)}"><p>Conversations the emulated Messenger holds. Start one from the storefront's bubble.</p>${rows.length ? `<ul class="threads">${rows.join("")}</ul>` : '<p class="ev">No chats yet.</p>'}</main>`,
  );
}

/** m.me for a new thread: only the Get Started button, which carries the ref into the postback. */
export function renderMmePage(emu: MetaEmulator, pageId: string, psid: string, ref: string | undefined): string {
  const page = emu.state.pages.get(pageId);
  const hasGetStarted = typeof o(page?.profile.get_started).payload === "string";
  const control = hasGetStarted
    ? `<form method="post" action="${uiAction(pageId, psid, "tap-get-started")}">${ref ? `<input type="hidden" name="ref" value="${e(ref)}">` : ""}<button>Get Started</button></form>`
    : `<p class="ev">This Page has no Get Started button, so the ref cannot reach it.</p>`;
  const name = page?.name ?? pageId;
  return shell(
    `${name} · m.me (emulated)`,
    name,
    `<main><p class="ev">New conversation with ${e(name)}<span class="dev"> · PSID ${e(psid)}${ref ? ` · ref ${e(ref)}` : ""}</span></p>${control}</main>`,
  );
}
