import { z } from "zod";

/**
 * Throttling headers Meta returns on Graph calls.
 * https://developers.facebook.com/docs/graph-api/overview/rate-limiting
 */
export interface UsageEntry {
  /** Percentages of the limit used (0-100). */
  callCount: number;
  totalCputime: number;
  totalTime: number;
  /** Minutes until calls are accepted again (0 when not throttled). */
  estimatedTimeToRegainAccessMin: number;
}

export interface GraphUsage {
  app: UsageEntry | null;
  page: UsageEntry | null;
  /** X-Business-Use-Case-Usage: per business object id, one entry per use-case type (e.g. "messenger"). */
  businessUseCase: Array<UsageEntry & { id: string; type: string }>;
}

const pct = z.number().catch(0);
const entrySchema = z.object({
  call_count: pct.default(0),
  total_cputime: pct.default(0),
  total_time: pct.default(0),
  estimated_time_to_regain_access: pct.default(0),
});
const bucSchema = z.record(z.string(), z.array(entrySchema.extend({ type: z.string().catch("unknown") })));

function toEntry(e: z.infer<typeof entrySchema>): UsageEntry {
  return {
    callCount: e.call_count,
    totalCputime: e.total_cputime,
    totalTime: e.total_time,
    estimatedTimeToRegainAccessMin: e.estimated_time_to_regain_access,
  };
}

function parseJson(raw: string | null): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** Reads the three usage headers; malformed ones count as absent rather than failing the call. */
export function parseUsageHeaders(headers: Headers): GraphUsage {
  const app = entrySchema.safeParse(parseJson(headers.get("x-app-usage")));
  const page = entrySchema.safeParse(parseJson(headers.get("x-page-usage")));
  const buc = bucSchema.safeParse(parseJson(headers.get("x-business-use-case-usage")));
  return {
    app: app.success ? toEntry(app.data) : null,
    page: page.success ? toEntry(page.data) : null,
    businessUseCase: buc.success
      ? Object.entries(buc.data).flatMap(([id, list]) => list.map((e) => ({ id, type: e.type, ...toEntry(e) })))
      : [],
  };
}

/** Highest reported usage percentage across all headers; lets callers slow down before Meta throttles. */
export function maxUsagePercent(usage: GraphUsage): number {
  const entries: UsageEntry[] = [
    ...(usage.app ? [usage.app] : []),
    ...(usage.page ? [usage.page] : []),
    ...usage.businessUseCase,
  ];
  return entries.reduce((max, e) => Math.max(max, e.callCount, e.totalCputime, e.totalTime), 0);
}
