import type { Deps } from "../deps.js";
import { isGraphApiError } from "../messenger/graph/graph-error.js";
import { connectPage, PageConnectError, type ConnectedPage } from "./connect-page.js";
import { deriveStateKey, openGrant, sealGrant, signState, verifyState } from "./login-grant.js";
import type { PageGraphCalls } from "./page-graph-calls.js";

export type LoginDeps = Pick<Deps, "config" | "db" | "cipher" | "graph" | "clock" | "logger"> & {
  pageGraph: PageGraphCalls;
};

/** Where Meta sends the browser back with ?code&state; the admin page there posts both to /api/pages/list. */
export const LOGIN_CALLBACK_PATH = "/facebook/login-callback";
/** The Page task needed to send messages (spec §10.3; §11.8 notes MESSAGE vs MESSAGING, the Graph reference says MESSAGING). */
const MESSAGING_TASK = "MESSAGING";

/**
 * The permissions the app uses, which the Facebook Login for Business configuration (META_CONFIG_ID) must grant:
 * the Page list and tokens, webhook subscription, the Send API, and utility templates and UTILITY sends. The
 * utility-messages doc names the last one `page_utility_messaging`; the OAuth scope that works is
 * `pages_utility_messaging` (spec messenger-platform.md, Update 2026-12). Sent as `scope` too, which a plain
 * Facebook Login dialog honours and a configuration ignores.
 */
export const LOGIN_SCOPES = [
  "pages_show_list",
  "pages_manage_metadata",
  "pages_messaging",
  "pages_utility_messaging",
] as const;

export class FacebookLoginError extends Error {
  constructor(readonly reason: "not_configured" | "code_rejected" | "page_not_granted") {
    super(reason);
    this.name = "FacebookLoginError";
  }
}

/**
 * The Facebook Login for Business dialog URL: config_id selects the configuration (token type, permissions)
 * set up in the App Dashboard; response_type=code keeps tokens off the browser.
 * https://developers.facebook.com/docs/facebook-login/facebook-login-for-business#invoke-a-login-dialog
 */
export function loginUrl(deps: Pick<Deps, "config" | "clock">, shop: string) {
  const { meta, shopify, encryptionKey } = deps.config;
  if (!meta.configId) throw new FacebookLoginError("not_configured");
  const redirectUri = `${shopify.appUrl}${LOGIN_CALLBACK_PATH}`;
  const state = signState(deriveStateKey(encryptionKey), shop, redirectUri, deps.clock.now());
  const url = new URL(`https://www.facebook.com/${meta.graphVersion}/dialog/oauth`);
  url.searchParams.set("client_id", meta.appId);
  url.searchParams.set("config_id", meta.configId);
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", LOGIN_SCOPES.join(","));
  url.searchParams.set("override_default_response_type", "true");
  url.searchParams.set("state", state);
  return { url: url.toString(), redirectUri, state };
}

/**
 * Code -> long-lived user token (Page tokens derived from it do not expire, spec §10.3) -> the user's Pages.
 * Only Pages where the user has the MESSAGING task are offered. Tokens go back sealed, never in clear.
 */
export async function listGrantedPages(
  deps: LoginDeps,
  shop: string,
  input: { code: string; state: string; redirectUri: string },
) {
  verifyState(deriveStateKey(deps.config.encryptionKey), input.state, shop, input.redirectUri, deps.clock.now());
  let userToken: string;
  try {
    const short = await deps.graph.exchangeCode(input.code, input.redirectUri);
    userToken = (await deps.graph.exchangeForLongLivedToken(short.access_token)).access_token;
  } catch (error) {
    if (isGraphApiError(error) && error.status !== null && error.status < 500) {
      throw new FacebookLoginError("code_rejected");
    }
    throw error;
  }
  const userId = await deps.pageGraph.appScopedUserId(userToken);
  const accounts = await deps.graph.listPages(userToken);
  const usable = accounts.data.filter((p) => p.tasks.includes(MESSAGING_TASK));
  const sealed = sealGrant(
    deps.cipher,
    {
      shop,
      userId,
      userToken,
      pages: usable.map((p) => ({
        id: p.id,
        name: p.name,
        token: p.access_token,
        ...(p.username ? { username: p.username } : {}),
      })),
    },
    deps.clock.now(),
  );
  return {
    pages: usable.map((p) => ({ id: p.id, name: p.name, username: p.username ?? null, tasks: p.tasks })),
    grant: sealed.grant,
    expiresAt: sealed.expiresAt.toISOString(),
  };
}

/** Connects one Page out of an opened grant; the grant's user becomes connectedBy (deauthorize names them). */
export async function connectFromGrant(
  deps: LoginDeps,
  shop: string,
  input: { grant: string; pageId: string },
): Promise<ConnectedPage> {
  const grant = openGrant(deps.cipher, input.grant, shop, deps.clock.now());
  const page = grant.pages.find((p) => p.id === input.pageId);
  if (!page) throw new FacebookLoginError("page_not_granted");
  return connectPage(deps, {
    shopDomain: shop,
    pageId: page.id,
    pageToken: page.token,
    connectedBy: grant.userId,
  });
}

export { PageConnectError };
