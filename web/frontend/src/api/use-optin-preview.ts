import { useEffect, useState } from "react";
import type { OptinPreviewResponse, OptinWordingSettings, SettingsError } from "../../../shared/admin-dto.js";
import { api, ApiError } from "./api-client.js";

export interface OptinPreviewState {
  preview: OptinPreviewResponse | undefined;
  /** The server's objections to the wording being typed (title over 65 characters, not an https image…). */
  errors: SettingsError[];
  error: unknown;
}

const PAUSE_MS = 300;

/** Live preview from POST /api/marketing/preview: the opt-in request exactly as the app would send it. */
export function useOptinPreview(locale: string, wording: OptinWordingSettings | undefined): OptinPreviewState {
  const [state, setState] = useState<OptinPreviewState>({ preview: undefined, errors: [], error: undefined });
  const title = wording?.title;
  const imageUrl = wording?.imageUrl;
  const ctaText = wording?.ctaText;
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const body = {
        locale,
        ...(title === undefined ? {} : { title }),
        ...(imageUrl ? { imageUrl } : {}),
        ...(ctaText ? { ctaText } : {}),
      };
      api
        .json<OptinPreviewResponse>("/api/marketing/preview", { method: "POST", body, signal: controller.signal })
        .then(
          (preview) => !controller.signal.aborted && setState({ preview, errors: [], error: undefined }),
          (error: unknown) => {
            if (controller.signal.aborted) return;
            const errors = error instanceof ApiError && error.status === 400 ? (error.body?.errors ?? []) : [];
            setState((s) => ({ ...s, errors, error: errors.length ? undefined : error }));
          },
        );
    }, PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [locale, title, imageUrl, ctaText]);
  return state;
}
