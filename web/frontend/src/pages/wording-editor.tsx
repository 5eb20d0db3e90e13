import {
  BlockStack,
  Card,
  InlineGrid,
  Select,
  SkeletonBodyText,
  Spinner,
  Text,
  TextField,
  Banner,
} from "@shopify/polaris";
import type { NotificationSettings, SettingsError } from "../../../shared/admin-dto.js";
import { WORDING_VARIABLES_BY_EVENT } from "../../../shared/wording-variables.js";
import { describeError } from "../api/api-client.js";
import { usePreview } from "../api/use-preview.js";
import { eventLabel, fieldErrors, LOCALE_LABELS, withWording, wordingOf, wordingPath } from "../notification-form.js";
import { MessagePreview } from "./message-preview.js";

interface Props {
  settings: NotificationSettings;
  events: string[];
  locales: string[];
  selection: { event: string; locale: string };
  onSelect(selection: { event: string; locale: string }): void;
  onChange(settings: NotificationSettings): void;
  /** Errors from the last save; the live preview's own objections are shown too. */
  saveErrors: SettingsError[];
}

/** One wording at a time (event × language), checked by the server as it is typed. */
export function WordingEditor({ settings, events, locales, selection, onSelect, onChange, saveErrors }: Props) {
  const { event, locale } = selection;
  const text = wordingOf(settings, locale, event);
  const path = wordingPath(locale, event);
  const preview = usePreview({
    event,
    locale,
    wording: text === "" ? undefined : text,
    includeAddress: settings.includeAddress,
  });
  const messages = [...new Set([...fieldErrors(preview.errors, path, text), ...fieldErrors(saveErrors, path, text)])];
  const shown = preview.preview?.event === event && preview.preview.locale === locale ? preview.preview : undefined;
  const variables = (WORDING_VARIABLES_BY_EVENT[event] ?? []).map((v) => `{{${v}}}`).join(", ");

  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Wording
          </Text>
          <InlineGrid columns={2} gap="300">
            <Select
              label="Update"
              options={events.map((e) => ({ label: eventLabel(e), value: e }))}
              value={event}
              onChange={(value) => onSelect({ event: value, locale })}
            />
            <Select
              label="Language"
              options={locales.map((l) => ({ label: LOCALE_LABELS[l] ?? l, value: l }))}
              value={locale}
              onChange={(value) => onSelect({ event, locale: value })}
            />
          </InlineGrid>
          <TextField
            label={`Message for “${eventLabel(event)}” (${LOCALE_LABELS[locale] ?? locale})`}
            value={text}
            onChange={(value) => onChange(withWording(settings, locale, event, value))}
            multiline={4}
            autoComplete="off"
            placeholder="Empty: the default wording, shown in the preview"
            helpText={`Variables: ${variables}. Leave empty for the default wording.`}
            error={messages.length ? messages : undefined}
          />
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="300">
          <InlineGrid columns="1fr auto">
            <Text as="h2" variant="headingMd">
              Preview
            </Text>
            {preview.loading && <Spinner size="small" accessibilityLabel="Updating the preview" />}
          </InlineGrid>
          {preview.error ? (
            <Banner tone="warning" title="The preview is not available">
              <p>{describeError(preview.error)}</p>
            </Banner>
          ) : null}
          {messages.length > 0 && shown && (
            <Text as="p" tone="subdued">
              Showing the last wording that passed the checks.
            </Text>
          )}
          {shown ? <MessagePreview preview={shown.preview} /> : !preview.error && <SkeletonBodyText lines={4} />}
        </BlockStack>
      </Card>
    </BlockStack>
  );
}
