import { hkdfSync } from "node:crypto";
import type { RefKeyring } from "./signed-ref.js";

/**
 * Ways to build the ref keyring from configuration (the caller reads the environment, not this file).
 * Ref keys must be separate from other secrets so rotating one never invalidates the other.
 */

/**
 * Parses "kid:base64key[,kid:base64key...]"; the first entry signs new refs, the others still verify
 * (rotation: prepend the new key, drop the old one once its refs have expired).
 * Returns an error string instead of throwing so config validation can report every problem at once.
 */
export function parseRefKeyring(spec: string): RefKeyring | { error: string } {
  const entries = spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) return { error: "no ref signing keys" };
  const keys: Record<string, Buffer> = {};
  for (const entry of entries) {
    const [kid, secret, ...rest] = entry.split(":");
    if (!kid || !secret || rest.length > 0 || !/^[A-Za-z0-9]{1,8}$/.test(kid)) {
      return { error: `ref key "${kid ?? ""}" is not kid:base64 with a 1-8 char alphanumeric kid` };
    }
    const key = Buffer.from(secret, "base64");
    if (key.length < 32) return { error: `ref key "${kid}" must be at least 32 bytes` };
    if (keys[kid]) return { error: `ref key "${kid}" appears twice` };
    keys[kid] = key;
  }
  return { currentKid: entries[0]!.split(":")[0]!, keys };
}

/**
 * Derives a dedicated ref key from a master secret with HKDF-SHA256 (RFC 5869), labelled with the kid, so a
 * deployment with only ENCRYPTION_KEY still gets a ref key that is cryptographically independent of it.
 */
export function deriveRefKeyring(master: Buffer, kid = "d1"): RefKeyring {
  if (master.length < 32) throw new Error("ref-keyring: master secret must be at least 32 bytes");
  const key = Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), `messenger-connect/signed-ref/${kid}`, 32));
  return { currentKid: kid, keys: { [kid]: key } };
}
