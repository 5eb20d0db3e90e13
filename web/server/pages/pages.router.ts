import { Router, type NextFunction, type Request, type Response } from "express";
import { z } from "zod";
import type { Deps } from "../deps.js";
import { PageConnectError } from "./connect-page.js";
import { disconnectPage } from "./disconnect-page.js";
import { connectFromGrant, FacebookLoginError, listGrantedPages, loginUrl } from "./facebook-login.js";
import { LoginGrantError } from "./login-grant.js";
import { createPageGraphCalls } from "./page-graph-calls.js";

const pageId = z.string().regex(/^\d{1,20}$/, "must be a numeric Page id");
const listBody = z.object({
  code: z.string().min(1).max(2000),
  state: z.string().min(1).max(1000),
  redirectUri: z.url().max(2000),
});
const connectBody = z.object({ grant: z.string().min(1).max(200_000), pageId });

/** HTTP answers for the refusals of this module; anything else goes to the shared error handler. */
const STATUS: Record<string, number> = {
  state_invalid: 400,
  state_expired: 400,
  grant_invalid: 400,
  grant_expired: 400,
  code_rejected: 400,
  page_not_granted: 400,
  token_rejected: 400,
  not_configured: 409,
  page_taken: 409,
  shop_not_installed: 404,
  graph_failed: 502,
};

/**
 * /api/pages: Page connection for the embedded admin (mounted behind the session-token check, so the shop
 * always comes from the verified session). Facebook Login for Business runs stateless: signed state, sealed grant.
 */
export function pagesRouter(deps: Deps): Router {
  const router = Router();
  const loginDeps = { ...deps, pageGraph: createPageGraphCalls(deps.config.meta) };
  const shopOf = (res: Response): string => res.locals.shopify.session.shop as string;
  const handle =
    (fn: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) =>
      fn(req, res).catch((error: unknown) => refuse(res, error) || next(error));

  router.get(
    "/",
    handle(async (_req, res) => {
      const pages = await deps.db.pageConnection.findMany({
        where: { shop: { domain: shopOf(res) } },
        orderBy: { createdAt: "asc" },
        select: {
          pageId: true,
          pageName: true,
          pageUsername: true,
          status: true,
          statusReason: true,
          authErrorAt: true,
          sendsPausedUntil: true,
          sendsPausedReason: true,
          subscribedAt: true,
          profileSyncedAt: true,
        },
      });
      // Utility templates per Page and status: outside the 24 h window only APPROVED ones can carry updates.
      const counts = await deps.db.utilityTemplate.groupBy({
        by: ["pageId", "status"],
        where: { pageId: { in: pages.map((p) => p.pageId) } },
        _count: true,
      });
      const templates = (pageId: string) =>
        Object.fromEntries(counts.filter((c) => c.pageId === pageId).map((c) => [c.status, c._count]));
      res.json({ pages: pages.map((page) => ({ ...page, templates: templates(page.pageId) })) });
    }),
  );

  router.post(
    "/login-url",
    handle(async (_req, res) => {
      res.json(loginUrl(deps, shopOf(res)));
    }),
  );

  router.post(
    "/list",
    handle(async (req, res) => {
      res.json(await listGrantedPages(loginDeps, shopOf(res), listBody.parse(req.body)));
    }),
  );

  router.post(
    "/connect",
    handle(async (req, res) => {
      const page = await connectFromGrant(loginDeps, shopOf(res), connectBody.parse(req.body));
      res.json({ page: { pageId: page.pageId, status: page.status } });
    }),
  );

  router.delete(
    "/:pageId",
    handle(async (req, res) => {
      const id = pageId.parse(req.params.pageId);
      const shop = await deps.db.shop.findUnique({ where: { domain: shopOf(res) } });
      if (!shop || !(await disconnectPage(loginDeps, shop.id, id))) {
        res.status(404).json({ error: "page_not_found" });
        return;
      }
      res.json({ disconnected: id });
    }),
  );

  return router;
}

/** Answers a known refusal with a clear 4xx; returns false for anything else. Bodies never echo tokens. */
function refuse(res: Response, error: unknown): boolean {
  if (error instanceof z.ZodError) {
    res.status(400).json({
      error: "invalid_request",
      issues: error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
    return true;
  }
  if (error instanceof LoginGrantError || error instanceof FacebookLoginError || error instanceof PageConnectError) {
    res.status(STATUS[error.reason] ?? 400).json({ error: error.reason });
    return true;
  }
  return false;
}
