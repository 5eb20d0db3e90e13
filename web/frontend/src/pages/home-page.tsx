import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  InlineStack,
  Layout,
  Page,
  SkeletonBodyText,
  Text,
} from "@shopify/polaris";
import { useEffect, useState, type ReactNode } from "react";
import type { PageConnection, PagesResponse, ShopResponse } from "../../../shared/admin-dto.js";
import { describeError } from "../api/api-client.js";
import { useApi } from "../api/use-api.js";
import {
  apiKeyFromDocument,
  pageHealth,
  readBubbleEmbedStatus,
  themeEditorUrl,
  type EmbedStatus,
} from "../onboarding.js";

/** Onboarding checklist: the Page, the storefront bubble, and order updates outside the 24 h window. */
export function HomePage() {
  const shop = useApi<ShopResponse>("/api/shop");
  const pages = useApi<PagesResponse>("/api/pages");
  const [embed, setEmbed] = useState<EmbedStatus>("unknown");
  useEffect(() => void readBubbleEmbedStatus().then(setEmbed), []);
  const error = shop.error ?? pages.error;
  const loading = shop.loading || pages.loading;

  return (
    <Page title="Messenger Connect">
      <Layout>
        <Layout.Section>
          {error ? (
            <Banner
              tone="critical"
              title="Could not load your setup"
              action={{ content: "Try again", onAction: () => (shop.reload(), pages.reload()) }}
            >
              <p>{describeError(error)}</p>
            </Banner>
          ) : loading || !shop.data || !pages.data ? (
            <Card>
              <SkeletonBodyText lines={6} />
            </Card>
          ) : (
            <BlockStack gap="400">
              {shop.data.shop.reauthRequiredAt && (
                <Banner tone="warning" title="Shopify access needs renewing">
                  <p>
                    The app lost its access to your store ({shop.data.shop.reauthReason ?? "token refused"}) and paused
                    work that needs Shopify. Reload this page to renew it; if this message stays, reinstall the app.
                  </p>
                </Banner>
              )}
              <Checklist domain={shop.data.shop.domain} pages={pages.data} embed={embed} />
            </BlockStack>
          )}
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function Checklist({ domain, pages, embed }: { domain: string; pages: PagesResponse; embed: EmbedStatus }) {
  const { health, page } = pageHealth(pages.pages);
  const apiKey = apiKeyFromDocument();
  const pageName = page ? (page.pageName ?? page.pageId) + (page.pageUsername ? ` (@${page.pageUsername})` : "") : "";
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Setup checklist
        </Text>
        <Step
          title="Connect your Facebook Page"
          status={health === "connected" ? "done" : health === "needs_attention" ? "problem" : "todo"}
        >
          {health === "connected" && <p>Connected: {pageName}. Messages go out from this Page.</p>}
          {health === "needs_attention" && (
            <p>
              {pageName} is {page?.status}
              {page?.statusReason ? `: ${page.statusReason}` : ""}. Reconnect it so messages can be sent.
            </p>
          )}
          {health === "not_connected" && (
            <p>No Page is connected yet. Shoppers write to your Page, and order updates come from it.</p>
          )}
        </Step>
        <Step
          title="Turn on the chat bubble in your theme"
          status={embed === "on" ? "done" : embed === "off" ? "todo" : "unknown"}
        >
          <p>
            {embed === "on"
              ? "The Messenger bubble is on in your published theme."
              : "Switch on “Messenger bubble” under App embeds in the theme editor, then save the theme."}
          </p>
          {apiKey ? (
            <InlineStack>
              <Button url={themeEditorUrl(domain, apiKey)} target="_top">
                Open the theme editor
              </Button>
            </InlineStack>
          ) : (
            <Text as="p" tone="critical">
              The app's API key is missing from this page, so the theme editor link cannot be built.
            </Text>
          )}
        </Step>
        <Step title="Order updates outside the 24-hour window" status={templateStatus(page)}>
          <p>
            After 24 hours without a message from the shopper, Messenger only allows templates Meta has approved.{" "}
            {templateSummary(page)}
          </p>
        </Step>
      </BlockStack>
    </Card>
  );
}

const BADGES = {
  done: <Badge tone="success">Done</Badge>,
  todo: <Badge tone="attention">To do</Badge>,
  problem: <Badge tone="critical">Needs attention</Badge>,
  unknown: <Badge>Not checked</Badge>,
} as const;

function Step({ title, status, children }: { title: string; status: keyof typeof BADGES; children: ReactNode }) {
  return (
    <BlockStack gap="200">
      <InlineStack gap="200" blockAlign="center">
        <Text as="h3" variant="headingSm">
          {title}
        </Text>
        {BADGES[status]}
      </InlineStack>
      {children}
    </BlockStack>
  );
}

function templateStatus(page: PageConnection | undefined): keyof typeof BADGES {
  const t = page?.templates;
  if (!t || Object.keys(t).length === 0) return "unknown";
  if ((t.REJECTED ?? 0) + (t.DISABLED ?? 0) + (t.PAUSED ?? 0) > 0) return "problem";
  return (t.APPROVED ?? 0) > 0 && (t.PENDING ?? 0) + (t.draft ?? 0) === 0 ? "done" : "todo";
}

function templateSummary(page: PageConnection | undefined): string {
  const t = page?.templates;
  if (!t || Object.keys(t).length === 0) return "No templates have been submitted for this Page yet.";
  const approved = t.APPROVED ?? 0;
  const total = Object.values(t).reduce((a, b) => a + b, 0);
  const waiting = (t.PENDING ?? 0) + (t.draft ?? 0);
  const refused = (t.REJECTED ?? 0) + (t.DISABLED ?? 0) + (t.PAUSED ?? 0);
  return `${approved} of ${total} approved${waiting ? `, ${waiting} waiting for Meta's review` : ""}${refused ? `, ${refused} refused or paused` : ""}.`;
}
