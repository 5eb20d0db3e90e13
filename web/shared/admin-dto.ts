/**
 * Shapes of the /api/* answers the embedded admin reads. The server builds these inline in its routes; the
 * admin must not import server code (lint rule), so the shapes it relies on live here.
 */

export interface ShopPageSummary {
  pageId: string;
  pageName: string | null;
  status: string;
}

export interface ShopResponse {
  shop: {
    domain: string;
    /** What shoppers see: the store's name from Shopify (the handle until Shopify has answered). */
    displayName: string;
    name?: string | null;
    currencyCode?: string | null;
    ianaTimezone?: string | null;
    countryCode?: string | null;
    primaryLocale?: string | null;
    installedAt?: string | null;
    /** Set when the app lost its Shopify access (refresh token revoked): opening the app restores it. */
    reauthRequiredAt?: string | null;
    reauthReason?: string | null;
    pages: ShopPageSummary[];
  };
}

export interface PageConnection {
  pageId: string;
  pageName: string | null;
  pageUsername: string | null;
  /** active | auth_broken | disconnected …: only "active" sends. */
  status: string;
  statusReason: string | null;
  authErrorAt: string | null;
  /** Meta restricted the Page from sending (error 10 / 1893063): sends wait until then, with this reason. */
  sendsPausedUntil?: string | null;
  sendsPausedReason?: string | null;
  subscribedAt: string | null;
  profileSyncedAt: string | null;
  /** Utility templates of the Page by Meta status (APPROVED, PENDING, REJECTED …, or draft before submission). */
  templates?: Record<string, number>;
}

export interface PagesResponse {
  pages: PageConnection[];
}

export interface NotificationSettings {
  /** Per event on/off; an event not listed is on. */
  events: Record<string, boolean | undefined>;
  /** locale -> event -> the merchant's wording; absent means the default wording. */
  wording: Record<string, Record<string, string | undefined> | undefined>;
  includeAddress: boolean;
}

export interface NotificationSettingsResponse {
  settings: NotificationSettings;
  events: string[];
  locales: string[];
}

/** One validation problem; `path` is like "wording.en.shipped", index/length locate it in the wording. */
export interface SettingsError {
  path: string;
  message: string;
  code?: string;
  index?: number;
  length?: number;
}

export interface ApiErrorBody {
  error: string;
  message?: string;
  errors?: SettingsError[];
}

export interface MessageButton {
  type: string;
  title: string;
  url?: string;
  payload?: string;
}

export interface ReceiptLine {
  title: string;
  subtitle?: string;
  quantity?: number;
  price: number;
  currency?: string;
}

export interface TemplatePayloadView {
  template_type: string;
  text?: string;
  buttons?: MessageButton[];
  recipient_name?: string;
  merchant_name?: string;
  order_number?: string;
  currency?: string;
  payment_method?: string;
  elements?: ReceiptLine[];
  address?: { street_1: string; street_2?: string; city: string; postal_code: string; state: string; country: string };
  summary?: { subtotal?: number; shipping_cost?: number; total_tax?: number; total_cost: number };
  adjustments?: { name: string; amount: number }[];
}

export interface OutgoingMessageView {
  text?: string;
  attachment?: { type: string; payload: TemplatePayloadView };
}

export interface UtilityParameterView {
  type: string;
  text?: string;
  url?: string;
  payload?: string;
  parameter_name?: string;
}

export interface PreviewResponse {
  event: string;
  locale: string;
  preview: {
    message?: OutgoingMessageView;
    utility?: {
      name: string;
      language: string;
      template: { components?: { type: string; parameters: UtilityParameterView[] }[] };
    };
    textParts: string[];
  };
}

export interface SubscriberLink {
  id: string;
  kind: string;
  subjectId: string;
  entryPoint: string;
  linkedAt: string;
}

export type MarketingStatus = "subscribed" | "stopped" | "none";

export interface Subscriber {
  id: string;
  psid: string;
  pageId: string;
  customerId: string | null;
  marketing: MarketingStatus;
  /** Present once the shopper answered an opt-in request (never the token itself). */
  marketingDetail: {
    since: string;
    reason: string | null;
    source: string | null;
    title: string | null;
    timezone: string | null;
    optedInAt: string | null;
    tokenStatus: string | null;
    hasToken: boolean;
  } | null;
  /** Which marketing channel can reach the shopper, and why (policy/marketing-path.ts). */
  marketingPath: { path: "marketing_messages_api" | "recurring_notifications" | "none"; code: string; reason: string };
  reachable: boolean;
  lastInteractionAt: string | null;
  links: SubscriberLink[];
}

export interface SubscribersResponse {
  subscribers: Subscriber[];
  /** Opaque keyset cursor for the next page (signed for the shop); null on the last page. */
  nextCursor: string | null;
}

export interface ConsentEventView {
  id: string;
  event: "requested" | "opted_in" | "stopped" | "resumed" | "unsubscribed" | "redacted";
  actor: "shopper" | "merchant" | "meta" | "gdpr";
  source: string | null;
  title: string | null;
  imageUrl: string | null;
  text: string | null;
  locale: string | null;
  customerId: string | null;
  at: string;
}

export interface SubscriberDetailResponse {
  subscriber: Subscriber;
  consentHistory: ConsentEventView[];
}

export interface OptinWordingSettings {
  title?: string;
  imageUrl?: string;
  ctaText?: string;
}

export interface MarketingSettings {
  ask: Record<"after_link" | "after_order" | "keyword" | "entry_offers", boolean>;
  cooldownDays: number;
  wording: Record<string, OptinWordingSettings | undefined>;
  customerTag: string;
  businessCountry: string | null;
  onboarding: { adAccountId: string | null; termsAccepted: boolean };
}

export interface MarketingSettingsResponse {
  settings: MarketingSettings;
  moments: string[];
  locales: string[];
  /** CTA value -> the button label Messenger shows. */
  ctaValues: Record<string, string>;
  titleMax: number;
  keywords: Record<string, { stop: string[]; offers: string[] }>;
}

export interface OptinPreviewResponse {
  locale: string;
  preview: {
    message: {
      attachment: { payload: { title: string; image_url?: string; notification_messages_cta_text?: string } };
    };
    buttonLabel: string;
    textParts: string[];
  };
}

export interface CapWindowView {
  organicThreads: number;
  limit: number;
  sent: number;
  left: number;
}

export interface MarketingStatusResponse {
  readiness: { canSend: boolean; reasons: { code: string; message: string }[] };
  subscribers: { subscribed: number; stopped: number };
  pages: {
    pageId: string;
    pageName: string | null;
    capacity: { daily: CapWindowView; weekly: CapWindowView; left: number; blockedBy: string | null };
  }[];
}

export interface GrowthLinkView {
  entryPoint: string;
  ref: string;
  url: string;
  qr: { svg: string; png: string };
}

export interface GrowthLinksResponse {
  page: { pageId: string; username: string | null };
  links: GrowthLinkView[];
}

export interface MarketingOnboardingResponse {
  configured: boolean;
  account: {
    connectedAt: string;
    tokenExpiresAt: string | null;
    expired: boolean;
    grantedScopes: string[];
    adAccounts: { id: string; name: string }[];
  } | null;
}
