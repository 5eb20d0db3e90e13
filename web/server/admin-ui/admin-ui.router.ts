import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import express, { Router } from "express";
import type { Deps } from "../deps.js";
import { projectPath } from "../lib/project-root.js";
import { ADMIN_NOT_BUILT_PAGE, renderAdminDocument } from "./admin-document.js";

/** Where `npm run build:admin` (vite build --config web/frontend/vite.config.ts) writes the admin. */
export const ADMIN_DIST_DIR = projectPath("web", "frontend", "dist");

export interface AdminUiOptions {
  /** Built admin folder; tests point it at a temporary build. */
  distDir?: string;
}

/**
 * The embedded admin's document at `/` (the app URL Shopify opens) and `/app/*` (its client-side routes),
 * and its hashed assets at `/assets/*`. The admin authenticates its API calls with session tokens, so the
 * document itself is public; the embedded-app CSP (frame-ancestors) is set for every response in app.ts.
 */
export function adminUiRouter(deps: Deps, options: AdminUiOptions = {}): Router {
  const distDir = options.distDir ?? ADMIN_DIST_DIR;
  const router = Router();
  let document: string | undefined;
  const readDocument = (): string | undefined => {
    if (document) return document;
    const index = join(distDir, "index.html");
    if (!existsSync(index)) return undefined;
    document = renderAdminDocument(readFileSync(index, "utf8"), deps.config.shopify.apiKey);
    return document;
  };

  // Hashed file names: a new build gets new names, so these may be cached for good.
  router.use(
    "/assets",
    express.static(join(distDir, "assets"), { index: false, immutable: true, maxAge: "365d", fallthrough: true }),
  );
  router.get(["/", "/app", "/app/*path"], (_req, res) => {
    const html = readDocument();
    res.setHeader("Cache-Control", "no-store");
    if (!html) {
      deps.logger.warn({ distDir }, "admin requested but not built: run npm run build:admin");
      res.status(503).type("html").send(ADMIN_NOT_BUILT_PAGE);
      return;
    }
    res.status(200).type("html").send(html);
  });
  return router;
}
