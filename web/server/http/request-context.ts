import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "../lib/logger.js";
import { pathOnly } from "../lib/logger.js";
import type { Metrics } from "./metrics.js";

declare module "express-serve-static-core" {
  interface Locals {
    log: Logger;
    requestId: string;
  }
}

/** Request id, child logger, one log line per request (path only: query strings may carry secrets), latency histogram. */
export function requestContext(logger: Logger, metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const requestId = (req.get("x-request-id") ?? "").slice(0, 64) || randomUUID();
    res.locals.requestId = requestId;
    res.locals.log = logger.child({ requestId });
    res.setHeader("x-request-id", requestId);
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : "unmatched";
      metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      res.locals.log.info(
        {
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
