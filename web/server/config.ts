import { isIP } from "node:net";
import { z } from "zod";
import { deriveRefKeyring, parseRefKeyring } from "./linking/ref-keyring.js";
import type { RefKeyring } from "./linking/signed-ref.js";

/** The only reader of process.env. Every key is validated at start and all problems are reported together. */
const nonEmpty = z.string().trim().min(1, "is required");
const url = z.url({ message: "must be a URL" });
/** Oldest Graph API major the app accepts: the Marketing API v25 expires 2027-02-23. */
const MIN_GRAPH_MAJOR = 26;

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SHOPIFY_API_KEY: nonEmpty,
  SHOPIFY_API_SECRET: nonEmpty,
  SHOPIFY_APP_URL: url,
  SHOPIFY_API_VERSION: z
    .string()
    .regex(/^\d{4}-(01|04|07|10)$/, "must look like 2026-10")
    .default("2026-10"),
  // Tests and the sandbox only: where Admin API and token calls go instead of https://{shop} (empty in production).
  SHOPIFY_ADMIN_API_URL: z.union([z.literal(""), url]).optional(),
  META_APP_ID: nonEmpty,
  META_APP_SECRET: nonEmpty,
  META_VERIFY_TOKEN: nonEmpty,
  META_CONFIG_ID: z.string().optional(),
  META_MARKETING_CONFIG_ID: z.string().optional(),
  META_GRAPH_URL: url.default("https://graph.facebook.com"),
  // v27.0 is current (2026-11-04). One version serves every call, and the Marketing API refuses v25 from
  // 2027-02-23 (v24 since 2026-11-10), so nothing below v26.0 is accepted.
  // https://developers.facebook.com/docs/graph-api/changelog
  META_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, "must look like v27.0")
    .refine((v) => Number(v.slice(1).split(".")[0]) >= MIN_GRAPH_MAJOR, {
      message: `must be v${MIN_GRAPH_MAJOR}.0 or later (Marketing API calls need v${MIN_GRAPH_MAJOR}+)`,
    })
    .default("v27.0"),
  MESSENGER_LINK_BASE: url.default("https://m.me"),
  GRAPH_TIMEOUT_MS: z.coerce.number().int().min(50).max(120_000).default(10_000),
  AMBIGUOUS_SEND_RETRY_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
  PAGE_RESTRICTED_PAUSE_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(7 * 24 * 3_600_000)
    .default(3_600_000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  DATA_DIR: z.string().default("./.data"),
  ENCRYPTION_KEY: z.string().optional(),
  REF_SIGNING_KEYS: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(16),
  PAGE_SEND_RATE_PER_SECOND: z.coerce.number().positive().default(250),
  JOB_BACKOFF_BASE_MS: z.coerce.number().int().min(10).max(600_000).default(1_000),
  JOB_BACKOFF_CAP_MS: z.coerce.number().int().min(100).max(86_400_000).default(900_000),
  JOB_LEASE_MS: z.coerce.number().int().min(300).max(600_000).default(15_000),
  INBOX_GROUP_COMMIT_MS: z.coerce.number().min(0).max(50).default(2),
  SANDBOX: z.enum(["0", "1"]).default("0"),
  ADMIN_DIST_DIR: z.string().trim().min(1).optional(),
  METRICS_TOKEN: z.string().trim().min(24, "must be at least 24 characters (`openssl rand -hex 24`)").optional(),
  TRUST_PROXY: z.string().optional(),
  WEBHOOK_BODY_RETENTION_DAYS: retentionDays(30),
  OUTBOUND_BODY_RETENTION_DAYS: retentionDays(30),
  DEAD_DELIVERY_RETENTION_DAYS: retentionDays(30),
});

function retentionDays(fallback: number) {
  return z.coerce.number().int().min(1, "must be at least 1 day").max(3650).default(fallback);
}

export type Env = z.input<typeof schema>;

