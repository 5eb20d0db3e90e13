import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MetaEmulator } from "../../emulators/meta/index.js";
import { makeOrder } from "../../emulators/shopify/order-factories.js";
import { signWebhook } from "../../emulators/shopify/sign-webhook.js";
import { runCommand } from "../../web/server/cli/commands.js";
import { loadConfig } from "../../web/server/config.js";
import { openDatabase, type DatabaseTarget } from "../../web/server/db/open-database.js";
import { createDeps } from "../../web/server/deps.js";
import { messageIdFromEcho } from "../../web/server/messaging/echo-metadata.js";
import { PAGE_FIELDS } from "../../web/server/pages/connect-page.js";
import { createBenchDatabase } from "../lib/postgres-database.js";
import { BENCH_ENV, benchAppLogger, createBenchMetaEmulator, type DbKind } from "../meta-ingress/bench-app.js";
import { BENCH_PAGE, BENCH_SHOP } from "../order-burst/order-world.js";
import { appProcess, freePort } from "./app-process.js";
import { startWebhookRelay } from "./webhook-relay.js";

export interface CrashRunOptions {
  kind: DbKind;
  postgresAdminUrl: string;
  /** An empty PostgreSQL database to use instead of creating one on `postgresAdminUrl`. */
  postgresUrl?: string;
  kills: number;
  orders: number;
  /** Share of Send API calls that fail with a transient 500. */
  faultRate: number;
  /** Gap between the app being healthy again and the next SIGKILL, drawn uniformly, in ms. */
  killGapMs?: [number, number];
  shoppers?: number;
  log?: (line: string) => void;
}

export interface CrashRunResult {
  kind: DbKind;
  kills: number;
  acknowledged: number;
  /** Acknowledged orders whose confirmation Meta never accepted. */
  lost: string[];
  /** Orders whose confirmation Meta accepted more than once. */
  duplicated: string[];
  restartMs: number[];
  /** From the last acknowledged order to the last confirmation Meta accepted. */
  lastAckToLastConfirmationMs: number;
  sendCalls: number;
  injected5xx: number;
}

/**
 * Streams Shopify-signed orders/create webhooks at the real app process (retried until acknowledged, as
 * Shopify does) while SIGKILLing and restarting it, with transient Send API 500s from the Meta emulator
 * and Meta's webhook redelivery (the relay). Afterwards it reads the database: every acknowledged order
 * must have had its confirmation accepted by Meta exactly once.
 */
