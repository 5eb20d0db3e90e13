import type { Config } from "./config.js";
import { openDatabase, type Database, type PrismaClient } from "./db/open-database.js";
import { createMetrics, type Metrics } from "./http/metrics.js";
import { systemClock, type Clock } from "./lib/clock.js";
import { createLogger, type Logger } from "./lib/logger.js";
import { createTokenCipher, type TokenCipher } from "./lib/token-cipher.js";
import { EncryptedPrismaSessionStorage } from "./shopify/session-storage.js";
import { createShopify, type ShopifyApp } from "./shopify/shopify-app.js";
import { createGraphClient, type GraphClient } from "./messenger/graph/graph-client.js";
import { createAdminApi, type AdminApi } from "./shopify/admin-api/admin-api-client.js";
import { recordShopAuthorized } from "./shopify/shop-installation.js";
import { createInboxWriter, type InboxWriter } from "./inbox/inbox-writer.js";

/** The composition root's product: everything a route, job or command needs, built once from config. */
export interface Deps {
  config: Config;
  logger: Logger;
  clock: Clock;
  database: Database;
  db: PrismaClient;
  cipher: TokenCipher;
  metrics: Metrics;
  sessionStorage: EncryptedPrismaSessionStorage;
  shopify: ShopifyApp;
  /** GraphQL Admin API with the shop's offline token (web/server/shopify/admin-api/). */
  adminApi: AdminApi;
  graph: GraphClient;
  /** Where webhook routes record deliveries (group commit). */
  inbox: InboxWriter;
}

export interface DepsOverrides {
  logger?: Logger;
  clock?: Clock;
  database?: Database;
  graph?: GraphClient;
}

/** Inbox statements at once on PostgreSQL: enough to overlap round trips, few enough to leave the pool to jobs. */
const INBOX_STATEMENTS_IN_FLIGHT = 4;

export async function createDeps(config: Config, overrides: DepsOverrides = {}): Promise<Deps> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  const clock = overrides.clock ?? systemClock;
  // Every running job may hold a connection (its transaction); leave room for HTTP ingress.
  const database =
    overrides.database ??
    (await openDatabase(config.database, {
      poolSize: Math.max(10, config.workerConcurrency + 6),
      onConnectionError: (error) => logger.warn({ err: error }, "database connection lost"),
    }));
  const cipher = createTokenCipher(config.encryptionKey);
  const sessionStorage = new EncryptedPrismaSessionStorage(database.prisma, cipher);
  const db = database.prisma;
  const shopify = createShopify(config, sessionStorage, logger, {
    // Token exchange stored a fresh offline token: the merchant opened the app (install, or back after a lost token).
    afterAuth: async (shop) => void (await recordShopAuthorized({ db, clock, logger }, shop)),
  });
  return {
    config,
    logger,
    clock,
    database,
    db: database.prisma,
    cipher,
    metrics: createMetrics(database.prisma, clock),
    sessionStorage,
    shopify,
    adminApi: createAdminApi({ db, sessionStorage, shopify, clock, logger, config }),
    inbox: createInboxWriter(database.prisma, clock, {
      windowMs: config.inboxGroupCommitMs,
      maxBatch: 500,
      // PGlite has one connection: a second statement would only queue behind the first.
      maxInFlight: database.kind === "pglite" ? 1 : INBOX_STATEMENTS_IN_FLIGHT,
    }),
    graph:
      overrides.graph ??
      createGraphClient({
        baseUrl: config.meta.graphUrl,
        version: config.meta.graphVersion,
        appId: config.meta.appId,
        appSecret: config.meta.appSecret,
        timeoutMs: config.meta.timeoutMs,
      }),
  };
}
