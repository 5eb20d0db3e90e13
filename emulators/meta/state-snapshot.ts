import { z } from "zod";
import type { EmulatorState, Thread } from "./state.js";

/**
 * The Meta emulator's world as plain JSON, so the sandbox can keep it between runs: Pages, threads (with
 * their PSIDs), templates, marketing subscriptions, ad accounts, FLfB codes and user tokens, and the id
 * counter, which is what guarantees that a new guest never gets a PSID some earlier guest already had.
 * Request and webhook logs are developer aids and start empty. Pure: no file I/O here.
 */

export const META_SNAPSHOT_VERSION = 1;

/**
 * The data fields of the emulator's state this snapshot keeps (threads are kept through `threads()`). A test
 * fails when the state gains a field not listed here, so new state is never silently lost on restart.
 */
export const KEPT_STATE_FIELDS = [
  "adAccounts",
  "oauthCodes",
  "pages",
  "seq",
  "subscriptions",
  "templates",
  "tokenUsers",
  "unsubscribed",
  "userGrants",
  "userTokens",
] as const;

const record = z.record(z.string(), z.unknown());
const ms = z.number().int().nonnegative();

const pageSchema = z.object({
  pageId: z.string().min(1),
  token: z.string().min(1),
  name: z.string(),
  username: z.string().optional(),
  country: z.string(),
  humanAgent: z.boolean(),
  profile: record,
  subscribedFields: z.array(z.string()),
});

const itemSchema = z.union([
  z.object({
    direction: z.literal("in"),
    at: ms,
    kind: z.enum(["message", "postback", "referral", "optin"]),
    event: record,
  }),
  z.object({
    direction: z.literal("out"),
    at: ms,
    kind: z.enum(["message", "marketing"]),
    mid: z.string(),
    request: record,
  }),
]);

const threadSchema = z.object({
  pageId: z.string().min(1),
  psid: z.string().min(1),
  started: z.boolean(),
  blocked: z.boolean(),
  lastInteractionAt: ms.nullable(),
  lastUserMessageAt: ms.nullable(),
  country: z.string(),
  items: z.array(itemSchema),
});

const templateSchema = z.object({
  id: z.string(),
  pageId: z.string(),
  name: z.string(),
  language: z.string(),
  category: z.literal("UTILITY"),
  status: z.enum(["PENDING", "APPROVED", "REJECTED"]),
  parameterFormat: z.enum(["POSITIONAL", "NAMED"]),
  components: z.array(record),
});

const subscriptionSchema = z.object({
  token: z.string(),
  pageId: z.string(),
  psid: z.string(),
  stopped: z.boolean(),
  lastMarketingAt: ms.nullable(),
});

const adAccountSchema = z.object({
  adAccountId: z.string(),
  token: z.string(),
  campaigns: z.array(z.object({ id: z.string(), name: z.string(), pageId: z.string() })),
});

const oauthCodeSchema = z.object({
  code: z.string(),
  userToken: z.string(),
  redirectUri: z.string(),
  pageIds: z.array(z.string()),
  userId: z.string().optional(),
  scopes: z.array(z.string()).optional(),
  adAccountIds: z.array(z.string()).optional(),
});

const grantsSchema = z.object({ scopes: z.array(z.string()), adAccountIds: z.array(z.string()) });

export const metaSnapshotSchema = z.object({
  version: z.literal(META_SNAPSHOT_VERSION),
  seq: z.number().int().nonnegative(),
  pages: z.array(pageSchema),
  threads: z.array(threadSchema),
  templates: z.array(templateSchema),
  subscriptions: z.array(subscriptionSchema),
  adAccounts: z.array(adAccountSchema),
  oauthCodes: z.array(oauthCodeSchema),
  userTokens: z.array(
    z.object({
      token: z.string(),
      pageIds: z.array(z.string()),
      userId: z.string().optional(),
      grants: grantsSchema.optional(),
    }),
  ),
  /** "pageId/psid" unsubscribed through the Unsubscribe API (absent in snapshots written before it existed). */
  unsubscribed: z.array(z.string()).default([]),
});

export type MetaSnapshot = z.infer<typeof metaSnapshotSchema>;

/** A deep copy of the state as JSON-ready data (later changes to the state do not reach it). */
export function snapshotMetaState(state: EmulatorState): MetaSnapshot {
  const copy = <T>(value: T): T => structuredClone(value);
  return {
    version: META_SNAPSHOT_VERSION,
    seq: state.seq,
    pages: [...state.pages.values()].map(copy),
    threads: state.threads().map(copy),
    templates: state.templates.map(copy),
    subscriptions: [...state.subscriptions.values()].map(copy),
    adAccounts: [...state.adAccounts.values()].map((a) => ({
      adAccountId: a.adAccountId,
      token: a.token,
      campaigns: [...a.campaigns.values()].map(copy),
    })),
    oauthCodes: [...state.oauthCodes.entries()].map(([code, v]) => ({ code, ...copy(v) })),
    userTokens: [...state.userTokens.entries()].map(([token, pageIds]) => {
      const userId = state.tokenUsers.get(token);
      const grants = state.userGrants.get(token);
      return {
        token,
        pageIds: [...pageIds],
        ...(userId ? { userId } : {}),
        ...(grants ? { grants: copy(grants) } : {}),
      };
    }),
    unsubscribed: [...state.unsubscribed],
  };
}

export class MetaSnapshotError extends Error {}

/** Validates an unknown value (a parsed file) as a snapshot; the error names the first problems. */
export function parseMetaSnapshot(value: unknown): MetaSnapshot {
  const parsed = metaSnapshotSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new MetaSnapshotError(
      `not a Meta emulator snapshot (version ${META_SNAPSHOT_VERSION}): ${issues.join("; ")}`,
    );
  }
  return parsed.data;
}

/** Puts a snapshot into a (fresh) state: what was there with the same keys is replaced. */
export function restoreMetaState(state: EmulatorState, snapshot: MetaSnapshot): void {
  const s = structuredClone(snapshot);
  // Never move the counter back: ids handed out in this process stay unique too.
  state.seq = Math.max(state.seq, s.seq);
  for (const page of s.pages) state.pages.set(page.pageId, page);
  for (const thread of s.threads) state.putThread(thread as Thread);
  for (const template of s.templates) {
    const at = state.templates.findIndex((t) => t.id === template.id);
    if (at >= 0) state.templates.splice(at, 1, template);
    else state.templates.push(template);
  }
  for (const sub of s.subscriptions) state.subscriptions.set(sub.token, sub);
  for (const account of s.adAccounts) {
    state.adAccounts.set(account.adAccountId.replace(/^act_/, ""), {
      adAccountId: account.adAccountId,
      token: account.token,
      campaigns: new Map(account.campaigns.map((c) => [c.id, c])),
    });
  }
  for (const { code, ...rest } of s.oauthCodes) state.oauthCodes.set(code, rest);
  for (const { token, pageIds, userId, grants } of s.userTokens) {
    state.userTokens.set(token, pageIds);
    if (userId) state.tokenUsers.set(token, userId);
    if (grants) state.userGrants.set(token, grants);
  }
  for (const key of s.unsubscribed) state.unsubscribed.add(key);
}
