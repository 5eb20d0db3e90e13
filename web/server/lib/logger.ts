import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger };

/**
 * Paths pino removes from every log line. Tokens, signatures, message text and shopper PII never reach
 * the logs; ids (psid, mid, webhookId, shop) are what we log instead.
 */
export const REDACT_PATHS = [
  "token",
  "*.token",
  "accessToken",
  "*.accessToken",
  "access_token",
  "*.access_token",
  "pageToken",
  "*.pageToken",
  "refreshToken",
  "*.refreshToken",
  "appsecret_proof",
  "*.appsecret_proof",
  "secret",
  "*.secret",
  "signature",
  "*.signature",
  "hmac",
  "*.hmac",
  "ref",
  "*.ref",
  "text",
  "*.text",
  "message.text",
  "email",
  "*.email",
  "phone",
  "*.phone",
  "name",
  "*.first_name",
  "*.last_name",
  "address",
  "*.address",
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-hub-signature-256"]',
  'req.headers["x-shopify-hmac-sha256"]',
  "headers.authorization",
  'headers["x-hub-signature-256"]',
  'headers["x-shopify-hmac-sha256"]',
];

export function createLogger(options: { level: string; destination?: DestinationStream; base?: object }): Logger {
  return pino(
    {
      level: options.level,
      base: options.base ?? { service: "messenger-connect" },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}

/** Keeps query strings out of logged URLs: they can carry codes, signatures and refs. */
export function pathOnly(url: string): string {
  const q = url.indexOf("?");
  return q === -1 ? url : url.slice(0, q);
}
