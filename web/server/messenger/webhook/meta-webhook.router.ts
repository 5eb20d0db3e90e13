import express, { Router } from "express";
import type { Metrics } from "../../http/metrics.js";
import type { InboxWriter } from "../../inbox/inbox-writer.js";
import type { Delivery } from "../../inbox/record-delivery.js";
import { timingSafeEqualString } from "../../lib/hmac.js";
import type { MessengerEvent } from "./messenger-event.js";
import { normalizeWebhook } from "./normalize-events.js";
import { verifyMetaSignature } from "./verify-signature.js";

/** Meta batches up to ~1,000 events per POST; real bodies stay far below this. */
export const META_WEBHOOK_BODY_LIMIT = "1mb";

interface MetaWebhookDeps {
  inbox: InboxWriter;
  metrics: Metrics;
  config: { meta: { appSecret: string; verifyToken: string } };
}

/**
 * GET answers Meta's verification handshake; POST checks X-Hub-Signature-256 over the raw bytes before
 * anything is parsed, records every event of every entry (deduplicated), and answers 200. Events are
 * processed later, in timestamp order per conversation.
 * https://developers.facebook.com/docs/messenger-platform/webhooks
 */
export function metaWebhookRouter(deps: MetaWebhookDeps): Router {
  const router = Router();
  router.get("/", (req, res) => {
    const mode = req.query["hub.mode"];
    const token = req.query["hub.verify_token"];
    const challenge = req.query["hub.challenge"];
    const valid =
      mode === "subscribe" &&
      typeof token === "string" &&
      typeof challenge === "string" &&
      timingSafeEqualString(token, deps.config.meta.verifyToken);
    if (!valid) {
      res.status(403).json({ error: "verification_failed" });
      return;
    }
    res.status(200).type("text/plain").send(challenge);
  });

  router.post("/", express.raw({ type: () => true, limit: META_WEBHOOK_BODY_LIMIT }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = verifyMetaSignature(raw, req.get("x-hub-signature-256"), deps.config.meta.appSecret);
    if (!signature.ok) {
      res.locals.log.warn({ reason: signature.reason }, "meta webhook refused");
      res.status(401).json({ error: "invalid_signature" });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      res.status(400).json({ error: "malformed_json" });
      return;
    }
    const normalized = normalizeWebhook(body);
    if (!normalized.ok) {
      res.locals.log.warn({ error: normalized.error }, "meta webhook body not understood");
      res.status(400).json({ error: "unsupported_body" });
      return;
    }
    const inserted = await deps.inbox.record(normalized.events.map(toDelivery));
    deps.metrics.webhooksAccepted.inc({ source: "meta" }, inserted);
    Object.assign(res.locals.logFields, { events: normalized.events.length, recorded: inserted });
    res.status(200).json({ ok: true });
  });
  return router;
}

function toDelivery(event: MessengerEvent): Delivery {
  return {
    source: "meta",
    externalId: event.dedupeKey,
    topic: event.kind,
    account: event.pageId,
    eventAt: new Date(event.timestamp),
    body: JSON.stringify(event),
    queueKey: event.psid ? `meta:${event.pageId}:${event.psid}` : `meta:${event.pageId}`,
  };
}
