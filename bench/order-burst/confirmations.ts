import type { MetaEmulator, RecordedRequest } from "../../emulators/meta/index.js";
import type { RunningServer } from "../../web/server/server.js";
import type { LoadRequest } from "../meta-ingress/load-generator.js";
import { BENCH_PAGE } from "./order-world.js";
import type { Shopper } from "./link-shoppers.js";
import { webhookIdFor } from "./order-requests.js";

/** How many outbound items each shopper's emulator thread holds now, to count only what comes after. */
export function snapshotThreads(meta: MetaEmulator, shoppers: Shopper[]): Map<string, number> {
  return new Map(shoppers.map((s) => [s.psid, meta.thread(BENCH_PAGE.pageId, s.psid)?.items.length ?? 0]));
}

/** Times (epoch ms, the emulator's clock) of the messages the emulator accepted since the snapshot. */
export function newOutboundTimes(meta: MetaEmulator, before: Map<string, number>): number[] {
  const times: number[] = [];
  for (const [psid, from] of before) {
    const items = meta.thread(BENCH_PAGE.pageId, psid)?.items ?? [];
    for (let i = from; i < items.length; i++) {
      const item = items[i];
      if (item?.direction === "out") times.push(item.at);
    }
  }
  return times;
}

export const isSendCall = (r: RecordedRequest) => r.method === "POST" && r.path.endsWith("/messages");

/** What the database says about the order confirmations, and how long each took from webhook receipt to sent. */
export async function confirmationRecords(app: RunningServer) {
  const db = app.deps.db;
  const statuses = await db.outboundMessage.groupBy({
    by: ["status"],
    where: { purpose: "order.confirmed" },
    _count: { _all: true },
  });
  const rows = await db.$queryRawUnsafe<{ ms: number }[]>(
    `SELECT (EXTRACT(EPOCH FROM (m.sent_at - d.received_at)) * 1000)::float8 AS ms
       FROM outbound_message m
       JOIN webhook_delivery d ON d.source = 'shopify' AND d.external_id = '${webhookIdFor("")}' || m.order_id
      WHERE m.purpose = 'order.confirmed' AND m.status = 'sent'`,
  );
  const byStatus = Object.fromEntries(statuses.map((s) => [s.status, s._count._all])) as Record<string, number>;
  return { byStatus, receivedToSentMs: rows.map((r) => Number(r.ms)) };
}

/**
 * The app's own last Send API call, replayed `count` times to the emulator for other recipients: the
 * emulator's rate alone, with as many in flight as the app's workers can have, to tell whether it limits.
 */
export function replaySends(meta: MetaEmulator, shoppers: Shopper[], count: number): LoadRequest[] {
  const sample = [...meta.requests].reverse().find(isSendCall);
  if (!sample) throw new Error("order-burst: no Send API call to replay");
  const body = sample.body as { recipient: { id: string } };
  return Array.from({ length: count }, (_, i) => ({
    path: sample.url,
    headers: {
      "content-type": sample.contentType ?? "application/json",
      ...(sample.authorization ? { authorization: sample.authorization } : {}),
    },
    body: JSON.stringify({ ...body, recipient: { id: shoppers[i % shoppers.length]?.psid } }),
  }));
}
