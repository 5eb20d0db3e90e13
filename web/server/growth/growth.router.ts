import { Router, type Response } from "express";
import { z } from "zod";
import type { Deps } from "../deps.js";
import { isValidPageHandle } from "../linking/m-me-link.js";
import { GROWTH_ENTRY_POINTS, growthLink, growthLinks, isGrowthEntryPoint } from "./growth-links.js";
import { QR_CONTENT_TYPES, renderQr, type QrFormat } from "./growth-qr.js";

/**
 * Admin growth tools, mounted inside the /api router (session token already verified there):
 *   GET /growth/links                        m.me link per entry point
 *   GET /growth/links/:entryPoint/qr.svg|png its QR code (?size=128..2048 for PNG)
 * The shop is the session's; links point at the shop's active Page.
 */
export function growthRouter(deps: Deps): Router {
  const router = Router();

  router.get("/growth/links", async (_req, res) => {
    const page = await activePage(deps, res);
    if (!page) return void notConnected(res);
    res.json({
      page: { pageId: page.pageId, username: page.pageUsername },
      links: growthLinks(page.handle, deps.config.meta.linkBase).map((link) => ({
        ...link,
        qr: {
          svg: `/api/growth/links/${link.entryPoint}/qr.svg`,
          png: `/api/growth/links/${link.entryPoint}/qr.png`,
        },
      })),
    });
  });

  for (const format of ["svg", "png"] as const satisfies readonly QrFormat[]) {
    router.get(`/growth/links/:entryPoint/qr.${format}`, async (req, res) => {
      const entryPoint = req.params.entryPoint;
      if (!isGrowthEntryPoint(entryPoint)) {
        res.status(404).json({ error: "unknown_entry_point", entryPoints: GROWTH_ENTRY_POINTS });
        return;
      }
      const size = sizeSchema.safeParse(req.query.size);
      if (!size.success) {
        res.status(400).json({ error: "bad_request", issues: ["size"] });
        return;
      }
      const page = await activePage(deps, res);
      if (!page) return void notConnected(res);
      const image = await renderQr(
        growthLink(page.handle, entryPoint, deps.config.meta.linkBase).url,
        format,
        size.data,
      );
      res.setHeader("Content-Type", QR_CONTENT_TYPES[format]);
      res.setHeader("Content-Disposition", `inline; filename="messenger-${entryPoint}.${format}"`);
      res.setHeader("Cache-Control", "private, max-age=300");
      res.send(image);
    });
  }
  return router;
}

const sizeSchema = z.coerce.number().int().min(128).max(2048).default(512);

async function activePage(deps: Deps, res: Response) {
  const shop: string = res.locals.shopify.session.shop;
  const page = await deps.db.pageConnection.findFirst({
    where: { status: "active", shop: { domain: shop, uninstalledAt: null } },
    orderBy: { createdAt: "asc" },
    select: { pageId: true, pageUsername: true },
  });
  if (!page) return undefined;
  // m.me takes the username or the numeric id; an unusable stored username falls back to the id.
  const handle = page.pageUsername && isValidPageHandle(page.pageUsername) ? page.pageUsername : page.pageId;
  return { ...page, handle };
}

function notConnected(res: Response): void {
  res.status(409).json({ error: "page_not_connected", message: "Connect a Facebook Page to get Messenger links." });
}
