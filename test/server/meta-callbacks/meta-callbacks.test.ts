import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signSignedRequest } from "../../../web/server/meta-callbacks/signed-request.js";
import { connectPage } from "../../../web/server/pages/connect-page.js";
import { DB_KINDS } from "../../helpers/db.js";
import { startMetaHarness, type MetaHarness } from "../../helpers/meta-harness.js";
import { TEST_ENV, TEST_SHOP } from "../../helpers/test-app.js";

const SECRET: string = TEST_ENV.META_APP_SECRET;

for (const kind of DB_KINDS) {
  describe(`Meta deauthorize and data-deletion callbacks [${kind}]`, () => {
    let h: MetaHarness;
    let seq = 0;
    beforeAll(async () => {
      h = await startMetaHarness(kind, { connectPage: false, workers: false });
    });
    afterAll(async () => {
      await h?.close();
    });

    /** Two Pages connected by one Facebook user and one by another. */
    async function connectFor(userId: string, otherUserId: string) {
      const ids: string[] = [];
      for (const by of [userId, userId, otherUserId]) {
        seq += 1;
        const page = { pageId: `40000000${seq}`, token: `EAAPAGE-cb-${kind}-${seq}`, name: `CB ${seq}` };
        h.meta.addPage(page);
        await connectPage(h.app.deps, {
          shopDomain: TEST_SHOP,
          pageId: page.pageId,
          pageToken: page.token,
          connectedBy: by,
        });
        ids.push(page.pageId);
      }
      return ids;
    }
    const post = (path: string, form: Record<string, string> | string) =>
      fetch(`${h.app.url}/meta/${path}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: typeof form === "string" ? form : new URLSearchParams(form).toString(),
      });
    const signed = (userId: string, secret = SECRET) =>
      signSignedRequest({ algorithm: "HMAC-SHA256", issued_at: 1_790_000_000, user_id: userId }, secret);
    const snapshot = () =>
      h.app.deps.db.pageConnection.findMany({
        orderBy: { pageId: "asc" },
        select: { pageId: true, status: true, tokenCiphertext: true },
      });

    it("deauthorize revokes the user's Pages and deletes their tokens; other users' Pages stay", async () => {
      const [a, b, c] = await connectFor("7001", "7002");
      const res = await post("deauthorize", { signed_request: signed("7001") });
      expect(res.status).toBe(200);
      for (const id of [a!, b!]) {
        const row = await h.app.deps.db.pageConnection.findUniqueOrThrow({ where: { pageId: id } });
        expect(row).toMatchObject({ status: "revoked", tokenCiphertext: "", statusReason: expect.any(String) });
      }
      expect((await h.app.deps.db.pageConnection.findUniqueOrThrow({ where: { pageId: c! } })).status).toBe("active");
    });

    it("data deletion removes the user's connections, records the request and shows its status without PII", async () => {
      const [a, b, c] = await connectFor("8001", "8002");
      const res = await post("data-deletion", { signed_request: signed("8001") });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { url: string; confirmation_code: string };
      expect(body.url).toBe(`${TEST_ENV.SHOPIFY_APP_URL}/meta/data-deletion/status?code=${body.confirmation_code}`);
      expect(await h.app.deps.db.pageConnection.count({ where: { pageId: { in: [a!, b!] } } })).toBe(0);
      expect(await h.app.deps.db.pageConnection.count({ where: { pageId: c! } })).toBe(1);
      const record = await h.app.deps.db.dataDeletionRequest.findUniqueOrThrow({
        where: { code: body.confirmation_code },
      });
      expect(record.status).toBe("completed");
      expect(record.appUserId).not.toContain("8001");

      const statusUrl = new URL(body.url);
      const json = await fetch(`${h.app.url}${statusUrl.pathname}${statusUrl.search}`, {
        headers: { accept: "application/json" },
      });
      expect(await json.json()).toEqual({
        confirmation_code: body.confirmation_code,
        status: "completed",
        requested_at: h.clock.now().toISOString(),
        completed_at: h.clock.now().toISOString(),
      });
      const html = await (
        await fetch(`${h.app.url}${statusUrl.pathname}${statusUrl.search}`, { headers: { accept: "text/html" } })
      ).text();
      expect(html).toContain("Completed");
      expect(html).not.toContain("8001");
      expect((await fetch(`${h.app.url}/meta/data-deletion/status?code=${"0".repeat(20)}`)).status).toBe(404);
      expect((await fetch(`${h.app.url}/meta/data-deletion/status?code=<script>`)).status).toBe(400);

      // A second request for the same user is answered too (nothing left to delete) with a new code.
      const again = (await (await post("data-deletion", { signed_request: signed("8001") })).json()) as {
        confirmation_code: string;
      };
      expect(again.confirmation_code).not.toBe(body.confirmation_code);
    });

    it("a forged signed_request is refused with 401 and changes nothing", async () => {
      await connectFor("9001", "9002");
      const before = await snapshot();
      const forged = signed("9001", "not-the-app-secret");
      expect((await post("deauthorize", { signed_request: forged })).status).toBe(401);
      expect((await post("data-deletion", { signed_request: forged })).status).toBe(401);
      // The payload swapped under a valid signature of another payload.
      const [sig] = signed("9002").split(".");
      const swapped = `${sig}.${signed("9001").split(".")[1]}`;
      expect((await post("deauthorize", { signed_request: swapped })).status).toBe(401);
      expect(await snapshot()).toEqual(before);
      expect(await h.app.deps.db.dataDeletionRequest.count({ where: { appUserId: { contains: "9001" } } })).toBe(0);
      expect(before.length).toBeGreaterThan(0);
    });

    it("a malformed signed_request or body is refused with 400 and changes nothing", async () => {
      await connectFor("9101", "9102");
      const before = await snapshot();
      const cases: Array<Record<string, string> | string> = [
        {},
        { signed_request: "" },
        { signed_request: "no-dot-here" },
        { signed_request: "a.b.c" },
        { signed_request: "!!!.???" },
        { signed_request: signRaw("not json") },
        { signed_request: signSignedRequest({ algorithm: "HMAC-SHA256" }, SECRET) },
        { signed_request: signSignedRequest({ algorithm: "HMAC-SHA256", user_id: "abc" }, SECRET) },
        { signed_request: signSignedRequest({ algorithm: "RSA-SHA1", user_id: "9101" }, SECRET) },
      ];
      for (const form of cases) {
        for (const path of ["deauthorize", "data-deletion"]) {
          expect((await post(path, form)).status, `${path} ${JSON.stringify(form)}`).toBe(400);
        }
      }
      expect(await snapshot()).toEqual(before);
    });
  });
}

/** Signs arbitrary payload text, to show a correctly signed but unreadable payload is still refused. */
function signRaw(payloadText: string): string {
  const body = Buffer.from(payloadText).toString("base64url");
  return `${createHmac("sha256", SECRET).update(body).digest("base64url")}.${body}`;
}
