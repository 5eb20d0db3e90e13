import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseSignedRequest, signSignedRequest } from "../../../web/server/meta-callbacks/signed-request.js";

const SECRET = "app-secret";

describe("parseSignedRequest", () => {
  it("accepts Meta's format, with or without '=' padding on the signature, and a numeric user_id", () => {
    const sr = signSignedRequest({ algorithm: "HMAC-SHA256", issued_at: 1, user_id: "218471" }, SECRET);
    expect(parseSignedRequest(sr, SECRET)).toMatchObject({ ok: true, payload: { user_id: "218471" } });
    const [sig, body] = sr.split(".");
    expect(parseSignedRequest(`${sig}=.${body}`, SECRET).ok).toBe(true);
    const numeric = signSignedRequest({ algorithm: "HMAC-SHA256", user_id: 218471 }, SECRET);
    expect(parseSignedRequest(numeric, SECRET)).toMatchObject({ ok: true, payload: { user_id: "218471" } });
  });

  it("signs the encoded payload part, as Meta's sample code does", () => {
    const body = Buffer.from(JSON.stringify({ algorithm: "HMAC-SHA256", user_id: "1" })).toString("base64url");
    const sig = createHmac("sha256", SECRET).update(body).digest("base64url");
    expect(parseSignedRequest(`${sig}.${body}`, SECRET).ok).toBe(true);
  });

  it("refuses a wrong secret, a changed payload, other algorithms and malformed input", () => {
    const sr = signSignedRequest({ algorithm: "HMAC-SHA256", user_id: "5" }, SECRET);
    expect(parseSignedRequest(sr, "other")).toEqual({ ok: false, reason: "bad_signature" });
    const [sig] = sr.split(".");
    const otherBody = Buffer.from(JSON.stringify({ algorithm: "HMAC-SHA256", user_id: "6" })).toString("base64url");
    expect(parseSignedRequest(`${sig}.${otherBody}`, SECRET)).toEqual({ ok: false, reason: "bad_signature" });
    expect(parseSignedRequest(signSignedRequest({ algorithm: "none", user_id: "5" }, SECRET), SECRET)).toEqual({
      ok: false,
      reason: "unsupported_algorithm",
    });
    for (const bad of ["", ".", "abc", "a.b.c", "a b.c", `${sig}.`])
      expect(parseSignedRequest(bad, SECRET).ok, bad).toBe(false);
  });
});
