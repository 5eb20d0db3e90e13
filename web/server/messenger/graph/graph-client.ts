import { createGraphTransport, type WithUsage } from "./graph-transport.js";
import * as S from "./graph-responses.js";
import type {
  MarketingMessageRequest,
  MessageCampaignRequest,
  MessengerProfile,
  UtilityTemplateDefinition,
} from "./graph-responses.js";
import type { SendRequest, SendResult } from "./send-request.js";
import { parseUsageHeaders } from "./usage-headers.js";

export type { WithUsage } from "./graph-transport.js";

export interface GraphClientOptions {
  /** e.g. https://graph.facebook.com (no trailing version). */
  baseUrl: string;
  /** e.g. v27.0 */
  version: string;
  appId?: string;
  appSecret: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** Strips an optional "act_" prefix so both forms of an ad account id work. */
const adAccountPath = (id: string) => `act_${id.replace(/^act_/, "")}`;

/** Typed Graph API methods used by the app; see graph-transport.ts for auth, timeouts and error parsing. */
export function createGraphClient(options: GraphClientOptions) {
  const call = createGraphTransport(options);

  return {
    /** Send API: POST /{page-id}/messages. https://developers.facebook.com/docs/messenger-platform/reference/send-api/ */
    async sendMessage(pageId: string, pageToken: string, body: SendRequest): Promise<WithUsage<SendResult>> {
      const r = await call({
        method: "POST",
        path: `${pageId}/messages`,
        token: pageToken,
        json: body,
        schema: S.sendResponseSchema,
      });
      return { ...(r.recipient_id ? { recipientId: r.recipient_id } : {}), messageId: r.message_id, usage: r.usage };
    },

    /** Messenger Profile (get_started, greeting, ice_breakers, persistent_menu, whitelisted_domains). */
    setMessengerProfile(pageId: string, pageToken: string, profile: MessengerProfile) {
      return call({
        method: "POST",
        path: `${pageId}/messenger_profile`,
        token: pageToken,
        json: profile,
        schema: S.profileResultSchema,
      });
    },
    getMessengerProfile(pageId: string, pageToken: string, fields: string[]) {
      return call({
        method: "GET",
        path: `${pageId}/messenger_profile`,
        token: pageToken,
        query: { fields: fields.join(",") },
        schema: S.profileGetSchema,
      });
    },
    deleteMessengerProfile(pageId: string, pageToken: string, fields: string[]) {
      return call({
        method: "DELETE",
        path: `${pageId}/messenger_profile`,
        token: pageToken,
        json: { fields },
        schema: S.profileResultSchema,
      });
    },

    /** Subscribes this app to the Page's webhooks; needs pages_manage_metadata. */
    subscribeApp(pageId: string, pageToken: string, fields: string[]) {
      return call({
        method: "POST",
        path: `${pageId}/subscribed_apps`,
        token: pageToken,
        query: { subscribed_fields: fields.join(",") },
        schema: S.successSchema,
      });
    },
    getSubscribedApps(pageId: string, pageToken: string) {
      return call({
        method: "GET",
        path: `${pageId}/subscribed_apps`,
        token: pageToken,
        schema: S.subscribedAppsSchema,
      });
    },

    /** Utility templates (spec §2.3): created PENDING, approval arrives by webhook. */
    createMessageTemplate(pageId: string, pageToken: string, template: UtilityTemplateDefinition) {
      return call({
        method: "POST",
        path: `${pageId}/message_templates`,
        token: pageToken,
        json: template,
        schema: S.templateCreatedSchema,
      });
    },
    /**
     * Templates cannot be edited: a changed one is deleted (by name, and by id so other languages stay) and created
     * again. The utility-messages doc shows no delete call; this is the Graph form Meta uses for message templates.
     */
    deleteMessageTemplate(pageId: string, pageToken: string, template: { name: string; id?: string | null }) {
      return call({
        method: "DELETE",
        path: `${pageId}/message_templates`,
        token: pageToken,
        query: { name: template.name, ...(template.id ? { hsm_id: template.id } : {}) },
        schema: S.successSchema,
      });
    },
    listMessageTemplates(
      pageId: string,
      pageToken: string,
      filter: { name?: string; language?: string; status?: string } = {},
    ) {
      const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as Record<
        string,
        string
      >;
      return call({
        method: "GET",
        path: `${pageId}/message_templates`,
        token: pageToken,
        query,
        schema: S.templateListSchema,
      });
    },

    /**
     * Facebook Login for Business: code -> user token. POSTed as a form so the app secret stays out of URLs.
     * https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow#confirm
     */
    exchangeCode(code: string, redirectUri: string) {
      return call({
        method: "POST",
        path: "oauth/access_token",
        token: null,
        form: { client_id: options.appId ?? "", client_secret: options.appSecret, redirect_uri: redirectUri, code },
        schema: S.tokenSchema,
      });
    },
    /** Short-lived user token -> long-lived (60 days). https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived */
    exchangeForLongLivedToken(userToken: string) {
      return call({
        method: "POST",
        path: "oauth/access_token",
        token: null,
        form: {
          grant_type: "fb_exchange_token",
          client_id: options.appId ?? "",
          client_secret: options.appSecret,
          fb_exchange_token: userToken,
        },
        schema: S.tokenSchema,
      });
    },
    /** Pages the user can manage, with Page tokens; follows cursors (not paging.next, which embeds the token). */
    async listPages(userToken: string, maxPages = 20): Promise<WithUsage<{ data: S.PageAccount[] }>> {
      const data: S.PageAccount[] = [];
      let after: string | undefined;
      let usage = parseUsageHeaders(new Headers());
      for (let i = 0; i < maxPages; i++) {
        const query: Record<string, string> = { fields: "id,name,access_token,tasks,username", limit: "100" };
        if (after) query.after = after;
        const r = await call({ method: "GET", path: "me/accounts", token: userToken, query, schema: S.accountsSchema });
        data.push(...r.data);
        usage = r.usage;
        after = r.paging?.next ? r.paging.cursors?.after : undefined;
        if (!after) break;
      }
      return { data, usage };
    },

    /**
     * Unsubscribes people from the Page's marketing audience (Page token; rows by psid or subscriber_token).
     * https://developers.facebook.com/documentation/business-messaging/messenger-platform/marketing-messages-on-messenger/faq#unsubscribe-api
     */
    async unsubscribeMarketing(
      pageId: string,
      pageToken: string,
      rows: Array<{ psid: string } | { subscriber_token: string }>,
    ) {
      const r = await call({
        method: "POST",
        path: `${pageId}/messaging_customer_base/unsubscribe`,
        token: pageToken,
        json: { data: rows },
        schema: S.unsubscribeSchema,
      });
      return { invalidRows: r.invalid_rows_count, usage: r.usage };
    },

    /** Marketing Messages API (spec §4.2): campaign, then one message per subscription token. */
    createMessageCampaign(adAccountId: string, token: string, campaign: MessageCampaignRequest) {
      return call({
        method: "POST",
        path: `${adAccountPath(adAccountId)}/message_campaign`,
        token,
        json: campaign,
        schema: S.campaignSchema,
      });
    },
    async sendMarketingMessage(adAccountId: string, token: string, body: MarketingMessageRequest) {
      const r = await call({
        method: "POST",
        path: `${adAccountPath(adAccountId)}/messages`,
        token,
        json: body,
        schema: S.marketingSendSchema,
      });
      return { success: r.success, trackingId: r.marketing_message_tracking_id, usage: r.usage };
    },
  };
}

export type GraphClient = ReturnType<typeof createGraphClient>;
