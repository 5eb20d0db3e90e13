import { listenLocal } from "../listen-local.js";
import { request, type IncomingMessage, type ServerResponse } from "node:http";
import { mintSessionToken } from "../../emulators/shopify/session-token.js";
import { APP_BRIDGE_SCRIPT } from "../../web/server/admin-ui/admin-document.js";
import { appBridgeStandIn, SESSION_TOKEN_PATH, STAND_IN_PATH } from "./app-bridge-stand-in.js";

export interface AdminHostOptions {
  /** The real app; every request but the two sandbox paths goes there unchanged. */
  appUrl: string;
  shop: string;
  apiKey: string;
  apiSecret: string;
  port?: number;
}

export interface AdminHost {
  url: string;
  close(): Promise<void>;
}

/**
 * Shopify's admin, as far as the embedded app can tell: it serves the app's own document and API (proxied
 * to the app) with App Bridge replaced by the sandbox stand-in, and mints the session tokens App Bridge
 * would hand out. The app itself is not changed for the sandbox: it serves the same document it serves in
 * production, with the CDN App Bridge script this host swaps.
 */
export async function startAdminHost(options: AdminHostOptions): Promise<AdminHost> {
  const script = appBridgeStandIn();

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? "/", "http://admin").pathname;
    if (req.method === "GET" && path === STAND_IN_PATH) {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-store" });
      return void res.end(script);
    }
    if (req.method === "POST" && path === SESSION_TOKEN_PATH) {
      const token = mintSessionToken({
        apiKey: options.apiKey,
        secret: options.apiSecret,
        shop: options.shop,
        now: new Date(),
      });
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      return void res.end(JSON.stringify({ token }));
    }
    forward(options.appUrl, req, res);
  }

  return listenLocal(handle, options.port);
}

/** Reverse proxy to the app; the admin's HTML document gets the stand-in instead of the CDN script. */
function forward(appUrl: string, req: IncomingMessage, res: ServerResponse): void {
  const target = new URL(req.url ?? "/", appUrl);
  const headers = { ...req.headers, host: target.host };
  delete headers["accept-encoding"];
  const upstream = request(target, { method: req.method, headers }, (answer) => {
    const isHtml = (answer.headers["content-type"] ?? "").startsWith("text/html");
    if (!isHtml) {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      return void answer.pipe(res);
    }
    const chunks: Buffer[] = [];
    answer.on("data", (chunk: Buffer) => chunks.push(chunk));
    answer.on("end", () => {
      const html = Buffer.concat(chunks)
        .toString("utf8")
        .replace(APP_BRIDGE_SCRIPT, `<script src="${STAND_IN_PATH}"></script>`);
      const outgoing = { ...answer.headers };
      delete outgoing["content-length"];
      delete outgoing["etag"];
      res.writeHead(answer.statusCode ?? 502, outgoing);
      res.end(html);
    });
  });
  upstream.on("error", (error) => {
    if (res.headersSent) return void res.destroy();
    res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
    res.end(`sandbox admin: the app did not answer (${error.message})`);
  });
  req.pipe(upstream);
}