export interface Config {
  env: "development" | "production" | "test";
  sandbox: boolean;
  shopify: {
    apiKey: string;
    apiSecret: string;
    appUrl: string;
    apiVersion: string;
    /** Base URL that replaces https://{shop} for Admin API and OAuth token calls (emulator); undefined: Shopify. */
    adminApiUrl: string | undefined;
  };
  meta: {
    appId: string;
    appSecret: string;
    verifyToken: string;
    configId: string | undefined;
    /** Facebook Login for Business configuration with the Marketing Messages permissions (ad account onboarding). */
    marketingConfigId: string | undefined;
    graphUrl: string;
    graphVersion: string;
    linkBase: string;
    timeoutMs: number;
    /** After a send call timed out, wait this long (for Meta's echo) before trying again. */
    ambiguousSendRetryMs: number;
    /** How long a Page's sends wait after Meta answers 10 / 1893063 (temporarily restricted) before trying again. */
    restrictedPauseMs: number;
  };
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };
  dataDir: string;
  /** 32-byte key for AES-256-GCM of tokens at rest. */
  encryptionKey: Buffer;
  /** Keys for signed m.me refs, separate from every other secret: kid -> secret. The first is current. */
  refKeys: RefKeyring;
  port: number;
  logLevel: string;
  workerConcurrency: number;
  pageSendRatePerSecond: number;
  jobBackoff: { baseMs: number; capMs: number };
  /** Folder of the built embedded admin; undefined: web/frontend/dist (`npm run build:admin`). */
  adminDistDir: string | undefined;
  /** Bearer token for GET /metrics; undefined: no metrics endpoint (except in the sandbox, where it is open). */
  metricsToken: string | undefined;
  /** Express "trust proxy": false (the socket's address is the client), a hop count, or trusted addresses/subnets. */
  trustProxy: TrustProxy;
  /** How long personal data is kept once it has done its job. */
  retention: { webhookBodyDays: number; outboundBodyDays: number; deadDeliveryDays: number };
  /** A claimed job returns to the queue this long after its worker stopped renewing the lease. */
  jobLeaseMs: number;
  /** Webhooks arriving within this many ms share one inbox INSERT (group commit); 0: one statement each. */
  inboxGroupCommitMs: number;
}

