/**
 * App Bridge v4 reads the app's client id from this meta tag, and must be loaded from Shopify's CDN as the
 * first script of every document (App Store requirement since 2025-10-15): the built index.html carries
 * neither, so the server adds both. https://shopify.dev/docs/api/app-home (App Bridge setup)
 */
export const APP_BRIDGE_SCRIPT = '<script src="https://cdn.shopify.com/shopifycloud/app-bridge.js"></script>';

const escapeAttribute = (value: string): string =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The built admin document with App Bridge's meta tag and script ahead of the app's own scripts. */
export function renderAdminDocument(indexHtml: string, apiKey: string): string {
  const tags = `<meta name="shopify-api-key" content="${escapeAttribute(apiKey)}" />\n    ${APP_BRIDGE_SCRIPT}`;
  const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(indexHtml);
  if (charset) {
    const end = charset.index + charset[0].length;
    return `${indexHtml.slice(0, end)}\n    ${tags}${indexHtml.slice(end)}`;
  }
  const head = /<head[^>]*>/i.exec(indexHtml);
  if (!head) throw new Error("the built admin index.html has no <head>");
  const end = head.index + head[0].length;
  return `${indexHtml.slice(0, end)}\n    ${tags}${indexHtml.slice(end)}`;
}

/** Shown instead of the admin when web/frontend/dist is missing: an operator error, said plainly. */
export const ADMIN_NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Admin not built</title></head>
  <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
    <h1>The admin is not built</h1>
    <p>This server has no <code>web/frontend/dist</code>. Build the embedded admin with
    <code>npm run build:admin</code>, then reload this page.</p>
  </body>
</html>
`;
