/**
 * What the sandbox loads instead of App Bridge's CDN script (there is no Shopify admin around the app here):
 * `shopify.idToken()` asks the sandbox admin host for a freshly minted session token, signed with the
 * sandbox app secret exactly as Shopify signs them, so the app verifies it like a real one. Never served by
 * the production app. `shopify.app.extensions()` reports the bubble embed on, as the sandbox storefront
 * always renders it. The admin's `ui-nav-menu` (the Shopify admin's sidebar) has nowhere to go: hidden.
 */
export const STAND_IN_PATH = "/__sandbox/app-bridge.js";
export const SESSION_TOKEN_PATH = "/__sandbox/session-token";

export function appBridgeStandIn(): string {
  return `// Sandbox stand-in for https://cdn.shopify.com/shopifycloud/app-bridge.js
(() => {
  const style = document.createElement("style");
  style.textContent = "ui-nav-menu { display: none; }";
  document.head.append(style);
  const apiKey = document.querySelector('meta[name="shopify-api-key"]')?.content ?? "";
  window.shopify = {
    config: { apiKey },
    async idToken() {
      const response = await fetch(${JSON.stringify(SESSION_TOKEN_PATH)}, { method: "POST" });
      if (!response.ok) throw new Error("sandbox session token: HTTP " + response.status);
      return (await response.json()).token;
    },
    app: {
      async extensions() {
        return [{
          handle: "messenger-bubble",
          type: "theme_app_extension",
          activations: [{ handle: "messenger-bubble", name: "Messenger bubble", target: "body", status: "active", activations: [] }],
        }];
      },
    },
  };
})();
`;
}
