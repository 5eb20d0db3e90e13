import { signAppProxyQuery } from "../../web/server/storefront/verify-proxy-signature.js";
import { BENCH_ENV } from "../meta-ingress/bench-app.js";
import { BENCH_PAGE, BENCH_SHOP, pendingJobs, type OrderWorld } from "./order-world.js";
import { pollUntil } from "./poll-until.js";

export interface Shopper {
  customerId: string;
  psid: string;
}

/**
 * The real path, for a few shoppers: a Shopify-signed app proxy request for a logged-in customer, the m.me
 * link it returns opened in the emulator, Get Started tapped; the app binds the PSID and opens the window
 * from the webhooks, and answers with its link confirmation.
 */
export async function linkThroughProxy(world: OrderWorld, shoppers: Shopper[]): Promise<void> {
  for (const s of shoppers) {
    const query = signAppProxyQuery(
      {
        shop: BENCH_SHOP,
        logged_in_customer_id: s.customerId,
        path_prefix: "/apps/messenger",
        timestamp: String(Math.floor(Date.now() / 1000)),
      },
      BENCH_ENV.SHOPIFY_API_SECRET,
    );
    const res = await fetch(`${world.app.url}/proxy/link?${query}`);
    const { url } = (await res.json()) as { url: string };
    const ref = new URL(url).searchParams.get("ref");
    if (!ref) throw new Error("order-burst: the app proxy returned no ref");
    await world.meta.shopper.openMmeLink(BENCH_PAGE.pageId, s.psid, ref);
    await world.meta.shopper.tapGetStarted(BENCH_PAGE.pageId, s.psid);
  }
  const db = world.app.deps.db;
  const linked = await pollUntil(
    async () =>
      (await db.shopperLink.count({ where: { psid: { in: shoppers.map((s) => s.psid) }, unlinkedAt: null } })) ===
        shoppers.length && (await pendingJobs(world.app)) === 0,
    { timeoutMs: 30_000 },
  );
  if (!linked) throw new Error("order-burst: shoppers linked through the proxy were not bound in time");
}

/**
 * The fast path for thousands: the rows linking would have written, inserted directly (a customer
 * ShopperLink and a Conversation whose lastInteractionAt is now, so the 24 h window is open), and the
 * emulator's thread marked started with a fresh interaction, as if each shopper had just tapped Get Started.
 */
export async function linkDirectly(
  world: { app: { deps: { db: OrderWorld["app"]["deps"]["db"] } }; shopId: string; meta: OrderWorld["meta"] },
  shoppers: Shopper[],
): Promise<void> {
  const db = world.app.deps.db;
  const now = new Date();
  for (let from = 0; from < shoppers.length; from += 1_000) {
    const chunk = shoppers.slice(from, from + 1_000);
    const common = { shopId: world.shopId, pageId: BENCH_PAGE.pageId };
    await db.shopperLink.createMany({
      data: chunk.map((s) => ({
        ...common,
        psid: s.psid,
        subjectKind: "customer",
        subjectId: s.customerId,
        entryPoint: "bubble",
        linkedAt: now,
      })),
    });
    await db.conversation.createMany({
      data: chunk.map((s) => ({ ...common, psid: s.psid, lastInteractionAt: now, createdAt: now, updatedAt: now })),
    });
  }
  for (const s of shoppers) {
    const thread = world.meta.state.ensureThread(BENCH_PAGE.pageId, s.psid);
    thread.started = true;
    thread.lastInteractionAt = now.getTime();
    thread.lastUserMessageAt = now.getTime();
  }
}
