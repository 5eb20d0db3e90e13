import { burstTiming } from "./order-burst-benchmark.js";
import type { BurstResult } from "./run-order-burst.js";

const perSecond = (r: BurstResult) => r.emulatorAlone.latenciesMs.length / (r.emulatorAlone.elapsedMs / 1000);

/** Reading notes for the order-burst section; the comparisons are computed from this run. */
export function orderBurstNotes(results: BurstResult[]): string[] {
  const lines = results.map((r) => {
    const t = burstTiming(r);
    const emulator = perSecond(r);
    const limiter = t.sendingPerSecond > r.sendRate * 0.9;
    const verdict = limiter
      ? `at the Page send rate (${r.sendRate}/s): the app's own limiter, Meta's per-Page rate, is the bound`
      : t.sendingPerSecond > emulator * 0.8
        ? `close to the emulator's own rate (${Math.round(emulator)}/s): the emulator is (near) the bottleneck`
        : `${Math.round((t.sendingPerSecond / emulator) * 100)} % of what the emulator accepts alone (${Math.round(emulator)}/s with ${r.workerConcurrency} in flight): the emulator is not the bottleneck, the app's pipeline is`;
    const incomplete =
      r.sendTimes.length < r.orders
        ? ` Only ${r.sendTimes.length} of ${r.orders} receipts reached the emulator before the time limit (\`--timeout-s\`), so "last receipt" is a lower bound; the rate fell as the backlog grew (trial runs: ~50 messages/s for 300 orders), which points at per-job cost growing with the number of pending jobs.`
        : "";
    return `- ${r.database}: ${Math.round(t.sendingPerSecond)} messages/s while sending, ${verdict}.${incomplete}`;
  });
  return [
    "**What happens per order.** The webhook route checks the HMAC (through `@shopify/shopify-api`), records the delivery and its inbox job in one statement and answers 200. A worker then runs the inbox job (a transaction: save the OrderRecord, find the recipient through `ShopperLink`, queue the `OutboundMessage` and its send job), and another job sends it: the policy decides again at send time (window open → `UPDATE`), the Page's token is decrypted, the Graph call goes to the emulator, the message is marked sent. Meta (and the emulator) then echoes every sent message back as a `message_echoes` webhook, which the app acknowledges and processes like any Messenger event. So every order is two webhooks in, three outbox jobs, a few dozen SQL statements and one Send API call. _Receipts in emulator_ counts outbound items that appeared in the shoppers' emulator threads after the burst began (time = the emulator's clock when it accepted the Send API call); _received→sent_ is `outbound_message.sent_at − webhook_delivery.received_at` per order, joined by webhook id. _Send API calls_ counts every POST to `/{page-id}/messages` the emulator saw during the run (a retry would show here as more calls than receipts).",
    "**Is the emulator the bottleneck?** After each run, the app's last Send API request is replayed 2,000 times straight at the emulator (echo webhooks switched off, so the app stays idle) with as many in flight as the app's workers allow (_emulator alone_).",
    ...lines,
    "**What limits each number.** The acknowledgement rate is the ingress path measured by `meta-ingress`, now competing with the workers that start processing immediately (same process, same database). Sending is bounded by the workers: one worker per process with the default concurrency of 4 runs both job kinds, so at most 4 jobs are in flight, each paying several database round trips; the Page send limiter (default 250/s, Meta's per-Page Send API rate) only matters when the pipeline gets faster than that. This machine has 2 cores shared by the load generator, the app and its workers, the emulator (same process as the app), PostgreSQL and whatever else is running (see the load average); _bench process CPU %_ near 100 means the app's single JavaScript thread was the limit.",
    "**PGlite serializes on one connection.** On PGlite, the ingress statements, every worker's claims, transactions and settles all queue on one in-process connection executed on the app's own thread, so the burst's acknowledgements and the workers slow each other down, and a transaction holds the connection for all its statements. PostgreSQL runs them in parallel in its own processes. In trial runs PGlite also got slower per order as the burst grew (about 17 messages/s for 500 orders, 8/s for 1,000), so a 5,000-order burst would take many minutes; that is why PGlite gets `--pglite-orders` (default 500) and PostgreSQL the full 5,000. Try `--worker-concurrency 16` or `--send-rate 1000` to see how each bound moves.",
  ];
}
