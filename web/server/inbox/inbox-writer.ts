import type { PrismaClient } from "../db/open-database.js";
import type { Clock } from "../lib/clock.js";
import { deliveryKey, insertDeliveries, type Delivery } from "./record-delivery.js";

/**
 * Group commit for the inbox: webhook requests that arrive within a few milliseconds of each other share
 * one INSERT statement (one round trip, one commit, one pass through Prisma) instead of one each. Every
 * caller is still answered only after the statement that carries its deliveries has committed, and learns
 * how many of ITS deliveries were new. If a shared statement fails, each request in it is retried alone,
 * so a delivery the database refuses fails only the request that carried it.
 */
export interface InboxWriter {
  /** Resolves with how many of these deliveries were new once they (and their jobs) are durable. */
  record(deliveries: Delivery[]): Promise<number>;
  /** Writes what is waiting now and resolves when no statement is in flight. */
  flush(): Promise<void>;
  /** Statements written so far and the deliveries they carried (how well requests are being grouped). */
  stats(): { statements: number; deliveries: number };
}

export interface InboxWriterOptions {
  /**
   * How long the first waiting request may wait for others to join its statement. 0 turns group commit
   * off: every request gets a statement of its own, as soon as it arrives.
   */
  windowMs: number;
  /** Deliveries per statement; a full batch is written at once. */
  maxBatch: number;
  /** Statements in flight at once (PGlite: 1, it has one connection); requests wait while all are busy. */
  maxInFlight: number;
}

interface Waiting {
  deliveries: Delivery[];
  resolve: (inserted: number) => void;
  reject: (error: unknown) => void;
}

export function createInboxWriter(db: PrismaClient, clock: Clock, options: InboxWriterOptions): InboxWriter {
  let queue: Waiting[] = [];
  let queued = 0;
  let inFlight = 0;
  let timer: NodeJS.Timeout | undefined;
  /** The window of the oldest waiting request has passed: write as soon as a statement slot is free. */
  let due = false;
  const idle: (() => void)[] = [];
  const counts = { statements: 0, deliveries: 0 };

  function settleIdle() {
    if (inFlight === 0 && queue.length === 0) idle.splice(0).forEach((resolve) => resolve());
  }

  function pump() {
    while (queue.length > 0 && inFlight < options.maxInFlight && (due || queued >= options.maxBatch)) {
      const batch = take();
      inFlight++;
      void write(batch).finally(() => {
        inFlight--;
        pump();
        settleIdle();
      });
    }
    if (queue.length === 0) {
      due = false;
      clearTimeout(timer);
      timer = undefined;
    }
  }

  /** The oldest waiting requests, up to maxBatch deliveries (a request is never split). */
  function take(): Waiting[] {
    let count = 0;
    let n = 0;
    while (n < queue.length && (n === 0 || count + (queue[n] as Waiting).deliveries.length <= options.maxBatch)) {
      count += (queue[n] as Waiting).deliveries.length;
      n++;
    }
    const batch = queue.slice(0, n);
    queue = queue.slice(n);
    queued -= count;
    return batch;
  }

  async function write(batch: Waiting[]): Promise<void> {
    let inserted: Set<string>;
    const deliveries = batch.flatMap((w) => w.deliveries);
    counts.statements++;
    counts.deliveries += deliveries.length;
    try {
      inserted = await insertDeliveries(db, deliveries, clock.now());
    } catch (error) {
      if (batch.length === 1) {
        (batch[0] as Waiting).reject(error);
        return;
      }
      // Find out whose deliveries the database refused: each request alone, so only that one fails.
      await Promise.all(batch.map((w) => write([w])));
      return;
    }
    for (const w of batch) {
      let mine = 0;
      for (const d of w.deliveries) {
        // A delivery repeated by two requests in one statement counts as new for the first only.
        if (inserted.delete(deliveryKey(d))) mine++;
      }
      w.resolve(mine);
    }
  }

  return {
    record(deliveries) {
      if (deliveries.length === 0) return Promise.resolve(0);
      const receivedAt = clock.now();
      return new Promise<number>((resolve, reject) => {
        queue.push({
          deliveries: deliveries.map((d) => ({ ...d, receivedAt: d.receivedAt ?? receivedAt })),
          resolve,
          reject,
        });
        queued += deliveries.length;
        if (options.windowMs <= 0) due = true;
        else if (!timer && !due) {
          timer = setTimeout(() => {
            timer = undefined;
            due = true;
            pump();
          }, options.windowMs);
        }
        pump();
      });
    },
    flush() {
      due = true;
      pump();
      return new Promise<void>((resolve) => {
        idle.push(resolve);
        settleIdle();
      });
    },
    stats: () => ({ ...counts }),
  };
}
