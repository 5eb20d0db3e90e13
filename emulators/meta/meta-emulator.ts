import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { systemClock, type Clock } from "../../web/server/lib/clock.js";
import { createAccountRoutes } from "./account-routes.js";
import { handleControl } from "./control-routes.js";
import { createFaults } from "./faults.js";
import { handleGraph, type RecordedRequest } from "./graph-server.js";
import { readBody, sendJson } from "./http-util.js";
import { createPageRoutes } from "./page-routes.js";
import { createShopper } from "./shopper.js";
import { createState, type EmulatedPage, type TemplateStatus } from "./state.js";
import { createWebhookSender } from "./webhook-sender.js";

export interface MetaEmulatorOptions {
  appId: string;
  appSecret: string;
  webhookUrl?: string;
  verifyToken?: string;
  clock?: Clock;
  /** Meta's "Require App Secret" app setting; on by default because our client always sends the proof. */
  requireProof?: boolean;
  fetch?: typeof fetch;
  /**
   * Told after anything may have changed the emulator's world: each HTTP request it served, each shopper
   * action, Page and template change made in-process. The sandbox uses it to save a snapshot (debounced).
   */
  onChange?: () => void;
  /**
   * How long after a send its message_echoes webhook leaves (real timers; default 20 ms). Meta delivers echoes
   * on their own, after the Send API has answered or not at all; a test of the timed-out-send path sets it
   * beyond the app's Graph timeout.
   */
  echoDelayMs?: number;
}

export const DEFAULT_ECHO_DELAY_MS = 20;

export interface AddPageInput {
  pageId: string;
  token: string;
  name: string;
  username?: string;
  country?: string;
  humanAgent?: boolean;
  /** Pre-subscribe the app to these webhook fields (otherwise call POST /{page-id}/subscribed_apps). */
  subscribedFields?: string[];
  profile?: Record<string, unknown>;
}

