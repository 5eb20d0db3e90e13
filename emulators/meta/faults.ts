import type { GraphFailure } from "./graph-errors.js";
import { errors } from "./graph-errors.js";

export type FaultKind = "5xx" | "timeout" | "613" | "190" | "551" | "1893063" | "non_json" | "lost_reply";

export interface FaultRates {
  rate5xx?: number;
  rateTimeout?: number;
  /** The request is processed (the message is delivered) but the answer never comes back. */
  rateLostReply?: number;
  rate613?: number;
  error190?: number;
  error551?: number;
  seed?: number;
  /** estimated_time_to_regain_access sent with 613s, in minutes (Meta's unit); null sends no usage header. Default 1. */
  regainMinutes?: number | null;
}

/** What the emulator does instead of serving a Graph request. */
export type FaultOutcome =
  | { kind: "hang" }
  | { kind: "lost_reply" }
  | { kind: "respond"; failure: GraphFailure }
  | { kind: "raw"; status: number; body: string };

/** mulberry32: tiny, seedable, good enough to make fault runs reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function outcomeFor(kind: FaultKind, regainMinutes: number | null = 1): FaultOutcome {
  switch (kind) {
    case "timeout":
      return { kind: "hang" };
    case "lost_reply":
      return { kind: "lost_reply" };
    case "5xx":
      return { kind: "respond", failure: errors.server() };
    case "613":
      return { kind: "respond", failure: errors.rateLimited(regainMinutes) };
    case "190":
      return { kind: "respond", failure: errors.badToken() };
    case "551":
      return { kind: "respond", failure: errors.unavailable() };
    case "1893063":
      return { kind: "respond", failure: errors.pageRestricted() };
    case "non_json":
      return { kind: "raw", status: 502, body: "<html><body>502 Bad Gateway</body></html>" };
  }
}

/** Deterministic fault injection: a one-shot queue first, then seeded random rates. */
export function createFaults() {
  let rates: FaultRates = {};
  let rand = prng(0);
  const queue: FaultKind[] = [];
  const order: Array<[keyof FaultRates, FaultKind]> = [
    ["rateTimeout", "timeout"],
    ["rateLostReply", "lost_reply"],
    ["rate5xx", "5xx"],
    ["rate613", "613"],
    ["error190", "190"],
    ["error551", "551"],
  ];
  return {
    set(next: FaultRates) {
      rates = { ...next };
      rand = prng(next.seed ?? 0);
    },
    clear() {
      rates = {};
      queue.length = 0;
    },
    /** Queues faults for the next Graph requests, in order, regardless of rates. */
    next(...kinds: FaultKind[]) {
      queue.push(...kinds);
    },
    pending: () => [...queue],
    /** Draws one decision per request: exactly one random number, so the sequence depends only on the seed. */
    draw(): FaultOutcome | null {
      const queued = queue.shift();
      if (queued) return outcomeFor(queued, rates.regainMinutes);
      if (order.every(([key]) => !rates[key])) return null;
      let r = rand();
      for (const [key, kind] of order) {
        const p = rates[key] ?? 0;
        if (r < p) return outcomeFor(kind, rates.regainMinutes);
        r -= p;
      }
      return null;
    },
  };
}

export type Faults = ReturnType<typeof createFaults>;
