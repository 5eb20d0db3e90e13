import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Stands between the Meta emulator and the app the harness keeps killing, and does what Meta does with a
 * webhook the app did not acknowledge: delivers it again until it gets a 2xx. The emulator posts once; the
 * relay answers it at once and retries in order behind it.
 */
export interface WebhookRelay {
  url: string;
  pending(): number;
  close(): Promise<void>;
}

export async function startWebhookRelay(target: () => string): Promise<WebhookRelay> {
  const queue: { headers: Record<string, string>; body: Buffer }[] = [];
  let closed = false;
  let wake: (() => void) | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers: Record<string, string> = { "content-type": "application/json" };
      const signature = req.headers["x-hub-signature-256"];
      if (typeof signature === "string") headers["x-hub-signature-256"] = signature;
      queue.push({ headers, body: Buffer.concat(chunks) });
      wake?.();
      res.writeHead(200).end("EVENT_RECEIVED");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const forwarding = (async () => {
    while (!closed) {
      const next = queue[0];
      if (!next) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      const ok = await fetch(target(), {
        method: "POST",
        headers: next.headers,
        body: new Uint8Array(next.body),
        signal: AbortSignal.timeout(5_000),
      }).then(
        (res) => res.ok,
        () => false,
      );
      if (ok) queue.shift();
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    pending: () => queue.length,
    close: async () => {
      closed = true;
      wake?.();
      await forwarding;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
