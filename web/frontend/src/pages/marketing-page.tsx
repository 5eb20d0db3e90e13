import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import type {
  MarketingOnboardingResponse,
  MarketingSettings,
  MarketingSettingsResponse,
  MarketingStatusResponse,
  OptinWordingSettings,
  SettingsError,
} from "../../../shared/admin-dto.js";
import { api, ApiError, describeError } from "../api/api-client.js";
import { useApi } from "../api/use-api.js";
import { useOptinPreview } from "../api/use-optin-preview.js";
import { LoadState } from "../components/load-state.js";

const MOMENT_LABELS: Record<keyof MarketingSettings["ask"], { label: string; help: string }> = {
  keyword: { label: "When a shopper types “offers”", help: "In any of the 8 shopper languages." },
  entry_offers: { label: "From a “Get offers” link or QR code", help: "See Growth for the link and its QR code." },
  after_link: { label: "Right after a shopper links their store account", help: "Asked once they are connected." },
  after_order: { label: "After an order confirmation", help: "Only while the 24-hour window is open." },
};

/**
 * Marketing settings: when the app asks for consent, in whose words (with the request exactly as Messenger shows
 * it), and whether the shop can send Marketing Messages at all, with the reasons when it cannot.
 */
export function MarketingPage() {
  const loaded = useApi<MarketingSettingsResponse>("/api/marketing/settings");
  const status = useApi<MarketingStatusResponse>("/api/marketing/status");
  const [draft, setDraft] = useState<MarketingSettings>();
  const [locale, setLocale] = useState("en");
  const [errors, setErrors] = useState<SettingsError[]>([]);
  const [notice, setNotice] = useState<{ tone: "success" | "critical"; text: string }>();
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(loaded.data?.settings), [loaded.data]);
  const onboarding = useApi<MarketingOnboardingResponse>("/api/marketing/onboarding");
  // Back from Facebook Login for Business with ?code&state: finish the connection once.
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const code = params.get("code");
    const state = params.get("state");
    if (!code || !state) return;
    const redirectUri = `${window.location.origin}${window.location.pathname}`;
    api.json("/api/marketing/onboarding/connect", { method: "POST", body: { code, state, redirectUri } }).then(
      () => {
        setNotice({ tone: "success", text: "Ad account connected." });
        onboarding.reload();
        loaded.reload();
        status.reload();
      },
      (error: unknown) => setNotice({ tone: "critical", text: `Could not connect: ${describeError(error)}` }),
    );
    // Runs once on arrival: the reload functions are stable and the code is single-use.
  }, []);
  const signIn = async () => {
    try {
      const { url } = await api.json<{ url: string }>("/api/marketing/onboarding/login-url", {
        method: "POST",
        body: {},
      });
      window.open(url, "_top");
    } catch (error) {
      setNotice({ tone: "critical", text: describeError(error) });
    }
  };

  const wording = draft?.wording[locale];
  const preview = useOptinPreview(locale, wording);
  const edit = (next: MarketingSettings) => {
    setDraft(next);
    setErrors([]);
    setNotice(undefined);
  };
  const editWording = (patch: OptinWordingSettings) =>
    draft && edit({ ...draft, wording: { ...draft.wording, [locale]: { ...wording, ...patch } } });
  const save = async () => {
    if (!draft) return;
    setSaving(true);
    try {
      const answer = await api.json<{ settings: MarketingSettings }>("/api/marketing/settings", {
        method: "PUT",
        body: draft,
      });
      setDraft(answer.settings);
      setNotice({ tone: "success", text: "Marketing settings saved." });
      status.reload();
    } catch (error) {
      const listed = error instanceof ApiError && error.status === 400 ? (error.body?.errors ?? []) : [];
      setErrors(listed);
      setNotice({
        tone: "critical",
        text: listed.length ? "Fix the highlighted fields, then save." : describeError(error),
      });
    } finally {
      setSaving(false);
    }
  };
  const fieldError = (path: string) =>
    [...errors, ...preview.errors.map((e) => ({ ...e, path: `wording.${locale}.${e.path}` }))].find(
      (e) => e.path === path,
    )?.message;

  return (
    <Page
      title="Marketing"
      subtitle="Consent to marketing messages on Messenger: when to ask, in your words"
      primaryAction={{ content: "Save", onAction: () => void save(), loading: saving, disabled: !draft }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {notice && <Banner tone={notice.tone} title={notice.text} onDismiss={() => setNotice(undefined)} />}
            <LoadState state={status} errorTitle="Could not load the marketing status">
              {(s) => (
                <Banner
                  tone={s.readiness.canSend ? "success" : "warning"}
                  title={
                    s.readiness.canSend
                      ? "Your shop can send Marketing Messages."
                      : "Your shop cannot send Marketing Messages yet"
                  }
                >
                  <BlockStack gap="100">
                    {s.readiness.reasons.map((r) => (
                      <Text as="p" key={r.code}>
                        {r.message}
                      </Text>
                    ))}
                    <Text as="p">{`${s.subscribers.subscribed} subscribed, ${s.subscribers.stopped} stopped.`}</Text>
                    {s.pages.map((p) => (
                      <Text as="p" key={p.pageId}>
                        {`${p.pageName ?? p.pageId}: room for ${p.capacity.left} marketing messages under Meta's Page caps (today ${p.capacity.daily.sent}/${p.capacity.daily.limit}, this week ${p.capacity.weekly.sent}/${p.capacity.weekly.limit})${p.capacity.blockedBy ? ` (${p.capacity.blockedBy})` : ""}.`}
                      </Text>
                    ))}
                  </BlockStack>
                </Banner>
              )}
            </LoadState>
            <LoadState state={loaded} errorTitle="Could not load the marketing settings">
              {(meta) =>
                draft && (
                  <>
                    <Card>
                      <BlockStack gap="200">
                        <Text as="h2" variant="headingMd">
                          When to ask
                        </Text>
                        {(Object.keys(MOMENT_LABELS) as (keyof MarketingSettings["ask"])[]).map((m) => (
                          <Checkbox
                            key={m}
                            label={MOMENT_LABELS[m].label}
                            helpText={MOMENT_LABELS[m].help}
                            checked={draft.ask[m]}
                            onChange={(on) => edit({ ...draft, ask: { ...draft.ask, [m]: on } })}
                          />
                        ))}
                        <TextField
                          label="Days before asking again someone who ignored or declined"
                          type="number"
                          autoComplete="off"
                          min={1}
                          max={365}
                          value={String(draft.cooldownDays)}
                          onChange={(v) => edit({ ...draft, cooldownDays: Number(v) })}
                          error={fieldError("cooldownDays")}
                          helpText="Meta also allows one request with the same title per shopper per week."
                        />
                      </BlockStack>
                    </Card>
                    <Card>
                      <BlockStack gap="300">
                        <Text as="h2" variant="headingMd">
                          Opt-in request
                        </Text>
                        <Select label="Shopper language" options={meta.locales} value={locale} onChange={setLocale} />
                        <TextField
                          label="Title"
                          autoComplete="off"
                          value={wording?.title ?? preview.preview?.preview.message.attachment.payload.title ?? ""}
                          onChange={(title) => editWording({ title })}
                          showCharacterCount
                          maxLength={meta.titleMax + 20}
                          error={fieldError(`wording.${locale}.title`)}
                        />
                        <TextField
                          label="Image (https URL, optional)"
                          autoComplete="off"
                          value={wording?.imageUrl ?? ""}
                          onChange={(imageUrl) => editWording({ imageUrl: imageUrl || undefined })}
                          error={fieldError(`wording.${locale}.imageUrl`)}
                        />
                        <Select
                          label="Button"
                          options={Object.entries(meta.ctaValues).map(([value, label]) => ({ value, label }))}
                          value={wording?.ctaText ?? "GET_UPDATES"}
                          onChange={(ctaText) => editWording({ ctaText })}
                        />
                        <OptinPreview preview={preview.preview} />
                      </BlockStack>
                    </Card>
                    <Card>
                      <BlockStack gap="300">
                        <Text as="h2" variant="headingMd">
                          Marketing Messages onboarding
                        </Text>
                        <TextField
                          label="Business country (2 letters)"
                          autoComplete="country"
                          value={draft.businessCountry ?? ""}
                          onChange={(v) => edit({ ...draft, businessCountry: v ? v.toUpperCase() : null })}
                          error={fieldError("businessCountry")}
                        />
                        <LoadState state={onboarding} errorTitle="Could not load the Facebook connection">
                          {(o) => (
                            <InlineStack gap="200" blockAlign="center">
                              <Button onClick={() => void signIn()} disabled={!o.configured}>
                                {o.account ? "Sign in with Facebook again" : "Connect ad account with Facebook"}
                              </Button>
                              <Text as="span" tone="subdued">
                                {!o.configured
                                  ? "Facebook sign-in for Marketing Messages is not configured for this app."
                                  : o.account
                                    ? `${o.account.expired ? "Expired" : "Connected"}: ${o.account.adAccounts.length} ad account(s), ${o.account.grantedScopes.join(", ")}`
                                    : "Not connected yet."}
                              </Text>
                            </InlineStack>
                          )}
                        </LoadState>
                        <TextField
                          label="Meta ad account id (billed per delivered message)"
                          autoComplete="off"
                          value={draft.onboarding.adAccountId ?? ""}
                          onChange={(v) =>
                            edit({ ...draft, onboarding: { ...draft.onboarding, adAccountId: v || null } })
                          }
                          error={fieldError("onboarding.adAccountId")}
                        />
                        <Checkbox
                          label="I accepted Meta's Marketing Messages terms for this business"
                          checked={draft.onboarding.termsAccepted}
                          onChange={(termsAccepted) =>
                            edit({ ...draft, onboarding: { ...draft.onboarding, termsAccepted } })
                          }
                        />
                        <TextField
                          label="Shopify customer tag for subscribers (empty: no tag)"
                          autoComplete="off"
                          value={draft.customerTag}
                          onChange={(customerTag) => edit({ ...draft, customerTag })}
                          error={fieldError("customerTag")}
                        />
                      </BlockStack>
                    </Card>
                  </>
                )
              }
            </LoadState>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/** The opt-in request as a Messenger card: image, title and the button label Messenger renders. */
function OptinPreview({ preview }: { preview: MarketingSettingsPreview | undefined }) {
  if (!preview) return null;
  const payload = preview.preview.message.attachment.payload;
  return (
    <Box borderWidth="025" borderColor="border" borderRadius="300" padding="300" maxWidth="22rem">
      <BlockStack gap="200">
        {payload.image_url && <img src={payload.image_url} alt="" style={{ maxWidth: "100%", borderRadius: 8 }} />}
        <Text as="p" fontWeight="semibold">
          {payload.title}
        </Text>
        <InlineStack>
          <Button disabled>{preview.preview.buttonLabel}</Button>
        </InlineStack>
      </BlockStack>
    </Box>
  );
}

type MarketingSettingsPreview = NonNullable<ReturnType<typeof useOptinPreview>["preview"]>;
