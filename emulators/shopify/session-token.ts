import { createHmac, randomUUID } from "node:crypto";

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString("base64url");
}

function signHs256(payload: Record<string, unknown>, secret: string): string {
  const head = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = base64url(JSON.stringify(payload));
  const signature = createHmac("sha256", secret).update(`${head}.${body}`).digest("base64url");
  return `${head}.${body}.${signature}`;
}

export interface MintSessionTokenInput {
  apiKey: string;
  secret: string;
  shop: string;
  /** Staff user id; Shopify sends it as a decimal string. */
  sub?: string;
  now: Date;
  /** Shopify's admin session tokens live about a minute. */
  ttl?: number;
  jti?: string;
  sid?: string;
}

/**
 * An App Bridge session token: HS256 with the app secret, claims iss/dest/aud/sub/exp/nbf/iat/jti/sid.
 * https://shopify.dev/docs/apps/build/authentication-authorization/session-tokens#anatomy-of-a-session-token
 */
export function mintSessionToken(input: MintSessionTokenInput): string {
  const iat = Math.floor(input.now.getTime() / 1000);
  return signHs256(
    {
      iss: `https://${input.shop}/admin`,
      dest: `https://${input.shop}`,
      aud: input.apiKey,
      sub: input.sub ?? "42",
      exp: iat + (input.ttl ?? 60),
      nbf: iat,
      iat,
      jti: input.jti ?? randomUUID(),
      sid: input.sid ?? randomUUID(),
    },
    input.secret,
  );
}

export interface MintExtensionTokenInput {
  apiKey: string;
  secret: string;
  shop: string;
  /** `gid://shopify/Customer/…` when the buyer is logged in and the app may read customers; absent for guests. */
  customerGid?: string;
  now: Date;
  /** Checkout and customer-account tokens have a 5 minute TTL. */
  ttl?: number;
  jti?: string;
}

/**
 * A checkout / customer-account UI extension session token: `dest` is the bare shop domain and `sub`
 * only exists for a logged-in customer. https://shopify.dev/docs/api/checkout-ui-extensions/latest/apis/session-token
 */
export function mintExtensionSessionToken(input: MintExtensionTokenInput): string {
  const iat = Math.floor(input.now.getTime() / 1000);
  return signHs256(
    {
      dest: input.shop,
      aud: input.apiKey,
      exp: iat + (input.ttl ?? 300),
      nbf: iat,
      iat,
      jti: input.jti ?? randomUUID(),
      ...(input.customerGid ? { sub: input.customerGid } : {}),
    },
    input.secret,
  );
}
