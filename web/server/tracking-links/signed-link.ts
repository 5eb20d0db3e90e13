import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/**
 * Links in utility templates. A template's URL button has a fixed base and a dynamic suffix ({{1}}), fixed when Meta
 * approves it; carriers' tracking pages and Shopify's order-status pages live on hosts no base can cover. So the base
 * is this app's /t/ and the suffix names the destination, signed so that /t/ is never an open redirect.
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/utility-messages
 */
export const LINK_PATH = "/t/";

export interface TemplateLinks {
  /** The fixed part of every URL button, e.g. https://app.example/t/ (the template's url is base + "{{1}}"). */
  readonly base: string;
  /** The dynamic suffix that leads to `url`. */
  suffixFor(url: string): string;
  /** The destination a suffix stands for; undefined when it is not one we signed. */
  resolve(suffix: string): string | undefined;
}

const SIGNATURE_BYTES = 16;

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

export function createTemplateLinks(masterKey: Buffer, appUrl: string): TemplateLinks {
  const key = Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), "messenger-connect/template-links/v1", 32));
  const sign = (payload: string) =>
    createHmac("sha256", key).update(payload).digest().subarray(0, SIGNATURE_BYTES).toString("base64url");
  return {
    base: `${appUrl.replace(/\/$/, "")}${LINK_PATH}`,
    suffixFor(url) {
      const payload = Buffer.from(url, "utf8").toString("base64url");
      return `${payload}.${sign(payload)}`;
    },
    resolve(suffix) {
      const [payload, signature, extra] = suffix.split(".");
      if (!payload || !signature || extra !== undefined) return undefined;
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      const url = Buffer.from(payload, "base64url").toString("utf8");
      return isHttpUrl(url) ? url : undefined;
    },
  };
}

/** The app's links, from its config (the encryption key signs, the public URL is the base). */
export function templateLinksFor(config: { encryptionKey: Buffer; shopify: { appUrl: string } }): TemplateLinks {
  return createTemplateLinks(config.encryptionKey, config.shopify.appUrl);
}