export type TrustProxy = false | number | string[];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Sandbox-only fallback so `npm run sandbox` works on a fresh clone; refused outside the sandbox. */
const SANDBOX_KEY = Buffer.alloc(32, 7).toString("base64");

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join(".")}: ${issue.message}`);
  }
  const raw = parsed.success ? parsed.data : undefined;
  const sandbox = env.SANDBOX === "1";

  const keyText = env.ENCRYPTION_KEY ?? (sandbox ? SANDBOX_KEY : undefined);
  const encryptionKey = keyText ? Buffer.from(keyText, "base64") : undefined;
  if (!keyText) problems.push("ENCRYPTION_KEY: is required (32 random bytes, base64: `openssl rand -base64 32`)");
  else if (encryptionKey?.length !== 32) problems.push("ENCRYPTION_KEY: must be 32 bytes, base64-encoded");

  if (raw?.NODE_ENV === "production" && raw.SHOPIFY_ADMIN_API_URL) {
    problems.push("SHOPIFY_ADMIN_API_URL: must be empty in production (Admin API calls go to https://{shop})");
  }

  const refKeys = parseRefKeys(env.REF_SIGNING_KEYS, encryptionKey, problems);
  const trustProxy = parseTrustProxy(env.TRUST_PROXY, problems);
  if (problems.length > 0 || !raw || !encryptionKey || !refKeys || trustProxy === undefined)
    throw new ConfigError(problems);

  return Object.freeze({
    env: raw.NODE_ENV,
    sandbox,
    shopify: {
      apiKey: raw.SHOPIFY_API_KEY,
      apiSecret: raw.SHOPIFY_API_SECRET,
      appUrl: raw.SHOPIFY_APP_URL.replace(/\/$/, ""),
      apiVersion: raw.SHOPIFY_API_VERSION,
      adminApiUrl: raw.SHOPIFY_ADMIN_API_URL ? raw.SHOPIFY_ADMIN_API_URL.replace(/\/$/, "") : undefined,
    },
    meta: {
      appId: raw.META_APP_ID,
      appSecret: raw.META_APP_SECRET,
      verifyToken: raw.META_VERIFY_TOKEN,
      configId: raw.META_CONFIG_ID,
      marketingConfigId: raw.META_MARKETING_CONFIG_ID,
      graphUrl: raw.META_GRAPH_URL.replace(/\/$/, ""),
      graphVersion: raw.META_GRAPH_VERSION,
      linkBase: raw.MESSENGER_LINK_BASE.replace(/\/$/, ""),
      timeoutMs: raw.GRAPH_TIMEOUT_MS,
      ambiguousSendRetryMs: raw.AMBIGUOUS_SEND_RETRY_MS,
      restrictedPauseMs: raw.PAGE_RESTRICTED_PAUSE_MS,
    },
    database: raw.DATABASE_URL
      ? { kind: "postgres" as const, url: raw.DATABASE_URL }
      : { kind: "pglite" as const, dataDir: raw.DATA_DIR },
    dataDir: raw.DATA_DIR,
    encryptionKey,
    refKeys,
    port: raw.PORT,
    logLevel: raw.LOG_LEVEL,
    workerConcurrency: raw.WORKER_CONCURRENCY,
    pageSendRatePerSecond: raw.PAGE_SEND_RATE_PER_SECOND,
    jobBackoff: { baseMs: raw.JOB_BACKOFF_BASE_MS, capMs: raw.JOB_BACKOFF_CAP_MS },
    adminDistDir: raw.ADMIN_DIST_DIR,
    metricsToken: raw.METRICS_TOKEN,
    trustProxy,
    retention: {
      webhookBodyDays: raw.WEBHOOK_BODY_RETENTION_DAYS,
      outboundBodyDays: raw.OUTBOUND_BODY_RETENTION_DAYS,
      deadDeliveryDays: raw.DEAD_DELIVERY_RETENTION_DAYS,
    },
    jobLeaseMs: raw.JOB_LEASE_MS,
    inboxGroupCommitMs: raw.INBOX_GROUP_COMMIT_MS,
  });
}

/** Names Express (proxy-addr) accepts for well-known ranges. */
const TRUST_PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/**
 * TRUST_PROXY is off by default, so X-Forwarded-For is ignored and req.ip is the socket's peer. Behind a load
 * balancer set the number of proxy hops ("1") or the proxies' addresses ("10.0.0.0/8,loopback"), as Express
 * accepts (https://expressjs.com/en/guide/behind-proxies.html). "true" is refused: trusting every hop lets
 * any client choose its own req.ip.
 */
function parseTrustProxy(text: string | undefined, problems: string[]): TrustProxy | undefined {
  const value = text?.trim() ?? "";
  if (value === "" || value === "false" || value === "0") return false;
  if (/^[0-9]+$/.test(value)) {
    const hops = Number(value);
    if (hops <= 32) return hops;
  }
  const entries = value.split(",").map((e) => e.trim());
  const bad = entries.filter((e) => !TRUST_PROXY_NAMES.has(e) && !isAddressOrSubnet(e));
  if (bad.length > 0) {
    problems.push(
      `TRUST_PROXY: ${value === "true" ? '"true" would trust any X-Forwarded-For' : `cannot read ${bad.join(", ") || value}`} ` +
        "(expected a hop count 1-32, or addresses/subnets such as 10.0.0.0/8, loopback, linklocal, uniquelocal)",
    );
    return undefined;
  }
  return entries;
}

function isAddressOrSubnet(entry: string): boolean {
  const [address = "", range, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (range === undefined) return true;
  if (/^[0-9]{1,3}$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  // proxy-addr also takes an IPv4 netmask: 10.0.0.0/255.0.0.0
  return family === 4 && isIP(range) === 4;
}

/**
 * REF_SIGNING_KEYS is "kid1:base64secret,kid2:base64secret" (first = current). When absent, a key is
 * derived from ENCRYPTION_KEY with HKDF so the ref key is still distinct from the encryption key.
 */
function parseRefKeys(
  text: string | undefined,
  encryptionKey: Buffer | undefined,
  problems: string[],
): RefKeyring | undefined {
  if (!text) return encryptionKey?.length === 32 ? deriveRefKeyring(encryptionKey) : undefined;
  const parsed = parseRefKeyring(text);
  if ("error" in parsed) {
    problems.push(`REF_SIGNING_KEYS: ${parsed.error} (expected kid:base64secret pairs, secrets of at least 32 bytes)`);
    return undefined;
  }
  return parsed;
}
