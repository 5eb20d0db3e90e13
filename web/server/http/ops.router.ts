import { randomBytes, timingSafeEqual } from "node:crypto";
import { Router, type Request } from "express";
import type { Deps } from "../deps.js";
import { hmacSha256 } from "../lib/hmac.js";

const COMPARE_KEY = randomBytes(32);

/** Liveness with a real database round trip, and Prometheus metrics behind a bearer token. */
export function opsRouter(deps: Pick<Deps, "db" | "metrics" | "config">): Router {
  const router = Router();
  router.get("/healthz", async (_req, res) => {
    try {
      await deps.db.$queryRawUnsafe("SELECT 1");
      res.status(200).json({ status: "ok", database: "reachable" });
    } catch {
      res.status(503).json({ status: "unavailable", database: "unreachable" });
    }
  });
  const token = deps.config.metricsToken;
  // Without a token the endpoint does not exist (queue depths and routes are nobody's business); the sandbox,
  // which only listens locally, keeps it open for the developer.
  router.get("/metrics", async (req, res) => {
    if (token === undefined && !deps.config.sandbox) {
      res.status(404).json({ error: "not_found" });
      return;
    }
    if (token !== undefined && !bearerMatches(req, token)) {
      res.setHeader("www-authenticate", 'Bearer realm="metrics"');
      res.status(401).json({ error: "unauthorized" });
      return;
    }
    res.setHeader("content-type", deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });
  return router;
}

/**
 * Compares HMACs of both values under a per-process key, so the comparison is constant-time whatever the
 * presented token's length (a plain timingSafeEqual needs equal lengths and would reveal the token's).
 */
function bearerMatches(req: Request, token: string): boolean {
  const presented = /^Bearer ([^\s]+)$/.exec(req.get("authorization") ?? "")?.[1] ?? "";
  return timingSafeEqual(hmacSha256(COMPARE_KEY, presented), hmacSha256(COMPARE_KEY, token));
}
