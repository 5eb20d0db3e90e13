import type { NextFunction, Request, Response } from "express";

/** The one place that turns errors into HTTP answers. Bodies never echo input or internals. */
export function errorHandler() {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = httpStatusOf(error);
    if (status >= 500) res.locals.log?.error({ err: error, path: req.path }, "request failed");
    else res.locals.log?.warn({ status, reason: (error as Error)?.name, path: req.path }, "request refused");
    if (res.headersSent) return;
    res
      .status(status)
      .json({ error: status === 413 ? "payload_too_large" : status >= 500 ? "internal_error" : "bad_request" });
  };
}

function httpStatusOf(error: unknown): number {
  const candidate = error as { status?: unknown; statusCode?: unknown; type?: unknown };
  const status = typeof candidate?.status === "number" ? candidate.status : candidate?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 600) return status;
  return 500;
}
