import { Router } from "express";
import type { TemplateLinks } from "./signed-link.js";

/** GET /t/:suffix: the URL button of a utility template lands here and goes on to the signed destination. */
export function trackingLinksRouter(links: TemplateLinks): Router {
  const router = Router();
  router.get("/:suffix", (req, res) => {
    const url = links.resolve(req.params.suffix);
    if (!url) return void res.status(404).json({ error: "unknown_link" });
    res.set("cache-control", "no-store").set("referrer-policy", "no-referrer").redirect(302, url);
  });
  return router;
}
