import { Banner, Card, SkeletonBodyText } from "@shopify/polaris";
import type { ReactNode } from "react";
import type { ApiState } from "../api/use-api.js";
import { describeError } from "../api/api-client.js";

/** Loading skeleton, error banner with "Try again", or the content: one way for every page that loads data. */
export function LoadState<T>({
  state,
  errorTitle,
  children,
}: {
  state: ApiState<T>;
  errorTitle: string;
  children: (data: T) => ReactNode;
}) {
  if (state.error) {
    return (
      <Banner tone="critical" title={errorTitle} action={{ content: "Try again", onAction: state.reload }}>
        <p>{describeError(state.error)}</p>
      </Banner>
    );
  }
  if (!state.data) {
    return (
      <Card>
        <SkeletonBodyText lines={4} />
      </Card>
    );
  }
  return <>{children(state.data)}</>;
}
