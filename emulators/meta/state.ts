/** In-memory world of the emulator: Pages, threads, templates, OAuth codes, marketing subscriptions. */

export interface EmulatedPage {
  pageId: string;
  token: string;
  name: string;
  username?: string;
  /** Business location (ISO 3166 alpha-2); gates the Marketing Messages API (spec §4.2). */
  country: string;
  /** Whether the app has the Human Agent feature (HUMAN_AGENT tag). */
  humanAgent: boolean;
  profile: Record<string, unknown>;
  /** Fields this app is subscribed to on the Page; webhooks for other fields are not delivered, as on Meta. */
  subscribedFields: string[];
}

export type TemplateStatus = "PENDING" | "APPROVED" | "REJECTED";

export interface EmulatedTemplate {
  id: string;
  pageId: string;
  name: string;
  language: string;
  category: "UTILITY";
  status: TemplateStatus;
  parameterFormat: "POSITIONAL" | "NAMED";
  components: Array<Record<string, unknown>>;
}

export type ThreadItem =
  | { direction: "in"; at: number; kind: "message" | "postback" | "referral" | "optin"; event: Record<string, unknown> }
  | { direction: "out"; at: number; kind: "message" | "marketing"; mid: string; request: Record<string, unknown> };

export interface Thread {
  pageId: string;
  psid: string;
  /** True once the shopper started the conversation (Get Started or a first message). */
  started: boolean;
  blocked: boolean;
  /** Last user action that opens the 24 h window (ms). */
  lastInteractionAt: number | null;
  /** Last message typed by the shopper (ms); HUMAN_AGENT counts 7 days from it. */
  lastUserMessageAt: number | null;
  /** Recipient country, for the Marketing Messages region rule. */
  country: string;
  items: ThreadItem[];
}

export interface Subscription {
  token: string;
  pageId: string;
  psid: string;
  stopped: boolean;
  lastMarketingAt: number | null;
}

export interface AdAccount {
  adAccountId: string;
  token: string;
  campaigns: Map<string, { id: string; name: string; pageId: string }>;
}

export function createState() {
  const pages = new Map<string, EmulatedPage>();
  const threads = new Map<string, Thread>();
  const templates: EmulatedTemplate[] = [];
  const subscriptions = new Map<string, Subscription>();
  /** "pageId/psid" of people unsubscribed at Page level through the Unsubscribe API. */
  const unsubscribed = new Set<string>();
  const adAccounts = new Map<string, AdAccount>();
  const oauthCodes = new Map<
    string,
    {
      userToken: string;
      redirectUri: string;
      pageIds: string[];
      userId?: string;
      scopes?: string[];
      adAccountIds?: string[];
    }
  >();
  /** User token -> granted permissions and the ad accounts it reaches (Marketing Messages onboarding). */
  const userGrants = new Map<string, { scopes: string[]; adAccountIds: string[] }>();
  const userTokens = new Map<string, string[]>();
  /** User token -> the app-scoped id of the Facebook user it belongs to (GET /me). */
  const tokenUsers = new Map<string, string>();
  let seq = 0;
  const key = (pageId: string, psid: string) => `${pageId}/${psid}`;
  /** Told about every message the Page sends (the emulator turns them into message_echoes webhooks). */
  const outboundListeners: Array<
    (sent: { pageId: string; psid: string; mid: string; at: number; request: Record<string, unknown> }) => void
  > = [];

  return {
    pages,
    templates,
    subscriptions,
    unsubscribed,
    adAccounts,
    oauthCodes,
    userTokens,
    tokenUsers,
    userGrants,
    nextId: (prefix: string) => `${prefix}${(++seq).toString().padStart(6, "0")}`,
    /** The counter behind every id (PSIDs, mids, template ids); a snapshot keeps it so no id is handed out twice. */
    get seq() {
      return seq;
    },
    set seq(value: number) {
      seq = value;
    },
    /** Finds a Page by id or by username (m.me links accept both). */
    pageByRef: (ref: string) => pages.get(ref) ?? [...pages.values()].find((p) => p.username === ref),
    pageByToken: (token: string) => [...pages.values()].find((p) => p.token === token),
    thread: (pageId: string, psid: string) => threads.get(key(pageId, psid)),
    ensureThread(pageId: string, psid: string): Thread {
      let t = threads.get(key(pageId, psid));
      if (!t) {
        t = {
          pageId,
          psid,
          started: false,
          blocked: false,
          lastInteractionAt: null,
          lastUserMessageAt: null,
          country: "US",
          items: [],
        };
        threads.set(key(pageId, psid), t);
      }
      return t;
    },
    threads: () => [...threads.values()],
    /** Stores a thread as it was (a restored snapshot); replaces one with the same Page and PSID. */
    putThread: (thread: Thread) => void threads.set(key(thread.pageId, thread.psid), thread),
    onOutbound: (listener: (typeof outboundListeners)[number]) => outboundListeners.push(listener),
    emitOutbound: (sent: Parameters<(typeof outboundListeners)[number]>[0]) =>
      outboundListeners.forEach((l) => l(sent)),
  };
}

export type EmulatorState = ReturnType<typeof createState>;