/** An HTTP stand-in for graph.facebook.com that refuses what Meta refuses, plus a shopper that triggers webhooks. */
export function createMetaEmulator(options: MetaEmulatorOptions) {
  const clock = options.clock ?? systemClock;
  const state = createState();
  const faults = createFaults();
  const webhooks = createWebhookSender({
    appSecret: options.appSecret,
    webhookUrl: options.webhookUrl,
    fetch: options.fetch,
  });
  const changed = () => options.onChange?.();
  const shopper = notifyAfterEach(createShopper(state, clock, webhooks), changed);
  let echoDelayMs = options.echoDelayMs ?? DEFAULT_ECHO_DELAY_MS;
  // Meta echoes every message a Page sends to apps subscribed to message_echoes, with the sender's
  // metadata: https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-echoes
  state.onOutbound((sent) => {
    const page = state.pages.get(sent.pageId);
    const message = (sent.request.message ?? {}) as Record<string, unknown>;
    const echo = {
      is_echo: true,
      app_id: Number(options.appId),
      mid: sent.mid,
      ...(typeof message.metadata === "string" ? { metadata: message.metadata } : {}),
      ...(typeof message.text === "string" ? { text: message.text } : {}),
      ...(message.attachment ? { attachments: [message.attachment] } : {}),
    };
    const payload = {
      object: "page",
      entry: [
        {
          id: sent.pageId,
          time: sent.at,
          messaging: [{ sender: { id: sent.pageId }, recipient: { id: sent.psid }, timestamp: sent.at, message: echo }],
        },
      ],
    };
    const subscribed = !!page?.subscribedFields.includes("message_echoes");
    void webhooks
      .deliver("message_echoes", sent.pageId, payload, { subscribed, delayMs: echoDelayMs })
      .catch(() => undefined);
  });
  const requests: RecordedRequest[] = [];
  const hung = new Set<ServerResponse>();
  const deps = {
    state,
    clock,
    faults,
    appSecret: options.appSecret,
    requireProof: options.requireProof ?? true,
    pages: createPageRoutes(state, clock, options.appId),
    accounts: createAccountRoutes(state, clock, options),
    requests,
    hung,
  };
  let server: Server | null = null;
  let url = "";

  function addPage(input: AddPageInput): EmulatedPage {
    const page: EmulatedPage = {
      pageId: input.pageId,
      token: input.token,
      name: input.name,
      username: input.username,
      country: (input.country ?? "US").toUpperCase(),
      humanAgent: input.humanAgent ?? true,
      profile: { ...(input.profile ?? {}) },
      subscribedFields: [...(input.subscribedFields ?? [])],
    };
    state.pages.set(page.pageId, page);
    changed();
    return page;
  }

  /** Moves a template out of PENDING and sends the template-status webhook (spec §2.3). */
  async function setTemplateStatus(
    name: string,
    language: string,
    status: Exclude<TemplateStatus, "PENDING">,
    pageId?: string,
    reason?: string,
  ) {
    const t = state.templates.find(
      (x) => x.name === name && x.language === language && (!pageId || x.pageId === pageId),
    );
    if (!t) throw new Error(`no template ${name} (${language})`);
    t.status = status;
    changed();
    const page = state.pages.get(t.pageId);
    // The doc names the field both message_template_status_update and messenger_template_status_update (spec §2.3 ⚠).
    const field = page?.subscribedFields.includes("messenger_template_status_update")
      ? "messenger_template_status_update"
      : "message_template_status_update";
    const now = clock.now().getTime();
    const value = {
      event: status,
      message_template_id: t.id,
      message_template_name: t.name,
      message_template_language: t.language,
      reason: status === "REJECTED" ? (reason ?? "INCORRECT_CATEGORY") : "NONE",
    };
    const payload = { object: "page", entry: [{ id: t.pageId, time: now, changes: [{ field, value }] }] };
    const subscribed = !!page?.subscribedFields.some(
      (f) => f === "message_template_status_update" || f === "messenger_template_status_update",
    );
    return webhooks.deliver(field, t.pageId, payload, { subscribed });
  }

  const emulator = {
    get url() {
      return url;
    },
    clock,
    state,
    faults,
    shopper,
    webhooks,
    requests,
    addPage,
    /** Replaces a Page's token, as a password change does: the old one now gets error 190. */
    invalidatePageToken(pageId: string, newToken = `${pageId}-rotated-${Date.now()}`) {
      const page = state.pages.get(pageId);
      if (page) page.token = newToken;
      return newToken;
    },
    /** Registers a Facebook Login for Business authorization code for a test or the sandbox. */
    addOAuthCode(input: {
      code: string;
      redirectUri: string;
      userToken: string;
      pageIds: string[];
      userId?: string;
      /** Permissions the user grants (default: the Page-connection ones). */
      scopes?: string[];
      /** Ad accounts (registered with addAdAccount) the token reaches. */
      adAccountIds?: string[];
    }) {
      state.oauthCodes.set(input.code, {
        userToken: input.userToken,
        redirectUri: input.redirectUri,
        pageIds: input.pageIds,
        ...(input.userId ? { userId: input.userId } : {}),
        ...(input.scopes ? { scopes: input.scopes } : {}),
        ...(input.adAccountIds ? { adAccountIds: input.adAccountIds } : {}),
      });
    },
    addAdAccount(input: { adAccountId: string; token: string }) {
      state.adAccounts.set(input.adAccountId.replace(/^act_/, ""), {
        adAccountId: input.adAccountId,
        token: input.token,
        campaigns: new Map(),
      });
    },
    approveTemplate: (name: string, language: string, pageId?: string) =>
      setTemplateStatus(name, language, "APPROVED", pageId),
    rejectTemplate: (name: string, language: string, pageId?: string, reason?: string) =>
      setTemplateStatus(name, language, "REJECTED", pageId, reason),
    setWebhookUrl: (u: string | undefined) => webhooks.setWebhookUrl(u),
    /** Changes the delay of message_echoes webhooks from now on (see MetaEmulatorOptions.echoDelayMs). */
    setEchoDelay(ms: number) {
      echoDelayMs = Math.max(0, ms);
    },
    /**
     * Plays Meta's subscription handshake: GET webhookUrl?hub.mode=subscribe&hub.verify_token=..&hub.challenge=..;
     * the app must answer 200 with the raw challenge. https://developers.facebook.com/docs/graph-api/webhooks/getting-started
     */
    async verifyWebhook(
      webhookUrl = options.webhookUrl,
      verifyToken = options.verifyToken,
    ): Promise<{ ok: boolean; status: number; body: string }> {
      if (!webhookUrl || verifyToken === undefined) throw new Error("verifyWebhook needs webhookUrl and verifyToken");
      const challenge = String(1_000_000 + Math.floor(Math.random() * 9_000_000));
      const u = new URL(webhookUrl);
      u.searchParams.set("hub.mode", "subscribe");
      u.searchParams.set("hub.verify_token", verifyToken);
      u.searchParams.set("hub.challenge", challenge);
      const res = await (options.fetch ?? fetch)(u);
      const body = await res.text();
      return { ok: res.status === 200 && body === challenge, status: res.status, body };
    },
    /** Inbound and outbound items of one conversation, in order. */
    thread: (pageId: string, psid: string) => state.thread(pageId, psid),
    threads: () => state.threads(),

    async start(port = 0, host = "127.0.0.1"): Promise<string> {
      server = createServer((req, res) => {
        void (async () => {
          const u = new URL(req.url ?? "/", "http://emulator");
          try {
            const raw = await readBody(req);
            if (u.pathname.startsWith("/__emulator") || u.pathname.startsWith("/m.me/")) {
              await handleControl(emulator, req, res, u, raw);
            } else await handleGraph(deps, req, res, u, raw);
          } catch (e) {
            if (!res.headersSent)
              sendJson(res, 500, { error: { message: (e as Error).message, code: 1, type: "OAuthException" } });
          } finally {
            changed();
          }
        })();
      });
      await new Promise<void>((resolve) => server!.listen(port, host, resolve));
      url = `http://${host}:${(server.address() as AddressInfo).port}`;
      return url;
    },

    async close(): Promise<void> {
      webhooks.cancelPending();
      for (const res of hung) res.destroy();
      hung.clear();
      if (!server) return;
      const s = server;
      server = null;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
  return emulator;
}

export type MetaEmulator = ReturnType<typeof createMetaEmulator>;

/** Wraps every method so `after` runs once it returned or its promise settled. */
function notifyAfterEach<T extends object>(target: T, after: () => void): T {
  const wrapped = { ...target };
  for (const [name, value] of Object.entries(target)) {
    if (typeof value !== "function") continue;
    (wrapped as Record<string, unknown>)[name] = (...args: unknown[]) => {
      let result: unknown;
      try {
        result = (value as (...a: unknown[]) => unknown).apply(target, args);
      } catch (error) {
        after();
        throw error;
      }
      if (result instanceof Promise) return result.finally(after);
      after();
      return result;
    };
  }
  return wrapped;
}
