import { randomBytes } from "node:crypto";
import { metaJson, signBody } from "../../emulators/meta/index.js";
import type { LoadRequest } from "./load-generator.js";

const TEXTS = [
  "Hi! Where is my order?",
  "Do you ship to Lithuania?",
  "Is the navy sweater back in size M?",
  "Danke, alles angekommen 👍",
  "Can I change the delivery address?",
];

/**
 * `count` Messenger `messages` webhooks as Meta sends them: one entry, one messaging event, a unique mid
 * (Meta's are ~90 characters of base64url), escaped-unicode JSON signed with X-Hub-Signature-256 over the
 * exact bytes. https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages
 */
export function metaMessageRequests(input: {
  count: number;
  pageId: string;
  appSecret: string;
  path: string;
  /** Distinct shoppers the messages come from; each shopper's events share a conversation. */
  shoppers: number;
}): { requests: LoadRequest[]; mids: string[] } {
  const requests: LoadRequest[] = [];
  const mids: string[] = [];
  const start = Date.now();
  const run = randomBytes(4).toString("hex");
  for (let i = 0; i < input.count; i++) {
    const mid = `m_${run}${i.toString(36).padStart(6, "0")}${randomBytes(60).toString("base64url")}`;
    const psid = String(7_100_000_000_000_000 + (i % input.shoppers));
    const timestamp = start + i;
    const event = {
      sender: { id: psid },
      recipient: { id: input.pageId },
      timestamp,
      message: { mid, text: TEXTS[i % TEXTS.length] },
    };
    const body = metaJson({ object: "page", entry: [{ id: input.pageId, time: timestamp, messaging: [event] }] });
    requests.push({
      path: input.path,
      headers: { "content-type": "application/json", "x-hub-signature-256": signBody(input.appSecret, body) },
      body,
    });
    mids.push(mid);
  }
  return { requests, mids };
}
