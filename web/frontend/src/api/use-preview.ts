import { useEffect, useState } from "react";
import type { PreviewResponse, SettingsError } from "../../../shared/admin-dto.js";
import { api, ApiError } from "./api-client.js";

export interface PreviewInput {
  event: string;
  locale: string;
  /** undefined: the default wording. */
  wording: string | undefined;
  includeAddress: boolean;
}

export interface PreviewState {
  preview: PreviewResponse | undefined;
  /** The server's objections to the wording being typed (unknown variable, too long…). */
  errors: SettingsError[];
  error: unknown;
  loading: boolean;
}

// Ask once typing pauses, not on every keystroke.
const PAUSE_MS = 300;

/** Live preview from POST /api/notifications/preview: the exact content the app would send. */
export function usePreview(input: PreviewInput): PreviewState {
  const [state, setState] = useState<PreviewState>({ preview: undefined, errors: [], error: undefined, loading: true });
  const { event, locale, wording, includeAddress } = input;
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      const body = { event, locale, includeAddress, ...(wording === undefined ? {} : { wording }) };
      api.json<PreviewResponse>("/api/notifications/preview", { method: "POST", body, signal: controller.signal }).then(
        (preview) => !controller.signal.aborted && setState({ preview, errors: [], error: undefined, loading: false }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const errors = error instanceof ApiError && error.status === 400 ? (error.body?.errors ?? []) : [];
          setState((s) => ({ ...s, errors, error: errors.length ? undefined : error, loading: false }));
        },
      );
    }, PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [event, locale, wording, includeAddress]);
  return state;
}
