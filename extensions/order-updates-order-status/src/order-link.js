/**
 * Asks the app for an order-bound m.me link (POST /ext/order-link). Shared verbatim by the Thank-you and
 * Order-status extensions (a test keeps both copies identical; each extension is bundled on its own).
 * The session token is the only credential; the server takes the shop from it, never from the body.
 * https://shopify.dev/docs/api/checkout-ui-extensions/latest/target-apis/platform-apis/session-token-api
 */

export const ORDER_LINK_PATH = "/ext/order-link";

/** The server's refs live 10 minutes; refresh before that so a buyer who lingers never taps a dead link. */
export const REFRESH_MS = 8 * 60 * 1000;

/**
 * @param {{ appUrl: string, getToken: () => Promise<string>, fetch: typeof globalThis.fetch,
 *   body: { orderId: string, confirmationNumber?: string, entryPoint: "thank_you" | "order_status" } }} input
 * @returns {Promise<{ status: "ready", url: string } | { status: "unavailable" } | { status: "error" }>}
 */
export async function requestOrderLink({ appUrl, getToken, fetch, body }) {
  try {
    const token = await getToken();
    const response = await fetch(`${appUrl}${ORDER_LINK_PATH}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    // 409: the store has no Messenger Page connected; 403: this order cannot be proven to be the buyer's.
    // Neither gets better by retrying, so the block stays hidden.
    if (response.status === 409 || response.status === 403) return { status: "unavailable" };
    if (!response.ok) return { status: "error" };
    const data = await response.json();
    if (typeof data?.url !== "string" || !data.url.startsWith("https://m.me/")) return { status: "error" };
    return { status: "ready", url: data.url };
  } catch {
    return { status: "error" };
  }
}
