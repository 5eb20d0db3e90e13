import type { BenchmarkOptions } from "../benchmark.js";
import type { DbKind } from "../meta-ingress/bench-app.js";
import { runLoad, type LoadRun } from "../meta-ingress/run-load.js";
import { confirmationRecords, isSendCall, newOutboundTimes, replaySends, snapshotThreads } from "./confirmations.js";
import { linkDirectly, linkThroughProxy, type Shopper } from "./link-shoppers.js";
import { orderCreateRequests } from "./order-requests.js";
import { pendingJobs, startOrderWorld } from "./order-world.js";
import { pollUntil } from "./poll-until.js";
import { sampleQueueDepth, type DepthSample } from "../lib/queue-depth.js";

export interface BurstInput {
  kind: DbKind;
  orders: number;
  concurrency: number;
  /** Shoppers linked through the real proxy → m.me → Get Started path; the rest get their rows inserted. */
  viaProxy: number;
  timeoutMs: number;
  env: Record<string, string>;
}

export interface BurstResult {
  kind: DbKind;
  database: string;
  orders: number;
  workerConcurrency: number;
  sendRate: number;
  ingest: LoadRun;
  /** Non-2xx answers and socket errors during the burst. */
  ackErrors: number;
  deliveries: number;
  /** Epoch ms of each message the emulator accepted after the burst began. */
  sendTimes: number[];
  sendCalls: number;
  byStatus: Record<string, number>;
  receivedToSentMs: number[];
  /** CPU of the bench process (app + emulator) from burst start to the last confirmation, over that time. */
  appCpuPercent: number;
  emulatorAlone: LoadRun;
  /** Jobs waiting (inbox, outbox) sampled every 250 ms from the first webhook to the empty queue. */
  depth: DepthSample[];
}

const EMULATOR_REPLAYS = 2_000;

function shoppersFor(count: number): Shopper[] {
  return Array.from({ length: count }, (_, i) => ({
    customerId: String(7_600_000_000_000 + i),
    psid: String(7_200_000_000_000_000 + i),
  }));
}

/** One database: set up, link, burst, wait for the confirmations, check the records, measure the emulator alone. */
export async function runOrderBurst(input: BurstInput, options: BenchmarkOptions): Promise<BurstResult> {
  const t0 = performance.now();
  const log = (line: string) =>
    options.log(`order-burst ${input.kind} +${((performance.now() - t0) / 1000).toFixed(1)} s: ${line}`);
  const world = await startOrderWorld(input.kind, options, input.env);
  try {
    const shoppers = shoppersFor(input.orders);
    await linkThroughProxy(world, shoppers.slice(0, input.viaProxy));
    await linkDirectly(world, shoppers.slice(input.viaProxy));
    const requests = orderCreateRequests(shoppers, 5_900_000_000_000);
    const before = snapshotThreads(world.meta, shoppers);
    const callsBefore = world.meta.requests.filter(isSendCall).length;
    log(`${input.orders} shoppers linked; burst starts`);

    const cpuBefore = process.cpuUsage();
    const depthSampler = sampleQueueDepth(world.app.deps.db);
    const ingest = await runLoad({ url: world.app.url, concurrency: input.concurrency, warmup: 0, requests });
    const acked = Object.entries(ingest.statuses).reduce((n, [s, c]) => (s.startsWith("2") ? n + c : n), 0);
    log(`${acked}/${input.orders} acknowledged in ${Math.round(ingest.elapsedMs)} ms`);
    await pollUntil(() => newOutboundTimes(world.meta, before).length >= input.orders, {
      timeoutMs: input.timeoutMs,
      intervalMs: 50,
    });
    const sendTimes = newOutboundTimes(world.meta, before);
    log(`${sendTimes.length} confirmations seen`);
    const lastAt = sendTimes.length > 0 ? Math.max(...sendTimes) : Date.now();
    const cpu = process.cpuUsage(cpuBefore);
    const appCpuPercent = ((cpu.user + cpu.system) / 1000 / Math.max(lastAt - ingest.startedAt, 1)) * 100;
    await pollUntil(async () => (await pendingJobs(world.app)) === 0, { timeoutMs: 15_000 });
    const depth = await depthSampler.stop();
    const records = await confirmationRecords(world.app);
    const deliveries = await world.app.deps.db.webhookDelivery.count({
      where: { source: "shopify", topic: "orders/create" },
    });
    const sendCalls = world.meta.requests.filter(isSendCall).length - callsBefore;
    log(`${sendTimes.length} confirmations in the emulator; measuring it alone`);
    // Alone: no message_echoes webhooks back to the app, so the app does no work while the emulator is timed.
    world.meta.setWebhookUrl(undefined);
    const emulatorAlone = await runLoad({
      url: world.meta.url,
      concurrency: world.app.deps.config.workerConcurrency,
      warmup: 100,
      requests: replaySends(world.meta, shoppers, EMULATOR_REPLAYS + 100),
    });
    log("emulator measured; closing");
    return {
      kind: input.kind,
      database: world.databaseLabel,
      orders: input.orders,
      workerConcurrency: world.app.deps.config.workerConcurrency,
      sendRate: world.app.deps.config.pageSendRatePerSecond,
      ingest,
      ackErrors: input.orders - acked,
      deliveries,
      sendTimes,
      sendCalls,
      ...records,
      appCpuPercent,
      emulatorAlone,
      depth,
    };
  } finally {
    await world.close();
  }
}
