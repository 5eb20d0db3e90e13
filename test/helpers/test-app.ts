import { loadConfig, type Config } from "../../web/server/config.js";
import type { Clock } from "../../web/server/lib/clock.js";
import type { Logger } from "../../web/server/lib/logger.js";
import { startServer, type RunningServer } from "../../web/server/server.js";
import { captureLogger } from "./capture-logger.js";
import { afterAll, beforeAll, beforeEach, describe } from "vitest";
import { DB_KINDS, openTestDatabase, type DbKind, type TestDatabase } from "./db.js";

export const TEST_SHOP = "test-shop.myshopify.com";
export const TEST_ENV = {
  SHOPIFY_API_KEY: "test-api-key",
  SHOPIFY_API_SECRET: "test-shopify-secret-0123456789",
  SHOPIFY_APP_URL: "https://app.test.example",
  META_APP_ID: "100200300",
  META_APP_SECRET: "test-meta-app-secret-abcdef",
  META_VERIFY_TOKEN: "test-verify-token",
  ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
  LOG_LEVEL: "trace",
  WORKER_CONCURRENCY: "4",
  NODE_ENV: "test",
  // Never Shopify: a closed local port unless a test starts the Admin API emulator (meta-harness does).
  SHOPIFY_ADMIN_API_URL: "http://127.0.0.1:1",
} as const;

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ ...TEST_ENV, ...overrides });
}

export interface TestApp extends RunningServer {
  database: TestDatabase;
  logs: () => string;
  close(): Promise<void>;
}

/** The real server on a fresh test database, on a random port, with logs captured for assertions. */
export async function startTestApp(
  kind: DbKind,
  options: { env?: Record<string, string>; clock?: Clock; workers?: boolean; logger?: Logger } = {},
): Promise<TestApp> {
  const database = await openTestDatabase(kind);
  const capture = captureLogger("trace");
  const config = testConfig(options.env);
  const running = await startServer(config, {
    database,
    logger: options.logger ?? capture.logger,
    ...(options.clock ? { clock: options.clock } : {}),
    port: 0,
    host: "127.0.0.1",
    workers: options.workers ?? true,
  });
  return { ...running, database, logs: capture.text, close: () => running.stop() };
}

/**
 * Runs the same suite against the real server on PGlite and on PostgreSQL (one server per database, empty
 * tables before each test). Options are shared by both runs.
 */
export function describeEachApp(
  name: string,
  suite: (app: () => TestApp, kind: DbKind) => void,
  options: Parameters<typeof startTestApp>[1] = {},
): void {
  for (const kind of DB_KINDS) {
    describe(`${name} [${kind}]`, () => {
      let app: TestApp | undefined;
      beforeAll(async () => {
        app = await startTestApp(kind, options);
      });
      afterAll(async () => {
        await app?.close();
      });
      beforeEach(async () => {
        await app?.database.truncate();
      });
      suite(() => {
        if (!app) throw new Error("test app not started yet");
        return app;
      }, kind);
    });
  }
}
