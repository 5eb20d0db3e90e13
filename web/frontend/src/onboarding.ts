import type { PageConnection } from "../../shared/admin-dto.js";

/** The app embed's handle: the block file extensions/messenger-bubble/blocks/messenger-bubble.liquid. */
export const BUBBLE_EMBED_HANDLE = "messenger-bubble";

/**
 * Opens the theme editor on App embeds with the bubble selected, ready to switch on.
 * https://shopify.dev/docs/apps/build/online-store/theme-app-extensions/configuration#deep-linking
 */
export function themeEditorUrl(shopDomain: string, apiKey: string): string {
  const activate = encodeURIComponent(`${apiKey}/${BUBBLE_EMBED_HANDLE}`);
  return `https://${shopDomain}/admin/themes/current/editor?context=apps&activateAppId=${activate}`;
}

/** The app's client id, from the `<meta name="shopify-api-key">` App Bridge itself reads. */
export function apiKeyFromDocument(doc: Document = document): string | undefined {
  return doc.querySelector<HTMLMetaElement>('meta[name="shopify-api-key"]')?.content || undefined;
}

export type PageHealth = "connected" | "needs_attention" | "not_connected";

/** The first usable Page wins: one active Page is all messaging needs. */
export function pageHealth(pages: readonly PageConnection[]): { health: PageHealth; page?: PageConnection } {
  const active = pages.find((p) => p.status === "active");
  if (active) return { health: "connected", page: active };
  const first = pages[0];
  return first ? { health: "needs_attention", page: first } : { health: "not_connected" };
}

export type EmbedStatus = "on" | "off" | "unknown";

interface ExtensionInfoLike {
  type?: string;
  activations?: { handle?: string; status?: string }[];
}

/**
 * Whether the bubble embed is switched on in the published theme, from App Bridge's App API
 * (`shopify.app.extensions()`: status "active" | "available" | "unavailable").
 * https://shopify.dev/docs/api/app-home/latest/apis/authentication-and-data/app-api
 */
export function bubbleEmbedStatus(extensions: readonly ExtensionInfoLike[] | undefined): EmbedStatus {
  for (const extension of extensions ?? []) {
    if (extension.type !== "theme_app_extension") continue;
    const embed = extension.activations?.find((a) => a.handle === BUBBLE_EMBED_HANDLE);
    if (embed) return embed.status === "active" ? "on" : "off";
  }
  return "unknown";
}

/** App Bridge's App API when present (older admins and the sandbox stand-in may lack it). */
export async function readBubbleEmbedStatus(): Promise<EmbedStatus> {
  const app = (globalThis as { shopify?: { app?: { extensions?: () => Promise<ExtensionInfoLike[]> } } }).shopify?.app;
  if (!app?.extensions) return "unknown";
  try {
    return bubbleEmbedStatus(await app.extensions());
  } catch {
    return "unknown";
  }
}
