import { z } from "zod";
import type { Config } from "../config.js";
import { createGraphTransport } from "../messenger/graph/graph-transport.js";

/**
 * The Graph reads Marketing Messages onboarding needs: what the merchant's token may do and which ad accounts it
 * reaches. Same transport as every Graph call (token in the header, appsecret_proof).
 * https://developers.facebook.com/docs/graph-api/reference/user/permissions/
 * https://developers.facebook.com/docs/marketing-api/reference/user/adaccounts/
 */
export function createMarketingGraphCalls(meta: Config["meta"], fetchImpl?: typeof fetch) {
  const call = createGraphTransport({
    baseUrl: meta.graphUrl,
    version: meta.graphVersion,
    appSecret: meta.appSecret,
    timeoutMs: meta.timeoutMs,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  return {
    async grantedPermissions(userToken: string): Promise<string[]> {
      const r = await call({
        method: "GET",
        path: "me/permissions",
        token: userToken,
        schema: z.object({ data: z.array(z.object({ permission: z.string(), status: z.string() })) }),
      });
      return r.data.filter((p) => p.status === "granted").map((p) => p.permission);
    },
    async adAccounts(userToken: string): Promise<{ id: string; name: string }[]> {
      const r = await call({
        method: "GET",
        path: "me/adaccounts",
        token: userToken,
        query: { fields: "account_id,name", limit: "100" },
        schema: z.object({ data: z.array(z.object({ account_id: z.string().regex(/^\d{1,20}$/), name: z.string() })) }),
      });
      return r.data.map((a) => ({ id: a.account_id, name: a.name }));
    },
  };
}

export type MarketingGraphCalls = ReturnType<typeof createMarketingGraphCalls>;
