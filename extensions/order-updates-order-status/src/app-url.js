/**
 * The app's public URL: UI extensions run on Shopify's CDN, so calls to the backend need an absolute URL
 * (fetches to the extension's own origin are refused). Must equal `application_url` in shopify.app.toml;
 * a test checks it.
 */
export const APP_URL = "https://messenger-connect.example.com";
