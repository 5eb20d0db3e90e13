import type { IncomingMessage } from "node:http";

/** An HTML form post (application/x-www-form-urlencoded), at most a few kilobytes; anything else is empty. */
export async function readForm(req: IncomingMessage, limit = 8_192): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error("form too large");
    chunks.push(chunk as Buffer);
  }
  const type = req.headers["content-type"] ?? "";
  if (!type.includes("application/x-www-form-urlencoded")) return new URLSearchParams();
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}