export async function runCrashHarness(options: CrashRunOptions): Promise<CrashRunResult> {
  const log = options.log ?? (() => undefined);
  const [minGap, maxGap] = options.killGapMs ?? [1_500, 4_000];
  const shopperCount = options.shoppers ?? 50;
  const meta = createBenchMetaEmulator();
  const graphUrl = await meta.start();
  const port = await freePort();
  const relay = await startWebhookRelay(() => `http://127.0.0.1:${port}/webhooks/meta`);
  meta.setWebhookUrl(relay.url);
  meta.addPage({ ...BENCH_PAGE, subscribedFields: PAGE_FIELDS, profile: { get_started: { payload: "GET_STARTED" } } });

  const dataDir = mkdtempSync(join(tmpdir(), "mc-crash-"));
  const created =
    options.kind === "postgres" && !options.postgresUrl
      ? await createBenchDatabase(options.postgresAdminUrl)
      : undefined;
  const postgresUrl = options.postgresUrl ?? created?.url;
  const target: DatabaseTarget = postgresUrl
    ? { kind: "postgres", url: postgresUrl }
    : { kind: "pglite", dataDir: join(dataDir, "data") };
  const env: Record<string, string> = {
    ...BENCH_ENV,
    LOG_LEVEL: "error",
    META_GRAPH_URL: graphUrl,
    WORKER_CONCURRENCY: "8",
    JOB_BACKOFF_BASE_MS: "200",
    JOB_BACKOFF_CAP_MS: "5000",
    ...(target.kind === "postgres" ? { DATABASE_URL: target.url } : { DATA_DIR: target.dataDir }),
  };
  const app = appProcess(env, port);
  try {
    const shoppers = await setUpShop(env, meta, shopperCount);
    const restartMs = [await app.start()];
    meta.faults.set({ rate5xx: options.faultRate, seed: 99 });

    const acks = new Map<string, number>();
    let next = 0;
    const paceMs = Math.max(5, ((options.kills * (minGap + maxGap)) / 2 / options.orders) * 4);
    const stream = async () => {
      for (let i = next++; i < options.orders; i = next++) {
        const request = signedOrder(i, shoppers[i % shoppers.length]!);
        for (;;) {
          const status = await fetch(`${app.url}/webhooks/shopify`, {
            method: "POST",
            headers: request.headers,
            body: request.rawBody,
            signal: AbortSignal.timeout(5_000),
          }).then(
            (res) => res.status,
            () => 0,
          );
          if (status >= 200 && status < 300) break;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        acks.set(orderId(i), Date.now());
        await new Promise((resolve) => setTimeout(resolve, paceMs));
      }
    };
    const kill = async () => {
      for (let k = 1; k <= options.kills; k++) {
        await new Promise((resolve) => setTimeout(resolve, minGap + Math.random() * (maxGap - minGap)));
        await app.kill("SIGKILL");
        restartMs.push(await app.start());
        log(`crash: kill ${k}/${options.kills}, back in ${restartMs.at(-1)} ms, ${acks.size} orders acknowledged`);
      }
    };
    await Promise.all([kill(), ...Array.from({ length: 4 }, stream)]);
    const lastAck = Math.max(...acks.values());

    const delivered = () => deliveredMessages(meta);
    const settled = Date.now() + 120_000;
    while (Date.now() < settled && new Set(delivered().map((d) => d.messageId)).size < acks.size) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // A duplicate would come after the first copy: give late retries time to show themselves.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    await app.kill("SIGTERM");

    const byOrder = await confirmationIdsByOrder(target);
    const copies = new Map<string, number>();
    for (const d of delivered()) copies.set(d.messageId, (copies.get(d.messageId) ?? 0) + 1);
    const lost: string[] = [];
    const duplicated: string[] = [];
    let lastConfirmation = 0;
    for (const order of acks.keys()) {
      const id = byOrder.get(order);
      const n = id ? (copies.get(id) ?? 0) : 0;
      if (n === 0) lost.push(order);
      if (n > 1) duplicated.push(order);
    }
    for (const d of delivered()) lastConfirmation = Math.max(lastConfirmation, d.at);
    const sendCalls = meta.requests.filter((r) => r.method === "POST" && r.path.endsWith("/messages")).length;
    return {
      kind: options.kind,
      kills: options.kills,
      acknowledged: acks.size,
      lost,
      duplicated,
      restartMs,
      lastAckToLastConfirmationMs: lastConfirmation - lastAck,
      sendCalls,
      injected5xx: sendCalls - delivered().length,
    };
  } catch (error) {
    throw new Error(`${(error as Error).message}\napp stderr: ${app.stderrTail().slice(-1_500)}`, { cause: error });
  } finally {
    await app.kill("SIGKILL").catch(() => undefined);
    await relay.close();
    await meta.close();
    await created?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const orderId = (i: number) => String(9_100_000 + i);

function signedOrder(i: number, shopper: { customerId: string }) {
  const order = makeOrder({
    id: orderId(i),
    number: 10_000 + i,
    shop: BENCH_SHOP,
    customer: { id: shopper.customerId, firstName: "Jonas" },
    customerLocale: "en",
    createdAt: new Date().toISOString(),
  });
  return signWebhook({
    topic: "orders/create",
    shop: BENCH_SHOP,
    body: order,
    secret: BENCH_ENV.SHOPIFY_API_SECRET,
    apiVersion: "2026-10",
    webhookId: `crash-order-${orderId(i)}`,
  });
}

/** Installs the shop, connects the Page and links shoppers with the app's own commands, before the app runs. */
async function setUpShop(env: Record<string, string>, meta: MetaEmulator, count: number) {
  const deps = await createDeps(loadConfig(env), { logger: benchAppLogger() });
  try {
    await deps.database.migrate();
    const installed = await runCommand(deps, "shop:install", { shop: BENCH_SHOP, "access-token": "shpat_crash" });
    await runCommand(deps, "page:connect", {
      shop: BENCH_SHOP,
      "page-id": BENCH_PAGE.pageId,
      "page-token": BENCH_PAGE.token,
      "page-username": BENCH_PAGE.username,
    });
    const shopId = String(installed.shopId);
    const now = new Date();
    const shoppers = Array.from({ length: count }, (_, i) => ({
      customerId: String(7_700_000_000 + i),
      psid: `77${String(i).padStart(11, "0")}`,
    }));
    // The rows linking writes (as bench/order-burst's linkDirectly does), and a thread the shopper just opened.
    const common = { shopId, pageId: BENCH_PAGE.pageId };
    await deps.db.shopperLink.createMany({
      data: shoppers.map((s) => ({
        ...common,
        psid: s.psid,
        subjectKind: "customer",
        subjectId: s.customerId,
        entryPoint: "bubble",
        linkedAt: now,
      })),
    });
    await deps.db.conversation.createMany({
      data: shoppers.map((s) => ({ ...common, psid: s.psid, lastInteractionAt: now, createdAt: now, updatedAt: now })),
    });
    for (const s of shoppers) {
      const thread = meta.state.ensureThread(BENCH_PAGE.pageId, s.psid);
      thread.started = true;
      thread.lastInteractionAt = now.getTime();
      thread.lastUserMessageAt = now.getTime();
    }
    return shoppers;
  } finally {
    await deps.database.close();
  }
}

/** Every message Meta accepted, by our outbound message id (the echo metadata the app puts on each send). */
function deliveredMessages(meta: MetaEmulator): { messageId: string; at: number }[] {
  return meta.threads().flatMap((thread) =>
    thread.items.flatMap((item) => {
      if (item.direction !== "out") return [];
      const metadata = (item.request.message as { metadata?: string } | undefined)?.metadata;
      const id = messageIdFromEcho(metadata);
      return id === undefined ? [] : [{ messageId: id.toString(), at: item.at }];
    }),
  );
}

async function confirmationIdsByOrder(target: DatabaseTarget): Promise<Map<string, string>> {
  const database = await openDatabase(target);
  try {
    const rows = await database.prisma.outboundMessage.findMany({
      where: { purpose: "order.confirmed" },
      select: { id: true, orderId: true },
    });
    return new Map(rows.flatMap((r) => (r.orderId ? [[r.orderId, r.id.toString()] as const] : [])));
  } finally {
    await database.close();
  }
}
