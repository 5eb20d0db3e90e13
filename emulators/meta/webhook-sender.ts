import { hmacSha256Hex } from "../../web/server/lib/hmac.js";

// Webhooks: spec §6. Signature = "sha256=" + hex HMAC-SHA256(appSecret, raw body bytes).
// https://developers.facebook.com/docs/messenger-platform/webhooks#validate-payloads

export interface WebhookDelivery {
  field: string;
  pageId: string;
  body: string;
  signature: string;
  /** HTTP status returned by the app, null when nothing was listening or the field is not subscribed. */
  status: number | null;
  skipped?: "no_webhook_url" | "not_subscribed";
  attempt: number;
}

export interface WebhookSenderOptions {
  appSecret: string;
  webhookUrl?: string;
  fetch?: typeof fetch;
}

/**
 * Meta escapes non-ASCII as \uXXXX in webhook bodies and signs those bytes, which is why apps must hash the
 * raw body and not a re-serialization.
 */
export function metaJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export function signBody(appSecret: string, body: string): string {
  return `sha256=${hmacSha256Hex(appSecret, Buffer.from(body, "utf8"))}`;
}

export function createWebhookSender(options: WebhookSenderOptions) {
  const doFetch = options.fetch ?? fetch;
  const log: WebhookDelivery[] = [];
  let webhookUrl = options.webhookUrl;
  const timers = new Set<{ timer: NodeJS.Timeout; resolve: (posted: boolean) => void }>();

  async function post(
    field: string,
    pageId: string,
    body: string,
    attempt: number,
    subscribed: boolean,
  ): Promise<WebhookDelivery> {
    const signature = signBody(options.appSecret, body);
    const entry: WebhookDelivery = { field, pageId, body, signature, status: null, attempt };
    if (!subscribed) entry.skipped = "not_subscribed";
    else if (!webhookUrl) entry.skipped = "no_webhook_url";
    else {
      try {
        const res = await doFetch(webhookUrl, {
          method: "POST",
          headers: { "content-type": "application/json", "x-hub-signature-256": signature },
          body,
        });
        entry.status = res.status;
        await res.arrayBuffer();
      } catch {
        entry.status = null;
      }
    }
    log.push(entry);
    return entry;
  }

  return {
    log,
    setWebhookUrl(url: string | undefined) {
      webhookUrl = url;
    },
    /**
     * Posts one payload, then the same bytes `redeliver` more times (Meta re-delivers; apps must dedupe).
     * `delayMs` holds the first post back, as Meta's webhooks travel on their own schedule.
     */
    async deliver(
      field: string,
      pageId: string,
      payload: unknown,
      opts: { subscribed: boolean; redeliver?: number; delayMs?: number },
    ) {
      const body = metaJson(payload);
      if (opts.delayMs && opts.delayMs > 0) {
        const delayMs = opts.delayMs;
        const due = await new Promise<boolean>((resolve) => {
          const entry = { timer: setTimeout(() => (timers.delete(entry), resolve(true)), delayMs), resolve };
          timers.add(entry);
        });
        if (!due) return [];
      }
      const results: WebhookDelivery[] = [];
      for (let attempt = 0; attempt <= (opts.redeliver ?? 0); attempt++) {
        results.push(await post(field, pageId, body, attempt + 1, opts.subscribed));
      }
      return results;
    },
    /** Deliveries still waiting for their delay. */
    pending: () => timers.size,
    /** Stops the clock on delayed deliveries (emulator shutdown): they are dropped, never posted late. */
    cancelPending() {
      for (const entry of timers) {
        clearTimeout(entry.timer);
        entry.resolve(false);
      }
      timers.clear();
    },
  };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;
