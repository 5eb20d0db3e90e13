import { z } from "zod";
import type { Config } from "../config.js";
import { createGraphTransport } from "../messenger/graph/graph-transport.js";
import { successSchema } from "../messenger/graph/graph-responses.js";

/**
 * The two Graph calls Page connection needs that the shared GraphClient lacks. They go through the same
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
    /** DELETE /{page-id}/subscribed_apps: stops webhooks for a disconnected Page (spec §6). */
    unsubscribeApp(pageId: string, pageToken: string) {
      return call({ method: "DELETE", path: `${pageId}/subscribed_apps`, token: pageToken, schema: successSchema });
    },
  };
}

export type PageGraphCalls = ReturnType<typeof createPageGraphCalls>;
