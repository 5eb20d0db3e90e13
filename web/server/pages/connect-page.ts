import { enqueueEnsureTemplates } from "../templates/template-jobs.js";
import { enqueueBubbleSync } from "../storefront/bubble-metafields.js";
import { createPageGraphCalls, type PageGraphCalls } from "./page-graph-calls.js";
import type { Deps } from "../deps.js";
import { isGraphApiError } from "../messenger/graph/graph-error.js";
import type { MessengerProfile } from "../messenger/graph/graph-responses.js";

/**
 * Every webhook field the app subscribes a Page to (spec §6). The single source of truth: the test harness
 * imports it. `message_template_status_update` is the name the utility-template doc uses in its payloads;
 * spec §2.3 notes the doc also says `messenger_template_status_update`.
 * https://developers.facebook.com/docs/messenger-platform/webhooks#webhook-fields
 */
export const PAGE_FIELDS = [
  "messages",
  "messaging_postbacks",
  "messaging_referrals",
  "messaging_optins",
  "message_echoes",
  "message_deliveries",
  "message_reads",
  "message_reactions",
  "messaging_handovers",
  "standby",
  "message_template_status_update",
];

/** The Get Started payload; without a Get Started button an m.me ref never reaches a new thread (spec §9.2). */
export const GET_STARTED_PAYLOAD = "GET_STARTED";
/** Greeting on the welcome screen; 160 chars max, a "default" locale is required (spec §9.2). */
export const DEFAULT_GREETING = "Hi {{user_first_name}}! Ask us about your order here, or get shipping updates.";

export type ConnectDeps = Pick<Deps, "db" | "cipher" | "graph" | "clock" | "logger" | "config"> & {
  pageGraph?: PageGraphCalls;
};

export interface ConnectPageInput {
  shopDomain: string;
  pageId: string;
  pageToken: string;
  /** App-scoped id of the Facebook user who granted the token (FLfB); absent for operator connections. */
  connectedBy?: string | undefined;
}

export type ConnectFailure = "shop_not_installed" | "page_taken" | "token_rejected" | "graph_failed";

export class PageConnectError extends Error {
  constructor(
    readonly reason: ConnectFailure,
    message: string,
  ) {
    super(message);
    this.name = "PageConnectError";
  }
}

export interface ConnectedPage {
  shop: string;
  pageId: string;
  status: string;
  subscribedAt: Date;
  profileSyncedAt: Date;
}

/**
 * Connects a Page to a shop as Facebook Login for Business would: proves the token acts for that Page,
 * subscribes the app to the Page's webhooks, sets the Messenger Profile, then stores the token encrypted.
 * Reconnecting replaces the token and reactivates a paused or revoked connection of the same shop.
 */
export async function connectPage(deps: ConnectDeps, input: ConnectPageInput): Promise<ConnectedPage> {
  const shop = await deps.db.shop.findUnique({ where: { domain: input.shopDomain } });
  if (!shop || shop.uninstalledAt) {
    throw new PageConnectError("shop_not_installed", `shop ${input.shopDomain} is not installed`);
  }
  const existing = await deps.db.pageConnection.findUnique({ where: { pageId: input.pageId } });
  // A Page belongs to at most one shop; a revoked connection (the user removed the app) may move.
  if (existing && existing.shopId !== shop.id && existing.status !== "revoked") {
    throw new PageConnectError("page_taken", `Page ${input.pageId} is connected to another shop`);
  }

  await graphStep("token_rejected", () => deps.graph.getSubscribedApps(input.pageId, input.pageToken));
  // The Page's own name and @username (what shoppers see, and what the bubble's m.me link opens) come from
  // Graph, not from whoever asks to connect it.
  const pageGraph = deps.pageGraph ?? createPageGraphCalls(deps.config.meta);
  const profile = await graphStep("graph_failed", () => pageGraph.pageProfile(input.pageId, input.pageToken));
  // Meta drops the subscription after an hour of failed deliveries, so it is (re)set on every connect (spec §6).
  await graphStep("graph_failed", () => deps.graph.subscribeApp(input.pageId, input.pageToken, PAGE_FIELDS));
  const subscribedAt = deps.clock.now();
  const messengerProfile: MessengerProfile = {
    get_started: { payload: GET_STARTED_PAYLOAD },
    greeting: [{ locale: "default", text: DEFAULT_GREETING }],
  };
  await graphStep("graph_failed", () =>
    deps.graph.setMessengerProfile(input.pageId, input.pageToken, messengerProfile),
  );
  const profileSyncedAt = deps.clock.now();

  const data = {
    shopId: shop.id,
    tokenCiphertext: deps.cipher.encrypt(input.pageToken),
    status: "active",
    statusReason: null,
    authErrorAt: null,
    subscribedAt,
    profileSyncedAt,
    pageName: profile.name,
    pageUsername: profile.username ?? null,
    ...(input.connectedBy !== undefined ? { connectedBy: input.connectedBy } : {}),
  };
  const page = await deps.db.$transaction(async (tx) => {
    const row = await tx.pageConnection.upsert({
      where: { pageId: input.pageId },
      create: { pageId: input.pageId, ...data },
      update: data,
    });
    // Outside the 24 h window order updates need approved utility templates; ask Meta for them now.
    await enqueueEnsureTemplates(tx, input.pageId, deps.clock.now());
    // The storefront bubble learns its Page from the app-installation metafield.
    await enqueueBubbleSync(tx, shop.id, deps.clock.now(), existing ? "reconnect" : "connect");
    // A Page moved from another shop (its connection was revoked there): that shop's bubble must forget it.
    if (existing && existing.shopId !== shop.id)
      await enqueueBubbleSync(tx, existing.shopId, deps.clock.now(), "moved");
    return row;
  });
  deps.logger.info({ shop: input.shopDomain, pageId: page.pageId, reconnect: !!existing }, "page connected");
  return { shop: input.shopDomain, pageId: page.pageId, status: page.status, subscribedAt, profileSyncedAt };
}

/** Runs one Graph call; a Graph error becomes a PageConnectError that names the step, never the token. */
async function graphStep<T>(reason: ConnectFailure, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isGraphApiError(error)) throw error;
    // 190/102: invalid token; 10/200: no permission on this Page; any other 4xx while verifying: wrong Page.
    const rejected =
      [190, 102, 10, 200].includes(error.code ?? 0) ||
      (reason === "token_rejected" && error.status !== null && error.status < 500 && error.failure === null);
    throw new PageConnectError(
      rejected ? "token_rejected" : "graph_failed",
      rejected
        ? `the Page token does not work for this Page (Graph error ${error.code ?? error.status})`
        : `Graph call failed: ${error.message}`,
    );
  }
}
