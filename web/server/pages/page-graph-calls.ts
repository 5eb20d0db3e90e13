import { z } from "zod";
import type { Config } from "../config.js";
import { createGraphTransport } from "../messenger/graph/graph-transport.js";
import { successSchema } from "../messenger/graph/graph-responses.js";

/**
 * The Graph calls Page connection needs that the shared GraphClient lacks. They go through the same
 * transport (token in the header, appsecret_proof), so nothing differs but the path.
 */
export function createPageGraphCalls(meta: Config["meta"], fetchImpl?: typeof fetch) {
  const call = createGraphTransport({
    baseUrl: meta.graphUrl,
    version: meta.graphVersion,
    appSecret: meta.appSecret,
    timeoutMs: 10_000,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  return {
    /**
     * The app-scoped id of the user a token belongs to: the id Meta's deauthorize and data-deletion callbacks
     * send. https://developers.facebook.com/docs/graph-api/reference/user/
     */
    async appScopedUserId(userToken: string): Promise<string> {
      const me = await call({
        method: "GET",
        path: "me",
        token: userToken,
        query: { fields: "id" },
        schema: z.object({ id: z.string().regex(/^\d{1,30}$/) }),
      });
      return me.id;
    },
    /**
     * The Page's name and @username as shoppers see them (a Page may have no username; m.me then takes the id).
     * https://developers.facebook.com/docs/graph-api/reference/page/
     */
    pageProfile(pageId: string, pageToken: string) {
      return call({
        method: "GET",
        path: pageId,
        token: pageToken,
        query: { fields: "name,username" },
        schema: z.object({
          id: z.string().optional(),
          name: z.string().min(1).max(200),
          username: z
            .string()
            .regex(/^[A-Za-z0-9.]{1,50}$/)
            .optional(),
        }),
      });
    },
    /** DELETE /{page-id}/subscribed_apps: stops webhooks for a disconnected Page (spec §6). */
    unsubscribeApp(pageId: string, pageToken: string) {
      return call({ method: "DELETE", path: `${pageId}/subscribed_apps`, token: pageToken, schema: successSchema });
    },
  };
}

export type PageGraphCalls = ReturnType<typeof createPageGraphCalls>;
