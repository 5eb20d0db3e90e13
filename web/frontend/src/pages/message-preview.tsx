import { BlockStack, Box, Button, Divider, InlineStack, Text } from "@shopify/polaris";
import type { ReactNode } from "react";
import type { OutgoingMessageView, PreviewResponse, TemplatePayloadView } from "../../../shared/admin-dto.js";
import { formatAmount } from "../format.js";

/**
 * The preview as the shopper would read it in Messenger: inside the 24 h window the message itself (text,
 * buttons or the receipt); outside it the approved utility template with the values filled in.
 */
export function MessagePreview({ preview }: { preview: PreviewResponse["preview"] }) {
  return (
    <BlockStack gap="400">
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm">
          Inside the 24-hour window
        </Text>
        {preview.message ? <Message message={preview.message} /> : <Text as="p">No message for this update.</Text>}
      </BlockStack>
      {preview.utility && (
        <>
          <Divider />
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              Later (utility template “{preview.utility.name}”, {preview.utility.language})
            </Text>
            <Bubble>
              <BlockStack gap="100">
                {preview.utility.template.components?.flatMap((c) =>
                  c.parameters.map((p, i) => (
                    <Text as="p" key={`${c.type}-${i}`}>
                      {p.parameter_name ? <Text as="span" tone="subdued">{`${p.parameter_name}: `}</Text> : null}
                      {p.text ?? p.url ?? p.payload}
                    </Text>
                  )),
                )}
              </BlockStack>
            </Bubble>
          </BlockStack>
        </>
      )}
    </BlockStack>
  );
}

function Message({ message }: { message: OutgoingMessageView }) {
  if (message.text !== undefined)
    return (
      <Bubble>
        <MessageText text={message.text} />
      </Bubble>
    );
  const payload = message.attachment?.payload;
  if (!payload) return <Text as="p">Unsupported message.</Text>;
  if (payload.template_type === "receipt") return <Receipt payload={payload} />;
  return (
    <Bubble>
      <BlockStack gap="200">
        {payload.text && <MessageText text={payload.text} />}
        {(payload.buttons ?? []).map((b, i) => (
          <Button key={i} url={b.url} external fullWidth>
            {b.title}
          </Button>
        ))}
      </BlockStack>
    </Bubble>
  );
}

function Receipt({ payload }: { payload: TemplatePayloadView }) {
  const money = (n: number | undefined) => (n === undefined ? "" : formatAmount(n, payload.currency ?? "USD"));
  const summary = payload.summary;
  const rows: [string, number | undefined][] = summary
    ? [
        ["Subtotal", summary.subtotal],
        ["Shipping", summary.shipping_cost],
        ["Tax", summary.total_tax],
      ]
    : [];
  return (
    <Bubble>
      <BlockStack gap="200">
        <Text as="p" variant="headingSm">
          Receipt {payload.order_number} · {payload.merchant_name}
        </Text>
        <Text as="p" tone="subdued">
          For {payload.recipient_name} · paid with {payload.payment_method}
        </Text>
        {(payload.elements ?? []).map((line, i) => (
          <InlineStack key={i} align="space-between" wrap={false} gap="200">
            <Text as="span">
              {line.quantity ? `${line.quantity} × ` : ""}
              {line.title}
              {line.subtitle ? <Text as="span" tone="subdued">{` · ${line.subtitle}`}</Text> : null}
            </Text>
            <Text as="span">{money(line.price)}</Text>
          </InlineStack>
        ))}
        {payload.address && (
          <Text as="p" tone="subdued">
            Ship to {payload.address.street_1}, {payload.address.postal_code} {payload.address.city},{" "}
            {payload.address.country}
          </Text>
        )}
        <Divider />
        {rows
          .filter(([, amount]) => amount !== undefined)
          .map(([label, amount]) => (
            <InlineStack key={label} align="space-between">
              <Text as="span" tone="subdued">
                {label}
              </Text>
              <Text as="span">{money(amount)}</Text>
            </InlineStack>
          ))}
        {(payload.adjustments ?? []).map((a) => (
          <InlineStack key={a.name} align="space-between">
            <Text as="span" tone="subdued">
              {a.name}
            </Text>
            <Text as="span">−{money(a.amount)}</Text>
          </InlineStack>
        ))}
        {summary && (
          <InlineStack align="space-between">
            <Text as="span" variant="headingSm">
              Total
            </Text>
            <Text as="span" variant="headingSm">
              {money(summary.total_cost)}
            </Text>
          </InlineStack>
        )}
      </BlockStack>
    </Bubble>
  );
}

function Bubble({ children }: { children: ReactNode }) {
  return (
    <Box background="bg-surface-secondary" borderRadius="300" padding="300" maxWidth="420px">
      {children}
    </Box>
  );
}

/** Messenger keeps the line breaks of a message. */
function MessageText({ text }: { text: string }) {
  return (
    <div style={{ whiteSpace: "pre-line" }}>
      <Text as="p">{text}</Text>
    </div>
  );
}
