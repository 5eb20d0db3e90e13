import type { IncomingMessage, ServerResponse } from "node:http";
import { hmacSha256Hex, timingSafeEqualString } from "../../web/server/lib/hmac.js";
import type { Clock } from "../../web/server/lib/clock.js";
import type { createAccountRoutes } from "./account-routes.js";
import type { Faults } from "./faults.js";
import { errors, type GraphFailure } from "./graph-errors.js";
import { parseBody, sendJson } from "./http-util.js";
import type { createPageRoutes } from "./page-routes.js";
import { handleUnsubscribe } from "./marketing-audience.js";
import { handleSend, isGraphFailure } from "./send-api.js";
import type { EmulatorState } from "./state.js";
import { isObj } from "./validate-message.js";

export interface RecordedRequest {
  method: string;
  /** Path and query exactly as received, to prove no token travels in a URL. */
  url: string;
  path: string;
  authorization: string | null;
  contentType: string | null;
  body: unknown;
}

export interface GraphServerDeps {
  state: EmulatorState;
  clock: Clock;
  faults: Faults;
  appSecret: string;
  requireProof: boolean;
  pages: ReturnType<typeof createPageRoutes>;
  accounts: ReturnType<typeof createAccountRoutes>;
  requests: RecordedRequest[];
  hung: Set<ServerResponse>;
}

type Principal = { kind: "page"; pageId: string } | { kind: "user"; token: string } | { kind: "ads"; token: string };

function authenticate(d: GraphServerDeps, token: string | undefined, proof: string | undefined): Principal {
  if (!token) throw errors.noToken();
  // appsecret_proof = hex HMAC-SHA256(app secret, token): https://developers.facebook.com/docs/graph-api/securing-requests
  if (proof === undefined) {
    if (d.requireProof) throw errors.missingProof();
  } else if (!timingSafeEqualString(proof, hmacSha256Hex(d.appSecret, token))) throw errors.badProof();
  const page = d.state.pageByToken(token);
  if (page) return { kind: "page", pageId: page.pageId };
  if (d.state.userTokens.has(token)) return { kind: "user", token };
  if ([...d.state.adAccounts.values()].some((a) => a.token === token)) return { kind: "ads", token };
  throw errors.badToken();
}

function route(
  d: GraphServerDeps,
  method: string,
  segs: string[],
  query: URLSearchParams,
  body: unknown,
  who: Principal,
): unknown {
  const [node = "", edge, ...rest] = segs;
  if (edge === "messaging_customer_base" && rest.join("/") === "unsubscribe" && method === "POST") {
    if (who.kind !== "page" || (node !== "me" && node !== who.pageId)) throw errors.wrongPage();
    const page = d.state.pages.get(who.pageId);
    if (!page) throw errors.badToken();
    return handleUnsubscribe(d.state, page, body);
  }
  if (rest.length) throw errors.notFound(`${method} /${segs.join("/")}`);
  if (node.startsWith("act_") && method === "POST" && who.kind !== "page") {
    const id = node.slice(4);
    if (edge === "message_campaign") return d.accounts.campaign(id, who.token, body);
    if (edge === "messages") return d.accounts.send(id, who.token, body);
  }
  if (node === "me" && edge === "accounts" && method === "GET") {
    if (who.kind !== "user") throw errors.notFound("GET /me/accounts for a Page token");
    return d.accounts.accounts(who.token, query);
  }
  if (node === "me" && edge === undefined && method === "GET" && who.kind === "user") return d.accounts.me(who.token);
  if (node === "me" && edge === "permissions" && method === "GET" && who.kind === "user")
    return d.accounts.permissions(who.token);
  if (node === "me" && edge === "adaccounts" && method === "GET" && who.kind === "user")
    return d.accounts.adAccounts(who.token);
  if (who.kind !== "page") throw errors.wrongPage();
  if (node !== "me" && node !== who.pageId) throw errors.wrongPage();
  const page = d.state.pages.get(who.pageId);
  if (!page) throw errors.badToken();
  if (edge === undefined && method === "GET" && node === who.pageId) return d.pages.node(page, query);
  if (edge === "messages" && method === "POST") {
    const outcome = handleSend(d.state, d.clock, page, body);
    return outcome.body;
  }
  if (edge === "messenger_profile" && ["GET", "POST", "DELETE"].includes(method))
    return d.pages.profile(page, method, query, body);
  if (edge === "subscribed_apps" && ["GET", "POST", "DELETE"].includes(method))
    return d.pages.subscribedApps(page, method, query, body);
  if (edge === "message_templates" && ["GET", "POST", "DELETE"].includes(method))
    return d.pages.templates(page, method, query, body);
  throw errors.notFound(`${method} /${segs.join("/")}`);
}

/** Serves /{version}/... like graph.facebook.com, after fault injection and token checks. */
export async function handleGraph(
  d: GraphServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  raw: Buffer,
): Promise<void> {
  const method = req.method ?? "GET";
  const parsed = parseBody(req, raw);
  d.requests.push({
    method,
    url: req.url ?? "",
    path: url.pathname,
    authorization: req.headers.authorization ?? null,
    contentType: req.headers["content-type"] ?? null,
    body: parsed.ok ? parsed.value : raw.toString("utf8"),
  });
  const fault = d.faults.draw();
  if (fault?.kind === "hang") {
    d.hung.add(res); // never answered: the client's timeout fires
    return;
  }
  if (fault?.kind === "raw") {
    res.writeHead(fault.status, { "content-type": "text/html" }).end(fault.body);
    return;
  }
  const reply = (f: GraphFailure) => sendJson(res, f.status, f.body, f.headers);
  if (fault?.kind === "respond") return reply(fault.failure);
  try {
    if (!parsed.ok) throw errors.notFound("malformed JSON body");
    const [, ...segs] = url.pathname.split("/").filter(Boolean);
    const body = parsed.value;
    const field = (k: string) =>
      url.searchParams.get(k) ?? (isObj(body) && typeof body[k] === "string" ? (body[k] as string) : undefined);
    if (segs[0] === "oauth" && segs[1] === "access_token") {
      const params = new URLSearchParams(url.searchParams);
      if (isObj(body)) for (const [k, v] of Object.entries(body)) params.set(k, String(v));
      return sendJson(res, 200, d.accounts.accessToken(params));
    }
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const who = authenticate(d, bearer ?? field("access_token"), field("appsecret_proof"));
    const result = route(d, method, segs, url.searchParams, body, who);
    if (fault?.kind === "lost_reply") {
      d.hung.add(res); // done, but the answer is lost on the way back: the client cannot know
      return;
    }
    sendJson(res, 200, result);
  } catch (e) {
    if (isGraphFailure(e)) return reply(e);
    reply({
      status: 500,
      body: { error: { message: `Emulator error: ${(e as Error).message}`, type: "OAuthException", code: 1 } },
    });
  }
}
