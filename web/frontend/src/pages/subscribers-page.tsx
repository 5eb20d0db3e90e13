import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  EmptyState,
  InlineStack,
  Layout,
  Page,
  SkeletonBodyText,
  Text,
} from "@shopify/polaris";
import { useState } from "react";
import type { Subscriber, SubscriberLink, SubscribersResponse } from "../../../shared/admin-dto.js";
import { api, describeError } from "../api/api-client.js";
import { useApi } from "../api/use-api.js";
import { formatDateTime, shortId } from "../format.js";

/** Everyone who opened a Messenger thread with the shop, and the customer or order their thread is linked to. */
export function SubscribersPage() {
  const list = useApi<SubscribersResponse>("/api/subscribers");
  const [notice, setNotice] = useState<{ tone: "success" | "critical"; text: string }>();

  const unlink = async (link: SubscriberLink) => {
    try {
      await api.json<void>(`/api/links/${encodeURIComponent(link.id)}`, { method: "DELETE" });
      setNotice({
        tone: "success",
        text: `Unlinked ${link.kind} ${link.subjectId}. The shopper can link again from the store.`,
      });
    } catch (error) {
      setNotice({ tone: "critical", text: `Could not unlink: ${describeError(error)}` });
    }
    list.reload();
  };

  return (
    <Page title="Subscribers" subtitle="Shoppers who wrote to your Page on Messenger">
      <Layout>
        <Layout.Section>
          <BlockStack gap="300">
            {notice && <Banner tone={notice.tone} title={notice.text} onDismiss={() => setNotice(undefined)} />}
            {list.error ? (
              <Banner
                tone="critical"
                title="Could not load subscribers"
                action={{ content: "Try again", onAction: list.reload }}
              >
                <p>{describeError(list.error)}</p>
              </Banner>
            ) : !list.data ? (
              <Card>
                <SkeletonBodyText lines={5} />
              </Card>
            ) : list.data.subscribers.length === 0 ? (
              <Card>
                <EmptyState heading="No subscribers yet" image="">
                  <p>
                    Shoppers appear here once they open your Page's Messenger thread, for example from the chat bubble.
                  </p>
                </EmptyState>
              </Card>
            ) : (
              <Card padding="0">
                <DataTable
                  columnContentTypes={["text", "text", "text", "text", "text"]}
                  headings={["Messenger user", "Linked to", "Reachable", "Last message", "Marketing"]}
                  rows={list.data.subscribers.map((s) => row(s, unlink))}
                  footerContent={list.data.next ? "Showing the newest 100." : undefined}
                />
              </Card>
            )}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function row(s: Subscriber, unlink: (link: SubscriberLink) => Promise<void>) {
  return [
    <Text as="span" key="psid">
      {shortId(s.psid)}
    </Text>,
    s.links.length === 0 ? (
      <Text as="span" tone="subdued" key="links">
        Not linked
      </Text>
    ) : (
      <BlockStack gap="100" key="links">
        {s.links.map((l) => (
          <LinkRow key={l.id} link={l} onUnlink={unlink} />
        ))}
      </BlockStack>
    ),
    s.reachable ? (
      <Badge tone="success" key="r">
        Yes
      </Badge>
    ) : (
      <Badge key="r">No</Badge>
    ),
    formatDateTime(s.lastInteractionAt),
    s.marketing === "subscribed" ? "Subscribed" : s.marketing === "stopped" ? "Stopped" : "Not opted in",
  ];
}

/** Unlinking ends the binding at once, so it asks once more before doing it. */
function LinkRow({ link, onUnlink }: { link: SubscriberLink; onUnlink: (link: SubscriberLink) => Promise<void> }) {
  const [step, setStep] = useState<"idle" | "confirm" | "busy">("idle");
  const label = `${link.kind === "customer" ? "Customer" : "Order"} ${link.subjectId}`;
  return (
    <InlineStack gap="200" blockAlign="center" wrap={false}>
      <Text as="span">
        {label}
        <Text as="span" tone="subdued">{` · via ${link.entryPoint.replace(/_/g, " ")}`}</Text>
      </Text>
      {step === "idle" ? (
        <Button
          variant="plain"
          tone="critical"
          onClick={() => setStep("confirm")}
          accessibilityLabel={`Unlink ${label}`}
        >
          Unlink
        </Button>
      ) : (
        <InlineStack gap="100">
          <Button
            size="slim"
            tone="critical"
            variant="primary"
            loading={step === "busy"}
            onClick={() => {
              setStep("busy");
              void onUnlink(link).finally(() => setStep("idle"));
            }}
          >
            Confirm unlink
          </Button>
          <Button size="slim" onClick={() => setStep("idle")} disabled={step === "busy"}>
            Cancel
          </Button>
        </InlineStack>
      )}
    </InlineStack>
  );
}
