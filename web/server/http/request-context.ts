import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "../lib/logger.js";
import { pathOnly } from "../lib/logger.js";
import type { Metrics } from "./metrics.js";

declare module "express-serve-static-core" {
  interface Locals {
    /** The request's logger (bound to its request id); for lines other than the request's own. */
    log: Logger;
    requestId: string;
    /** Fields a route adds to the request's one log line (what it did), instead of a second line. */
    logFields: Record<string, unknown>;
  }
}

/**
 * Request id, one log line per request (path only: query strings may carry secrets) with the route's
 * fields, latency histogram. The child logger is made only when a route asks for it: building one per
 * request was a visible share of the webhook path's CPU (see BENCHMARKS.md, meta-ingress).
 */
export function requestContext(logger: Logger, metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const requestId = (req.get("x-request-id") ?? "").slice(0, 64) || randomUUID();
    let child: Logger | undefined;
    res.locals.requestId = requestId;
    res.locals.logFields = {};
    Object.defineProperty(res.locals, "log", {
      get: () => (child ??= logger.child({ requestId })),
      enumerable: true,
      configurable: true,
    });
    res.setHeader("x-request-id", requestId);
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : "unmatched";
      metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      logger.info(
        {
          ...res.locals.logFields,
          requestId,
          method: req.method,
          path: pathOnly(req.originalUrl),
          status: res.statusCode,
          ms: Math.round(seconds * 1e4) / 10,
        },
        "request",
      );
    });
    next();
  };
}
