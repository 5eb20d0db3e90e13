import express from "express";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Deps } from "../../web/server/deps.js";
import { requestContext } from "../../web/server/http/request-context.js";
import { deliveryHandlers } from "../../web/server/jobs/job-handlers.js";
import { normalizeWebhook } from "../../web/server/messenger/webhook/normalize-events.js";
import { verifyMetaSignature } from "../../web/server/messenger/webhook/verify-signature.js";

const NAIVE_CONCURRENCY = 8;

/**
 * The comparison the inbox is measured against: the same Express stack, signature check and zod
 * normalization as the app's route, but each event's work (what the worker's inbox job does: the
 * conversation's window bookkeeping and the instant reply, in one transaction) is done inside the
 * request, and 200 comes after it. Nothing is recorded first, so a crash mid-request loses the event,
 * and Meta's retry is the only redelivery. For the bench only; production never does this.
 */
export async function startNaiveInlineServer(deps: Deps): Promise<{ url: string; close(): Promise<void> }> {
  const handlers = deliveryHandlers().meta;
  // At most this many events in the works at once: each holds a pooled connection for its transaction, and
  // 50 at once on a pool of 22 stalled in trial runs (transactions left open, nothing answered).
  let active = 0;
  const waiting: (() => void)[] = [];
  const slot = async () => {
    if (active >= NAIVE_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
  };
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  const app = express();
  app.use(requestContext(deps.logger, deps.metrics));
  app.post("/webhooks/meta", express.raw({ type: () => true, limit: "1mb" }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verifyMetaSignature(raw, req.get("x-hub-signature-256"), deps.config.meta.appSecret).ok) {
      res.status(401).json({ error: "invalid_signature" });
      return;
    }
    const normalized = normalizeWebhook(JSON.parse(raw.toString("utf8")));
    if (!normalized.ok) {
      res.status(400).json({ error: "unsupported_body" });
      return;
    }
    await slot();
    try {
      for (const event of normalized.events) {
        const handler = handlers[event.kind];
        const now = deps.clock.now();
        await handler?.(
          deps,
          {
            id: 0n,
            source: "meta",
            topic: event.kind,
            account: event.pageId,
            body: JSON.stringify(event),
            eventAt: new Date(event.timestamp),
            receivedAt: now,
          },
          res.locals.log,
        );
      }
      res.status(200).json({ ok: true });
    } catch {
      res.status(500).json({ error: "processing_failed" });
    } finally {
      release();
    }
  });
  const server = createServer(app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
