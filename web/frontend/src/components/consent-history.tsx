import { BlockStack, InlineStack, Text } from "@shopify/polaris";
import type { ConsentEventView } from "../../../shared/admin-dto.js";
import { formatDateTime } from "../format.js";

const EVENT_LABELS: Record<ConsentEventView["event"], string> = {
  requested: "Asked to opt in",
  opted_in: "Opted in",
  stopped: "Stopped marketing",
  resumed: "Resumed marketing",
  unsubscribed: "Unsubscribed at Meta",
  redacted: "Data redacted",
};

const ACTOR_LABELS: Record<ConsentEventView["actor"], string> = {
  shopper: "by the shopper",
  merchant: "by the shop",
  meta: "by Meta",
  gdpr: "on a privacy request",
};

/** The consent ledger of one shopper, oldest first, with exactly what they were shown. */
export function ConsentHistory({ events }: { events: ConsentEventView[] }) {
  if (events.length === 0)
    return (
      <Text as="p" tone="subdued">
        No consent events yet.
      </Text>
    );
  return (
    <BlockStack gap="200">
      {events.map((e) => (
        <InlineStack key={e.id} gap="200" wrap>
          <Text as="span" fontWeight="semibold">{`${EVENT_LABELS[e.event]} ${ACTOR_LABELS[e.actor]}`}</Text>
          <Text as="span" tone="subdued">
            {[formatDateTime(e.at), e.source?.replace(/_/g, " "), e.locale].filter(Boolean).join(" · ")}
          </Text>
          {e.title && <Text as="span">{`“${e.title}”${e.text ? ` [${e.text}]` : ""}`}</Text>}
        </InlineStack>
      ))}
    </BlockStack>
  );
}
