import { Banner, BlockStack, Card, Checkbox, Layout, Page, SkeletonBodyText, Text } from "@shopify/polaris";
import { useEffect, useState } from "react";
import type { NotificationSettings, NotificationSettingsResponse, SettingsError } from "../../../shared/admin-dto.js";
import { api, ApiError, describeError } from "../api/api-client.js";
import { useApi } from "../api/use-api.js";
import { eventLabel, isEventOn, otherErrors, sameSettings, withEvent, wordingPath } from "../notification-form.js";
import { WordingEditor } from "./wording-editor.js";

/** Which order updates go out, in whose words, with a live preview; saved with PUT /api/notifications/settings. */
export function NotificationsPage() {
  const loaded = useApi<NotificationSettingsResponse>("/api/notifications/settings");
  const [saved, setSaved] = useState<NotificationSettings>();
  const [draft, setDraft] = useState<NotificationSettings>();
  const [errors, setErrors] = useState<SettingsError[]>([]);
  const [status, setStatus] = useState<{ saving: boolean; message?: string; failure?: string }>({ saving: false });
  const [selection, setSelection] = useState({ event: "shipped", locale: "en" });

  useEffect(() => {
    if (!loaded.data) return;
    setSaved(loaded.data.settings);
    setDraft(loaded.data.settings);
  }, [loaded.data]);

  const dirty = !!draft && !!saved && !sameSettings(draft, saved);
  // Errors of the last save describe the text as it was then; the live preview checks the text as it is now.
  const edit = (next: NotificationSettings) => {
    setDraft(next);
    setErrors([]);
    setStatus({ saving: false });
  };
  const save = async () => {
    if (!draft) return;
    setStatus({ saving: true });
    try {
      const answer = await api.json<{ settings: NotificationSettings }>("/api/notifications/settings", {
        method: "PUT",
        body: draft,
      });
      setSaved(answer.settings);
      setDraft(answer.settings);
      setErrors([]);
      setStatus({ saving: false, message: "Settings saved." });
    } catch (error) {
      const listed = error instanceof ApiError && error.status === 400 ? (error.body?.errors ?? []) : [];
      setErrors(listed);
      setStatus({
        saving: false,
        failure: listed.length ? "Fix the highlighted wording, then save." : describeError(error),
      });
    }
  };

  const shownPath = wordingPath(selection.locale, selection.event);
  const elsewhere = otherErrors(errors, shownPath);
  return (
    <Page
      title="Order notifications"
      subtitle="What shoppers who linked Messenger hear about their orders"
      primaryAction={{ content: "Save", onAction: () => void save(), loading: status.saving, disabled: !dirty }}
      secondaryActions={[{ content: "Discard changes", disabled: !dirty, onAction: () => saved && edit(saved) }]}
    >
      <Layout>
        {(loaded.error || status.message || status.failure || elsewhere.length > 0) && (
          <Layout.Section variant="fullWidth">
            <BlockStack gap="200">
              {loaded.error ? (
                <Banner
                  tone="critical"
                  title="Could not load the settings"
                  action={{ content: "Try again", onAction: loaded.reload }}
                >
                  <p>{describeError(loaded.error)}</p>
                </Banner>
              ) : null}
              {status.message && (
                <Banner tone="success" title={status.message} onDismiss={() => setStatus({ saving: false })} />
              )}
              {status.failure && (
                <Banner tone="critical" title="Not saved">
                  <p>{status.failure}</p>
                  {elsewhere.length > 0 && (
                    <ul>
                      {elsewhere.map((e, i) => (
                        <li key={i}>
                          {e.path}: {e.message}
                        </li>
                      ))}
                    </ul>
                  )}
                </Banner>
              )}
            </BlockStack>
          </Layout.Section>
        )}
        {!draft || !loaded.data ? (
          !loaded.error && (
            <Layout.Section>
              <Card>
                <SkeletonBodyText lines={8} />
              </Card>
            </Layout.Section>
          )
        ) : (
          <>
            <Layout.Section variant="oneThird">
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    Updates to send
                  </Text>
                  {loaded.data.events.map((event) => (
                    <Checkbox
                      key={event}
                      label={eventLabel(event)}
                      checked={isEventOn(draft, event)}
                      onChange={(on) => edit(withEvent(draft, event, on))}
                    />
                  ))}
                  <Checkbox
                    label="Show the shipping address on receipts"
                    helpText="Personal data: off unless you want shoppers to see it in Messenger."
                    checked={draft.includeAddress}
                    onChange={(on) => edit({ ...draft, includeAddress: on })}
                  />
                </BlockStack>
              </Card>
            </Layout.Section>
            <Layout.Section>
              <WordingEditor
                settings={draft}
                events={loaded.data.events}
                locales={loaded.data.locales}
                selection={selection}
                onSelect={setSelection}
                onChange={edit}
                saveErrors={errors}
              />
            </Layout.Section>
          </>
        )}
      </Layout>
    </Page>
  );
}
