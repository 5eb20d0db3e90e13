import { Router } from "express";
import type { Deps } from "../deps.js";

/** Liveness with a real database round trip, and Prometheus metrics. */
export function opsRouter(deps: Pick<Deps, "db" | "metrics">): Router {
  const router = Router();
  router.get("/healthz", async (_req, res) => {
    try {
      await deps.db.$queryRawUnsafe("SELECT 1");
      res.status(200).json({ status: "ok", database: "reachable" });
    } catch {
      res.status(503).json({ status: "unavailable", database: "unreachable" });
    }
  });
  router.get("/metrics", async (_req, res) => {
    res.setHeader("content-type", deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });
  return router;
}
