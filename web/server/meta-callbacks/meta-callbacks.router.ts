import express, { Router, type Response } from "express";
import { z } from "zod";
import type { Deps } from "../deps.js";
import { revokePagesConnectedBy } from "../pages/disconnect-page.js";
import { parseSignedRequest, type SignedRequestPayload } from "./signed-request.js";
import { deleteUserData } from "./user-data-deletion.js";

const form = z.object({ signed_request: z.string().min(3).max(8192) });
const statusQuery = z.object({ code: z.string().regex(/^[0-9a-f]{20}$/) });

/**
 * /meta: Meta's app-level callbacks (App Dashboard → Settings → Basic / Facebook Login settings). Both POSTs
 * are form-encoded with a `signed_request`; nothing changes unless its HMAC checks out (spec §10.1).
 */
export function metaCallbacksRouter(deps: Deps): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: "16kb" }));

  /** Verifies the signed_request or answers 400 (malformed) / 401 (bad signature) and returns null. */
  function verified(body: unknown, res: Response): SignedRequestPayload | null {
    const input = form.safeParse(body);
    if (!input.success) {
      res.status(400).json({ error: "signed_request_required" });
      return null;
    }
    const result = parseSignedRequest(input.data.signed_request, deps.config.meta.appSecret);
    if (!result.ok) {
      res.locals.log?.warn({ reason: result.reason }, "meta callback refused");
      res.status(result.reason === "bad_signature" ? 401 : 400).json({ error: result.reason });
      return null;
    }
    return result.payload;
  }

  // The user removed the app: every Page token they granted is void, so those Pages stop sending now.
  // https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow#deauth-callback
  router.post("/deauthorize", async (req, res, next) => {
    const payload = verified(req.body, res);
    if (!payload) return;
    try {
      const revoked = await revokePagesConnectedBy(deps.db, payload.user_id, deps.clock.now());
      res.locals.log?.info({ revoked }, "meta deauthorize processed");
      res.json({ received: true });
    } catch (error) {
      next(error);
    }
  });

  // Answer shape required by Meta: { url, confirmation_code }, the url showing a human-readable status.
  // https://developers.facebook.com/docs/development/create-an-app/app-dashboard/data-deletion-callback
  router.post("/data-deletion", async (req, res, next) => {
    const payload = verified(req.body, res);
    if (!payload) return;
    try {
      const { code, deletedConnections } = await deleteUserData(deps, payload.user_id);
      res.locals.log?.info({ deletedConnections }, "meta data deletion processed");
      const url = `${deps.config.shopify.appUrl}/meta/data-deletion/status?code=${code}`;
      res.json({ url, confirmation_code: code });
    } catch (error) {
      next(error);
    }
  });

  router.get("/data-deletion/status", async (req, res, next) => {
    const query = statusQuery.safeParse(req.query);
    if (!query.success) {
      res.status(400).json({ error: "invalid_code" });
      return;
    }
    try {
      const request = await deps.db.dataDeletionRequest.findUnique({ where: { code: query.data.code } });
      if (!request) {
        res.status(404).json({ error: "unknown_code" });
        return;
      }
      // Only the code, the status and dates: the page is public, so it names no one.
      const status = {
        confirmation_code: request.code,
        status: request.status,
        requested_at: request.requestedAt.toISOString(),
        completed_at: request.completedAt?.toISOString() ?? null,
      };
      res.format({
        json: () => res.json(status),
        html: () => res.type("html").send(statusPage(status)),
        default: () => res.json(status),
      });
    } catch (error) {
      next(error);
    }
  });

  return router;
}

function statusPage(s: {
  confirmation_code: string;
  status: string;
  requested_at: string;
  completed_at: string | null;
}): string {
  const done = s.status === "completed";
  // The code is [0-9a-f] and the dates are ISO strings, so nothing here needs escaping.
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Data deletion status</title></head><body>
<h1>Data deletion request ${s.confirmation_code}</h1>
<p>Status: <strong>${done ? "Completed" : "In progress"}</strong></p>
<p>Received: ${s.requested_at}${s.completed_at ? `<br>Completed: ${s.completed_at}` : ""}</p>
<p>${done ? "The Facebook Page connections and access tokens you granted to Messenger Connect have been deleted." : "We are deleting the data you granted to Messenger Connect."}</p>
</body></html>`;
}
