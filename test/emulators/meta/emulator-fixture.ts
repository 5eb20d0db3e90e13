import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { hmacSha256Hex } from "../../../web/server/lib/hmac.js";
import { manualClock, type ManualClock } from "../../../web/server/lib/clock.js";
import { createMetaEmulator, type MetaEmulator } from "../../../emulators/meta/index.js";

export const APP_ID = "111222333";
export const APP_SECRET = "emulator-app-secret";
export const PAGE_ID = "1000001";
export const PAGE_TOKEN = "EAAPAGE-token-1";

export interface ReceivedWebhook {
  raw: Buffer;
  signature: string | undefined;
  json: Record<string, unknown>;
}

/** A tiny webhook endpoint that keeps the exact raw bytes it received. */
export async function startReceiver(): Promise<{
  url: string;
  received: ReceivedWebhook[];
  close: () => Promise<void>;
}> {
  const received: ReceivedWebhook[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const sig = req.headers["x-hub-signature-256"];
      received.push({
        raw,
        signature: Array.isArray(sig) ? sig[0] : sig,
        json: JSON.parse(raw.toString("utf8")) as Record<string, unknown>,
      });
      res.writeHead(200).end("EVENT_RECEIVED");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/meta`;
  return { url, received, close: () => new Promise((r) => server.close(() => r())) };
}

export interface Harness {
  emu: MetaEmulator;
  clock: ManualClock;
  graph: (
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ) => Promise<{ status: number; json: Record<string, unknown> }>;
  close: () => Promise<void>;
}

/** An emulator with one Page (Get Started set, subscribed to the usual fields) and a raw Graph caller. */
export async function startHarness(opts: { webhookUrl?: string } = {}): Promise<Harness> {
  const clock = manualClock("2026-06-01T12:00:00Z");
  const emu = createMetaEmulator({ appId: APP_ID, appSecret: APP_SECRET, clock, webhookUrl: opts.webhookUrl });
  emu.addPage({
    pageId: PAGE_ID,
    token: PAGE_TOKEN,
    name: "Demo Shop",
    username: "demoshop",
    profile: { get_started: { payload: "GET_STARTED" } },
    subscribedFields: [
      "messages",
      "messaging_postbacks",
      "messaging_referrals",
      "messaging_optins",
      "message_template_status_update",
    ],
  });
  await emu.start();
  const graph = async (method: string, path: string, body?: unknown, token = PAGE_TOKEN) => {
    const url = new URL(`${emu.url}/v25.0/${path}`);
    url.searchParams.set("appsecret_proof", hmacSha256Hex(APP_SECRET, token));
    const res = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  return { emu, clock, graph, close: () => emu.close() };
}

export const errorOf = (json: Record<string, unknown>) =>
  json.error as { code: number; error_subcode?: number; message: string; type: string };
