import type { NextFunction, Request, Response } from "express";

/**
 * CORS for checkout and customer-account UI extensions. They run in a sandboxed Web Worker on Shopify's
 * origin, so every answer (errors included) needs CORS headers and the preflight must not hit auth.
 * `Access-Control-Allow-Origin: *` is what Shopify's own library sends for these requests
 * (shopify-app-js `ensureCORSHeadersFactory`, used by `authenticate.public.checkout`:
 * https://shopify.dev/docs/api/shopify-app-react-router/latest/authenticate/public/checkout).
 * A wildcard is safe here: the Bearer token is the credential, not a cookie (no Allow-Credentials).
 */
export function extCors() {
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
    res.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
    res.setHeader("Access-Control-Max-Age", "600");
    if (req.method === "OPTIONS") {
      res.status(204).end();
      return;
    }
    next();
  };
}
