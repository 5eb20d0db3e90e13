import type { Clock } from "../../web/server/lib/clock.js";
import { errors, graphError, invalidParam } from "./graph-errors.js";
import type { EmulatorState } from "./state.js";
import { isObj, refuse, validateMessage } from "./validate-message.js";

// Facebook Login for Business (spec §10.3) and the Marketing Messages API (spec §4.2).
// https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow
// https://developers.facebook.com/docs/messenger-platform/marketing-messages

/** Business locations where the Marketing Messages API is available (onboarding doc, Mar 2026). */
const MM_BUSINESS_COUNTRIES = new Set("AU BR CL CO HK IN ID IL MY MX NZ PE PH SA SG TW TH AE US VN".split(" "));
/** Recipients never reachable: EU, UK, Japan, South Korea, Australia. */
const MM_EXCLUDED_RECIPIENTS = new Set(
  "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE GB UK JP KR AU".split(" "),
);
const TWELVE_HOURS = 12 * 3600 * 1000;

export function createAccountRoutes(state: EmulatorState, clock: Clock, app: { appId: string; appSecret: string }) {
  function pageTasks() {
    return ["ADVERTISE", "ANALYZE", "CREATE_CONTENT", "MESSAGING", "MODERATE", "MANAGE"];
  }

  return {
    /** GET or POST /oauth/access_token: authorization code or fb_exchange_token grant. */
    accessToken(params: URLSearchParams) {
      if (params.get("client_id") !== app.appId)
        throw invalidParam("Error validating application. Invalid application ID.", 101);
      if (params.get("client_secret") !== app.appSecret) throw graphError(400, 1, "Error validating client secret.");
      if (params.get("grant_type") === "fb_exchange_token") {
        const pageIds = state.userTokens.get(params.get("fb_exchange_token") ?? "");
        if (!pageIds) throw errors.badToken();
        const longLived = `EAAL${state.nextId("user")}`;
        state.userTokens.set(longLived, pageIds);
        const user = state.tokenUsers.get(params.get("fb_exchange_token") ?? "");
        if (user) state.tokenUsers.set(longLived, user);
        const grants = state.userGrants.get(params.get("fb_exchange_token") ?? "");
        if (grants) state.userGrants.set(longLived, grants);
        return { access_token: longLived, token_type: "bearer", expires_in: 5_184_000 };
      }
      const code = params.get("code") ?? "";
      const grant = state.oauthCodes.get(code);
      if (!grant) throw graphError(400, 100, "Invalid verification code format.", { subcode: 36009 });
      if (grant.redirectUri !== params.get("redirect_uri")) {
        throw graphError(
          400,
          100,
          "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request",
          { subcode: 36008 },
        );
      }
      state.oauthCodes.delete(code); // codes are single-use
      state.userTokens.set(grant.userToken, grant.pageIds);
      if (grant.userId) state.tokenUsers.set(grant.userToken, grant.userId);
      state.userGrants.set(grant.userToken, {
        scopes: grant.scopes ?? ["pages_messaging", "pages_manage_metadata", "pages_show_list"],
        adAccountIds: grant.adAccountIds ?? [],
      });
      return { access_token: grant.userToken, token_type: "bearer", expires_in: 3600 };
    },

    /** GET /me with a user token: the app-scoped user id (what deauthorize/data-deletion callbacks name). */
    me(userToken: string) {
      return {
        id: state.tokenUsers.get(userToken) ?? `1${String(userToken.length).padStart(14, "0")}`,
        name: "Emulated User",
      };
    },

    /** GET /me/permissions: what the user granted at login. */
    permissions(userToken: string) {
      const scopes = state.userGrants.get(userToken)?.scopes ?? [];
      return { data: scopes.map((permission) => ({ permission, status: "granted" })) };
    },

    /** GET /me/adaccounts: the ad accounts the user token reaches (registered ones only). */
    adAccounts(userToken: string) {
      const ids = state.userGrants.get(userToken)?.adAccountIds ?? [];
      const data = ids
        .map((id) => id.replace(/^act_/, ""))
        .filter((id) => state.adAccounts.has(id))
        .map((id) => ({ id: `act_${id}`, account_id: id, name: `Ad account ${id}` }));
      return { data, paging: { cursors: {} } };
    },

    /** GET /me/accounts with a user token: the Pages it manages, each with a Page token; cursor paging. */
    accounts(userToken: string, query: URLSearchParams) {
      const pageIds = state.userTokens.get(userToken) ?? [];
      const limit = Math.min(Number(query.get("limit") ?? 25) || 25, 100);
      const start = Number(Buffer.from(query.get("after") ?? "", "base64url").toString() || 0);
      const slice = pageIds.slice(start, start + limit);
      const data = slice.flatMap((id) => {
        const p = state.pages.get(id);
        return p
          ? [
              {
                id: p.pageId,
                name: p.name,
                access_token: p.token,
                category: "Shopping & retail",
                tasks: pageTasks(),
                ...(p.username ? { username: p.username } : {}),
              },
            ]
          : [];
      });
      const end = start + slice.length;
      const cursors = {
        before: Buffer.from(String(start)).toString("base64url"),
        after: Buffer.from(String(end)).toString("base64url"),
      };
      return { data, paging: { cursors, ...(end < pageIds.length ? { next: `emulated-next-page` } : {}) } };
    },

    campaign(adAccountId: string, token: string, body: unknown) {
      const account = state.adAccounts.get(adAccountId);
      if (!account) throw errors.notFound(`act_${adAccountId}`);
      if (account.token !== token)
        throw graphError(403, 200, "(#200) Ad account owner has not granted ads_management permission");
      if (!isObj(body) || typeof body.name !== "string" || typeof body.page_id !== "string")
        refuse("params name and page_id are required");
      const page = state.pages.get(body.page_id);
      if (!page) refuse("param page_id is not a valid Page");
      if (!MM_BUSINESS_COUNTRIES.has(page.country)) {
        throw graphError(400, 2300000, "Marketing messages are not available for businesses in this country");
      }
      const budgets = ["daily_budget", "lifetime_budget"].filter((k) => body[k] !== undefined);
      if (budgets.length !== 1) refuse("exactly one of daily_budget or lifetime_budget is required");
      const amount = body[budgets[0] as string];
      if (!Number.isInteger(amount) || (amount as number) <= 0)
        refuse(`param ${budgets[0]} must be a positive integer in cents`);
      const id = state.nextId("2385");
      account.campaigns.set(id, { id, name: body.name, pageId: page.pageId });
      return { id };
    },

    /** POST /act_{id}/messages: one marketing message to one subscription token. */
    send(adAccountId: string, token: string, body: unknown) {
      const account = state.adAccounts.get(adAccountId);
      if (!account) throw errors.notFound(`act_${adAccountId}`);
      if (account.token !== token)
        throw graphError(403, 200, "(#200) Ad account owner has not granted ads_management permission");
      if (!isObj(body) || typeof body.message_id !== "string") refuse("param message_id (the campaign id) is required");
      const campaign = account.campaigns.get(body.message_id);
      if (!campaign) refuse("param message_id is not a message campaign of this ad account");
      const delivery = body.messenger_delivery_data;
      const subToken = isObj(delivery) ? delivery.subscription_token : undefined;
      const sub = typeof subToken === "string" ? state.subscriptions.get(subToken) : undefined;
      if (!sub || sub.pageId !== campaign.pageId)
        refuse("param messenger_delivery_data[subscription_token] is invalid for this Page");
      validateMessage(body.message);
      if (sub.stopped) throw graphError(400, 2300001, "The recipient has stopped marketing messages from this Page");
      const thread = state.ensureThread(sub.pageId, sub.psid);
      if (MM_EXCLUDED_RECIPIENTS.has(thread.country)) {
        throw graphError(400, 2300002, "Marketing messages cannot be delivered to recipients in this region");
      }
      if (thread.blocked) throw errors.unavailable();
      const now = clock.now().getTime();
      const gap = typeof body.min_conversation_gap_seconds === "number" ? body.min_conversation_gap_seconds * 1000 : 0;
      const since = sub.lastMarketingAt === null ? Infinity : now - sub.lastMarketingAt;
      // At most one marketing message per 12 h per subscription token; the optional gap can be stricter.
      if (since < Math.max(TWELVE_HOURS, gap))
        throw graphError(400, 2300052, "Frequency limit: the minimum gap between marketing messages has not passed");
      sub.lastMarketingAt = now;
      const mid = `m_${state.nextId("mm")}`;
      thread.items.push({
        direction: "out",
        at: now,
        kind: "marketing",
        mid,
        request: { message: body.message, campaign: campaign.id },
      });
      return { success: true, marketing_message_tracking_id: state.nextId("mmtrk") };
    },
  };
}
