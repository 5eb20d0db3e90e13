import type { PrismaClient } from "../../web/server/db/open-database.js";

export interface DepthSample {
  /** Seconds since the sampler started. */
  t: number;
  /** Received webhooks not yet processed (inbox jobs pending or running). */
  inbox: number;
  /** Outbound work not yet finished (send and other jobs pending or running). */
  outbox: number;
}

/** Samples the outbox's backlog every `intervalMs` until stopped; one cheap grouped count per sample. */
export function sampleQueueDepth(db: PrismaClient, intervalMs = 250): { stop(): Promise<DepthSample[]> } {
  const samples: DepthSample[] = [];
  const t0 = performance.now();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const t = (performance.now() - t0) / 1000;
      const rows = await db
        .$queryRawUnsafe<{ inbox: number; outbox: number }[]>(
          `SELECT count(*) FILTER (WHERE kind LIKE 'inbox.%')::int AS inbox,
                  count(*) FILTER (WHERE kind NOT LIKE 'inbox.%')::int AS outbox
             FROM outbox_job WHERE status IN ('pending', 'running')`,
        )
        .catch(() => []);
      if (rows[0]) samples.push({ t, inbox: rows[0].inbox, outbox: rows[0].outbox });
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return samples;
    },
  };
}
