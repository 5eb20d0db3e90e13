import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  ChoiceList,
  DataTable,
  EmptyState,
  InlineStack,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import { useState } from "react";
import type {
  MarketingStatus,
  Subscriber,
  SubscriberDetailResponse,
  SubscriberLink,
  SubscribersResponse,
} from "../../../shared/admin-dto.js";
import { api, describeError } from "../api/api-client.js";
import { useApi } from "../api/use-api.js";
import { ConsentHistory } from "../components/consent-history.js";
import { LoadState } from "../components/load-state.js";
import { MarketingBadge } from "../components/marketing-badge.js";
import { formatDateTime, shortId } from "../format.js";

const FILTERS: { label: string; value: "" | MarketingStatus }[] = [
  { label: "Everyone", value: "" },
  { label: "Subscribed to marketing", value: "subscribed" },
  { label: "Stopped marketing", value: "stopped" },
  { label: "Not opted in", value: "none" },
];

/**
 * Everyone who opened a Messenger thread with the shop, the customer or order their thread is linked to, and their
 * marketing consent (status, where it came from, the full consent history). Pages of 50, newest first.
 */
export function SubscribersPage() {
  const [filter, setFilter] = useState<"" | MarketingStatus>("");
  const [cursors, setCursors] = useState<string[]>([]);
  const [open, setOpen] = useState<string>();
  const cursor = cursors.at(-1);
  const query = new URLSearchParams({
    limit: "50",
    ...(filter ? { marketing: filter } : {}),
    ...(cursor ? { cursor } : {}),
  });
  const list = useApi<SubscribersResponse>(`/api/subscribers?${query.toString()}`);
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
            <Card>
              <ChoiceList
                title="Marketing consent"
                choices={FILTERS}
                selected={[filter]}
                onChange={([value]) => {
                  setFilter((value ?? "") as "" | MarketingStatus);
                  setCursors([]);
                }}
              />
            </Card>
            <LoadState state={list} errorTitle="Could not load subscribers">
              {(data) =>
                data.subscribers.length === 0 ? (
                  <Card>
                    <EmptyState heading="No subscribers yet" image="">
                      <p>
                        Shoppers appear here once they open your Page's Messenger thread, for example from the chat
                        bubble.
                      </p>
                    </EmptyState>
                  </Card>
                ) : (
                  <Card padding="0">
                    <DataTable
                      columnContentTypes={["text", "text", "text", "text", "text"]}
                      headings={["Messenger user", "Linked to", "Reachable", "Last message", "Marketing"]}
                      rows={data.subscribers.map((s) =>
                        row(s, unlink, () => setOpen(open === s.id ? undefined : s.id)),
                      )}
                      footerContent={
                        <InlineStack gap="200">
                          <Button disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
                            Newer
                          </Button>
                          <Button
                            disabled={!data.nextCursor}
                            onClick={() => data.nextCursor && setCursors([...cursors, data.nextCursor])}
                          >
                            Older
                          </Button>
                        </InlineStack>
                      }
                    />
                  </Card>
                )
              }
            </LoadState>
            {open && <SubscriberDetail id={open} />}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function row(s: Subscriber, unlink: (link: SubscriberLink) => Promise<void>, toggle: () => void) {
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
    <BlockStack gap="100" key="m">
      <InlineStack gap="100" blockAlign="center">
        <MarketingBadge status={s.marketing} />
        <Button variant="plain" onClick={toggle} accessibilityLabel={`Consent history of ${shortId(s.psid)}`}>
          History
        </Button>
      </InlineStack>
      {s.marketingDetail?.source && (
        <Text as="span" tone="subdued">{`via ${s.marketingDetail.source.replace(/_/g, " ")}`}</Text>
      )}
    </BlockStack>,
  ];
}

const PATH_LABELS: Record<Subscriber["marketingPath"]["path"], string> = {
  marketing_messages_api: "Marketing Messages API",
  recurring_notifications: "Recurring Notifications",
  none: "No marketing channel",
};

/** One subscriber's consent: where it came from, which channel can reach them and why, and the whole ledger. */
function SubscriberDetail({ id }: { id: string }) {
  const detail = useApi<SubscriberDetailResponse>(`/api/subscribers/${encodeURIComponent(id)}`);
  return (
    <LoadState state={detail} errorTitle="Could not load the consent history">
      {({ subscriber, consentHistory }) => (
        <Card>
          <BlockStack gap="300">
            <InlineStack gap="200" blockAlign="center">
              <Text as="h2" variant="headingMd">{`Consent of ${shortId(subscriber.psid)}`}</Text>
              <MarketingBadge status={subscriber.marketing} />
              <Badge>{PATH_LABELS[subscriber.marketingPath.path]}</Badge>
            </InlineStack>
            <Text as="p" tone="subdued">
              {subscriber.marketingPath.reason}
            </Text>
            {subscriber.marketingDetail?.timezone && (
              <Text as="p">{`Time zone: ${subscriber.marketingDetail.timezone}`}</Text>
            )}
            <ConsentHistory events={consentHistory} />
          </BlockStack>
        </Card>
      )}
    </LoadState>
  );
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
