import {
  Banner,
  BlockStack,
  Card,
  InlineGrid,
  Layout,
  Page,
  SkeletonBodyText,
  SkeletonThumbnail,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import type { GrowthLinkView, GrowthLinksResponse } from "../../../shared/admin-dto.js";
import { api, ApiError, describeError } from "../api/api-client.js";
import { useApi } from "../api/use-api.js";

const PLACES: Record<string, string> = {
  bubble: "Chat bubble",
  order_status: "Order status page",
  packaging: "Packaging inserts",
  social: "Social posts",
  offers: "Get offers (asks for marketing consent)",
};

/** m.me links and QR codes per place a merchant shows them; opens are attributed to the place. */
export function GrowthPage() {
  const links = useApi<GrowthLinksResponse>("/api/growth/links");
  const notConnected = links.error instanceof ApiError && links.error.status === 409;
  return (
    <Page title="Growth" subtitle="Messenger links and QR codes for your store, packaging and posts">
      <Layout>
        <Layout.Section>
          {notConnected ? (
            <Banner tone="warning" title="No Facebook Page connected">
              <p>{describeError(links.error)}</p>
            </Banner>
          ) : links.error ? (
            <Banner
              tone="critical"
              title="Could not load the links"
              action={{ content: "Try again", onAction: links.reload }}
            >
              <p>{describeError(links.error)}</p>
            </Banner>
          ) : !links.data ? (
            <Card>
              <SkeletonBodyText lines={6} />
            </Card>
          ) : (
            <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
              {links.data.links.map((link) => (
                <GrowthLinkCard key={link.entryPoint} link={link} />
              ))}
            </InlineGrid>
          )}
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function GrowthLinkCard({ link }: { link: GrowthLinkView }) {
  const place = PLACES[link.entryPoint] ?? link.entryPoint;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {place}
        </Text>
        <TextField label="Link" value={link.url} readOnly autoComplete="off" selectTextOnFocus />
        <QrImage path={link.qr.svg} alt={`QR code of the Messenger link for: ${place}`} />
      </BlockStack>
    </Card>
  );
}

/** The QR endpoints need the session token, which an <img src> cannot send: fetch as a blob, show its URL. */
function QrImage({ path, alt }: { path: string; alt: string }) {
  const [image, setImage] = useState<{ url?: string; error?: unknown }>({});
  useEffect(() => {
    let url: string | undefined;
    let live = true;
    api
      .fetch(path)
      .then(async (response) => {
        if (!response.ok) throw new ApiError(response.status, null);
        url = URL.createObjectURL(await response.blob());
        if (live) setImage({ url });
        else URL.revokeObjectURL(url);
      })
      .catch((error: unknown) => live && setImage({ error }));
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [path]);
  if (image.error)
    return (
      <Text as="p" tone="critical">
        QR code not available: {describeError(image.error)}
      </Text>
    );
  if (!image.url) return <SkeletonThumbnail size="large" />;
  return <img src={image.url} alt={alt} width={160} height={160} />;
}
