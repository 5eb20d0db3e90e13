import type { Clock } from "../../web/server/lib/clock.js";
import { errors, invalidParam } from "./graph-errors.js";
import type { EmulatedPage, EmulatorState } from "./state.js";
import { createTemplate, deleteTemplate } from "./templates.js";
import { isObj, refuse } from "./validate-message.js";

// Messenger Profile (spec §9.2) and app subscription (spec §6).
// https://developers.facebook.com/docs/messenger-platform/reference/messenger-profile-api

type Obj = Record<string, unknown>;
const PROFILE_FIELDS = [
  "get_started",
  "greeting",
  "ice_breakers",
  "persistent_menu",
  "whitelisted_domains",
  "account_linking_url",
  "commands",
];
export const WEBHOOK_FIELDS = [
  "messages",
  "messaging_postbacks",
  "messaging_optins",
  "messaging_referrals",
  "message_deliveries",
  "message_reads",
  "message_echoes",
  "message_edits",
  "message_reactions",
  "messaging_handovers",
  "standby",
  "messaging_account_linking",
  "messaging_feedback",
  "messaging_game_plays",
  "messaging_policy_enforcement",
  "messenger_template_status_update",
  "message_template_status_update",
  "response_feedback",
  "send_cart",
  "marketing_message_echoes",
  "marketing_message_deliveries",
  "marketing_message_reads",
  "marketing_message_clicks",
  "marketing_message_delivery_failed",
  "marketing_messages_subscriber_upload_status",
];

function localized(list: unknown, name: string, each: (item: Obj, at: string) => void): void {
  if (!Array.isArray(list) || list.length === 0) refuse(`param ${name} must be a non-empty array`);
  list.forEach((item, i) => {
    if (!isObj(item)) refuse(`param ${name}[${i}] must be an object`);
    each(item, `${name}[${i}]`);
  });
  // A "default" locale is required so every shopper sees something.
  if (!list.some((i) => isObj(i) && (i.locale ?? "default") === "default"))
    refuse(`param ${name} must include the default locale`);
}

export function validateProfile(current: Obj, input: unknown): void {
  if (!isObj(input)) refuse("request body must be a JSON object");
  const keys = Object.keys(input);
  if (keys.length === 0) refuse("at least one Messenger Profile property is required");
  for (const k of keys) if (!PROFILE_FIELDS.includes(k)) refuse(`param ${k} is not a Messenger Profile property`);
  if (input.get_started !== undefined) {
    const gs = input.get_started;
    if (!isObj(gs) || typeof gs.payload !== "string" || gs.payload.length === 0 || gs.payload.length > 1000)
      refuse("param get_started[payload] must be 1 to 1000 characters");
  }
  if (input.greeting !== undefined) {
    localized(input.greeting, "greeting", (g, at) => {
      if (typeof g.text !== "string" || g.text.length === 0 || g.text.length > 160)
        refuse(`param ${at}[text] must be 1 to 160 characters`);
    });
  }
  if (input.ice_breakers !== undefined) {
    localized(input.ice_breakers, "ice_breakers", (b, at) => {
      const ctas = b.call_to_actions;
      if (!Array.isArray(ctas) || ctas.length < 1 || ctas.length > 4)
        refuse(`param ${at}[call_to_actions] must have 1 to 4 questions`);
      for (const c of ctas)
        if (!isObj(c) || typeof c.question !== "string" || typeof c.payload !== "string")
          refuse(`param ${at} needs question and payload`);
    });
  }
  if (input.persistent_menu !== undefined) {
    // The persistent menu needs a Get Started button.
    if (!input.get_started && !current.get_started) refuse("persistent_menu requires get_started to be set");
    localized(input.persistent_menu, "persistent_menu", (m, at) => {
      const ctas = m.call_to_actions;
      if (!Array.isArray(ctas) || ctas.length > 20) refuse(`param ${at}[call_to_actions] allows at most 20 items`);
      for (const c of ctas) {
        if (!isObj(c) || typeof c.title !== "string" || c.title.length > 30)
          refuse(`param ${at} item titles must be at most 30 characters`);
        if (
          c.type === "postback"
            ? typeof c.payload !== "string" || c.payload.length > 1000
            : c.type !== "web_url" || typeof c.url !== "string"
        ) {
          refuse(`param ${at} items must be postback (payload) or web_url (url)`);
        }
      }
    });
  }
  if (input.whitelisted_domains !== undefined) {
    const d = input.whitelisted_domains;
    if (!Array.isArray(d) || d.length > 50 || d.some((x) => typeof x !== "string" || !x.startsWith("https://")))
      refuse("param whitelisted_domains must be HTTPS URLs (max 50)");
  }
}

