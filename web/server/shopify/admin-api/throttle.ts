/**
 * Cost-based throttling for the GraphQL Admin API (pure). Shopify answers every query with its cost and the
 * (app, shop) leaky bucket: extensions.cost.throttleStatus { maximumAvailable, currentlyAvailable, restoreRate }.
 * Before a query we estimate what the bucket holds now and wait until the query's cost fits, instead of
 * being THROTTLED. https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits
 */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface BucketReading extends ThrottleStatus {
  /** When Shopify reported it (epoch ms). */
  at: number;
}

/** What the bucket holds at `now`, refilled at restoreRate per second since the reading. */
export function estimateAvailable(reading: BucketReading, now: number): number {
  const refilled = reading.currentlyAvailable + (Math.max(0, now - reading.at) / 1000) * reading.restoreRate;
  return Math.min(reading.maximumAvailable, refilled);
}

/** Milliseconds to wait before sending a query of `cost` points; 0 when it fits or nothing is known yet. */
export function waitBeforeMs(reading: BucketReading | undefined, cost: number, now: number): number {
  if (!reading || reading.restoreRate <= 0) return 0;
  const needed = Math.min(cost, reading.maximumAvailable) - estimateAvailable(reading, now);
  return needed <= 0 ? 0 : Math.ceil((needed / reading.restoreRate) * 1000);
}

/**
 * After a THROTTLED answer: wait until the requested cost is back in the bucket. A 429 carries Retry-After
 * (seconds), which wins when present.
 */
export function retryAfterMs(input: {
  retryAfterSeconds?: number | undefined;
  status?: ThrottleStatus | undefined;
  requestedCost?: number | undefined;
}): number {
  if (input.retryAfterSeconds !== undefined && Number.isFinite(input.retryAfterSeconds)) {
    return Math.max(0, Math.ceil(input.retryAfterSeconds * 1000));
  }
  const { status, requestedCost } = input;
  if (status && requestedCost !== undefined && status.restoreRate > 0) {
    const needed = Math.min(requestedCost, status.maximumAvailable) - status.currentlyAvailable;
    return Math.max(0, Math.ceil((needed / status.restoreRate) * 1000));
  }
  return 1000;
}
