import {
  createShopifyLiquid,
  escapeHtml,
  normalizeLocale,
  parseBlockSchema,
  readBlockSource,
  readStorefrontLocale,
  schemaDefaults,
  stripSchema,
} from "./shopify-liquid.js";
import { THEME_CSS, themeBodyEnd, themeMain, type StorefrontTemplate } from "./storefront-theme.js";

/**
 * Demo storefront pages (home, product) with the REAL bubble block rendered through liquidjs, for the
 * sandbox, browser checks and Lighthouse. Nothing from the inputs reaches the HTML unescaped: the block
 * escapes its own output and the page shell escapes everything it prints.
 */

export interface StorefrontCustomer {
  id: string;
  firstName?: string;
}

export interface RenderStorefrontPageInput {
  /** Block settings the merchant chose; missing keys take the schema defaults. */
  settings?: Record<string, unknown>;
  /** Logged-in customer, or null/undefined for a guest. */
  customer?: StorefrontCustomer | null;
  /**
   * The app installation's app-data metafields as Shopify hands them to Liquid (`app.metafields.ns.key` is a
   * metafield with `.value`). The sandbox passes what the app wrote to the Shopify emulator, nothing else.
   */
  appMetafields?: AppMetafields;
  /** Block tests only: shorthand for a messenger.page_username metafield with this value. */
  pageUsername?: string;
  /** Block tests only: shorthand for a messenger.proxy_path metafield. */
  proxyPath?: string;
  /** Shopify's request.page_type: "index", "product", "collection", "cart", ... (default: the template). */
  pageType?: string;
  /** Which sandbox theme page to render (default "index"). */
  template?: StorefrontTemplate;
  locale?: string;
  /** Where the sandbox serves extensions/messenger-bubble/assets/ (default "/extension-assets/"). */
  assetBaseUrl?: string;
  shopName?: string;
  designMode?: boolean;
  /** Trusted HTML of the sandbox's own controls (never shopper input), shown at the end of <main>. */
  controlsHtml?: string;
}

/** namespace → key → metafield, as the Shopify emulator's appMetafields() returns them. */
export type AppMetafields = Record<string, Record<string, { value: string; type: string }>>;

function metafieldsFor(input: RenderStorefrontPageInput): AppMetafields {
  const text = (value: string) => ({ value, type: "single_line_text_field" });
  const shorthand: Record<string, { value: string; type: string }> = {
    ...(input.pageUsername ? { page_username: text(input.pageUsername) } : {}),
    ...(input.proxyPath ? { proxy_path: text(input.proxyPath) } : {}),
  };
  const given = input.appMetafields ?? {};
  return { ...given, messenger: { ...(given.messenger ?? {}), ...shorthand } };
}

export async function renderBubbleBlock(input: RenderStorefrontPageInput): Promise<string> {
  const source = readBlockSource();
  const schema = parseBlockSchema(source);
  const locale = normalizeLocale(input.locale);
  const engine = createShopifyLiquid({
    assetBaseUrl: input.assetBaseUrl ?? "/extension-assets/",
    translations: readStorefrontLocale(locale),
  });
  const customer = input.customer
    ? { id: Number(input.customer.id), first_name: input.customer.firstName ?? "" }
    : null;
  return engine.parseAndRender(stripSchema(source), {
    block: { id: "sandbox-bubble", settings: { ...schemaDefaults(schema), ...(input.settings ?? {}) } },
    app: { metafields: metafieldsFor(input) },
    customer,
    request: {
      page_type: input.pageType ?? input.template ?? "index",
      design_mode: input.designMode ?? false,
      locale: { iso_code: locale },
    },
  });
}

export async function renderStorefrontPage(input: RenderStorefrontPageInput): Promise<string> {
  const block = await renderBubbleBlock(input);
  const shopName = escapeHtml(input.shopName ?? "Demo Store");
  const who = input.customer
    ? `Signed in as ${escapeHtml(input.customer.firstName || `customer ${input.customer.id}`)}`
    : "Browsing as a guest";
  const lang = normalizeLocale(input.locale);
  const template = input.template ?? "index";
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${shopName}</title>
<link rel="icon" href="data:,">
<style>${THEME_CSS}</style>
</head>
<body>
<header><strong>${shopName}</strong><span data-sandbox-session>${who}</span></header>
<main>
${themeMain(template)}
${input.controlsHtml ?? ""}
</main>
<footer>© ${shopName}</footer>
${themeBodyEnd(template)}
${block}
</body>
</html>
`;
}