function fieldsOf(query: URLSearchParams, body: unknown): string[] {
  const raw =
    query.get("fields") ??
    query.get("subscribed_fields") ??
    (isObj(body) ? (body.fields ?? body.subscribed_fields) : undefined);
  if (Array.isArray(raw)) return raw.map(String);
  return typeof raw === "string"
    ? raw
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

/** Messenger Profile API is limited to 10 calls per 10 minutes per Page (Rate limits doc, Mar 2026). */
function profileRateLimit(calls: Map<string, number[]>, clock: Clock, pageId: string): void {
  const now = clock.now().getTime();
  const recent = (calls.get(pageId) ?? []).filter((t) => now - t < 600_000);
  if (recent.length >= 10) throw errors.rateLimited();
  calls.set(pageId, [...recent, now]);
}

/** Page node fields the emulator can answer: https://developers.facebook.com/docs/graph-api/reference/page/ */
const PAGE_NODE_FIELDS = ["id", "name", "username"];

export function createPageRoutes(state: EmulatorState, clock: Clock, appId: string) {
  const profileCalls = new Map<string, number[]>();
  return {
    /**
     * GET /{page-id}?fields=…: only the fields asked for, `fields` required (the app always names them), and
     * an unknown field is error 100 as Graph answers it. A Page without a username has none in the answer.
     */
    node(page: EmulatedPage, query: URLSearchParams): Obj {
      const fields = (query.get("fields") ?? "")
        .split(",")
        .map((f) => f.trim())
        .filter(Boolean);
      if (fields.length === 0) throw invalidParam("The parameter fields is required");
      const unknown = fields.find((f) => !PAGE_NODE_FIELDS.includes(f));
      if (unknown) throw invalidParam(`Tried accessing nonexisting field (${unknown}) on node type (Page)`);
      const values: Obj = { id: page.pageId, name: page.name, username: page.username };
      return Object.fromEntries(fields.filter((f) => values[f] !== undefined).map((f) => [f, values[f]]));
    },
    profile(page: EmulatedPage, method: string, query: URLSearchParams, body: unknown) {
      profileRateLimit(profileCalls, clock, page.pageId);
      if (method === "POST") {
        validateProfile(page.profile, body);
        Object.assign(page.profile, body as Obj);
        return { result: "success" };
      }
      const fields = fieldsOf(query, body);
      if (fields.length === 0) refuse("param fields is required");
      if (method === "GET") {
        const data = Object.fromEntries(
          fields.filter((f) => page.profile[f] !== undefined).map((f) => [f, page.profile[f]]),
        );
        return { data: Object.keys(data).length ? [data] : [] };
      }
      if (fields.includes("get_started") && page.profile.persistent_menu && !fields.includes("persistent_menu")) {
        refuse("get_started cannot be deleted while persistent_menu is set");
      }
      for (const f of fields) delete page.profile[f];
      return { result: "success" };
    },

    subscribedApps(page: EmulatedPage, method: string, query: URLSearchParams, body: unknown) {
      if (method === "GET") {
        return {
          data: page.subscribedFields.length
            ? [{ id: appId, name: "Emulated app", subscribed_fields: page.subscribedFields }]
            : [],
        };
      }
      if (method === "DELETE") {
        page.subscribedFields = [];
        return { success: true };
      }
      const fields = fieldsOf(query, body);
      if (fields.length === 0) refuse("param subscribed_fields is required");
      for (const f of fields)
        if (!WEBHOOK_FIELDS.includes(f)) refuse(`param subscribed_fields[${f}] is not a valid field`);
      page.subscribedFields = [...new Set(fields)];
      return { success: true };
    },

    templates(page: EmulatedPage, method: string, query: URLSearchParams, body: unknown) {
      if (method === "POST") {
        const t = createTemplate(state, page.pageId, body);
        return { id: t.id, status: t.status, category: t.category };
      }
      if (method === "DELETE") return deleteTemplate(state, page.pageId, query);
      const data = state.templates
        .filter((t) => t.pageId === page.pageId)
        .filter((t) => ["name", "language", "status"].every((k) => !query.get(k) || query.get(k) === t[k as "name"]))
        .map((t) => ({
          id: t.id,
          name: t.name,
          language: t.language,
          status: t.status,
          category: t.category,
          components: t.components,
        }));
      return { data, paging: { cursors: {} } };
    },
  };
}
