import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyGraphError } from "../../../../web/server/messenger/graph/classify-graph-error.js";
import { createGraphClient, type GraphClient } from "../../../../web/server/messenger/graph/graph-client.js";
import { GraphApiError } from "../../../../web/server/messenger/graph/graph-error.js";
import { hmacSha256Hex } from "../../../../web/server/lib/hmac.js";
import {
  APP_ID,
  APP_SECRET,
  PAGE_ID,
  PAGE_TOKEN,
  startHarness,
  type Harness,
} from "../../../emulators/meta/emulator-fixture.js";

let h: Harness;
let client: GraphClient;
const PSID = "psid-contract";

async function failure(p: Promise<unknown>): Promise<GraphApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GraphApiError);
  return err as GraphApiError;
}

beforeAll(async () => {
  h = await startHarness();
  client = createGraphClient({
    baseUrl: h.emu.url,
    version: "v25.0",
    appId: APP_ID,
    appSecret: APP_SECRET,
    // Generous: a loaded machine must not turn an ordinary call into a timeout; the timeout test has its own.
    timeoutMs: 10_000,
  });
  await h.emu.shopper.tapGetStarted(PAGE_ID, PSID);
});
afterAll(() => h.close());

describe("graph client against the Meta emulator", () => {
  it("sends with the token only in the Authorization header and a correct appsecret_proof", async () => {
    const r = await client.sendMessage(PAGE_ID, PAGE_TOKEN, {
      recipient: { id: PSID },
      messaging_type: "RESPONSE",
      message: { text: "Hello" },
    });
    expect(r).toMatchObject({ recipientId: PSID, messageId: expect.stringMatching(/^m_/) });
    const req = h.emu.requests.at(-1)!;
    expect(req).toMatchObject({
      method: "POST",
      path: `/v25.0/${PAGE_ID}/messages`,
      authorization: `Bearer ${PAGE_TOKEN}`,
      contentType: "application/json",
    });
    expect(req.body).toEqual({ recipient: { id: PSID }, messaging_type: "RESPONSE", message: { text: "Hello" } });
    expect(new URL(req.url, "http://x").searchParams.get("appsecret_proof")).toBe(
      hmacSha256Hex(APP_SECRET, PAGE_TOKEN),
    );
  });

  it("parses Graph errors into GraphApiError with code, subcode and fbtrace_id", async () => {
    h.emu.shopper.block(PAGE_ID, "psid-blocked");
    const err = await failure(
      client.sendMessage(PAGE_ID, PAGE_TOKEN, {
        recipient: { id: PSID },
        messaging_type: "RESPONSE",
        message: { text: "x".repeat(2001) },
      }),
    );
    expect(err).toMatchObject({ status: 400, code: 100, type: "OAuthException", fbtraceId: expect.any(String) });
    expect(classifyGraphError(err)).toBe("invalid");
    const bad = await failure(
      client.sendMessage(PAGE_ID, "wrong-token", {
        recipient: { id: PSID },
        messaging_type: "RESPONSE",
        message: { text: "hi" },
      }),
    );
    expect(classifyGraphError(bad)).toBe("auth_broken");
  });

  it("reports a timeout and a non-JSON gateway error as retryable, with distinct flags", async () => {
    h.emu.faults.next("timeout", "non_json", "613");
    const impatient = createGraphClient({
      baseUrl: h.emu.url,
      version: "v25.0",
      appId: APP_ID,
      appSecret: APP_SECRET,
      timeoutMs: 300,
    });
    const timeout = await failure(impatient.getSubscribedApps(PAGE_ID, PAGE_TOKEN));
    expect(timeout.failure).toBe("timeout");
    const gateway = await failure(client.getSubscribedApps(PAGE_ID, PAGE_TOKEN));
    expect(gateway).toMatchObject({ failure: "non_json", status: 502 });
    expect([classifyGraphError(timeout), classifyGraphError(gateway)]).toEqual(["retry", "retry"]);
    const limited = await failure(client.getSubscribedApps(PAGE_ID, PAGE_TOKEN));
    expect(classifyGraphError(limited)).toBe("rate_limited");
    expect(limited.usage.businessUseCase[0]?.estimatedTimeToRegainAccessMin).toBe(1);
  });

  it("reports a network failure", async () => {
    const dead = createGraphClient({
      baseUrl: "http://127.0.0.1:9",
      version: "v25.0",
      appSecret: APP_SECRET,
      timeoutMs: 1000,
    });
    const err = await failure(dead.getSubscribedApps(PAGE_ID, PAGE_TOKEN));
    expect(err.failure).toBe("network");
  });

  it("manages the Messenger Profile and app subscription", async () => {
    await client.setMessengerProfile(PAGE_ID, PAGE_TOKEN, {
      get_started: { payload: "START" },
      greeting: [{ locale: "default", text: "Hi {{user_first_name}}!" }],
    });
    const got = await client.getMessengerProfile(PAGE_ID, PAGE_TOKEN, ["get_started", "greeting"]);
    expect(got.data[0]).toMatchObject({ get_started: { payload: "START" } });
    await expect(
      client.setMessengerProfile(PAGE_ID, PAGE_TOKEN, { greeting: [{ locale: "fr_FR", text: "Salut" }] }),
    ).rejects.toBeInstanceOf(GraphApiError);
    await client.subscribeApp(PAGE_ID, PAGE_TOKEN, ["messages", "messaging_postbacks"]);
    const apps = await client.getSubscribedApps(PAGE_ID, PAGE_TOKEN);
    expect(apps.data[0]).toMatchObject({ id: APP_ID, subscribed_fields: ["messages", "messaging_postbacks"] });
    expect(h.emu.requests.at(-2)!.url).toContain("subscribed_fields=messages%2Cmessaging_postbacks");
  });

  it("creates, lists and deletes utility templates", async () => {
    const created = await client.createMessageTemplate(PAGE_ID, PAGE_TOKEN, {
      name: "order_confirmed",
      category: "UTILITY",
      language: "en_US",
      components: [{ type: "BODY", text: "Thanks! Order {{1}} is confirmed.", example: { body_text: [["#1001"]] } }],
    });
    expect(created.status).toBe("PENDING");
    await h.emu.approveTemplate("order_confirmed", "en_US");
    const list = await client.listMessageTemplates(PAGE_ID, PAGE_TOKEN, { name: "order_confirmed" });
    expect(list.data.map((t) => [t.name, t.status])).toEqual([["order_confirmed", "APPROVED"]]);
    await client.deleteMessageTemplate(PAGE_ID, PAGE_TOKEN, { name: "order_confirmed", id: created.id });
    const req = h.emu.requests.at(-1)!;
    expect(req.method).toBe("DELETE");
    expect(req.url).toContain(`hsm_id=${created.id}`);
    expect((await client.listMessageTemplates(PAGE_ID, PAGE_TOKEN, { name: "order_confirmed" })).data).toEqual([]);
  });

  it("exchanges a Facebook Login for Business code and lists Pages with their tokens", async () => {
    h.emu.addOAuthCode({
      code: "CODE1",
      redirectUri: "https://app.example/auth/facebook/callback",
      userToken: "EAAUSER1",
      pageIds: [PAGE_ID],
    });
    const tok = await client.exchangeCode("CODE1", "https://app.example/auth/facebook/callback");
    expect(tok.access_token).toBe("EAAUSER1");
    const req = h.emu.requests.at(-1)!;
    expect(req.url).not.toContain(APP_SECRET);
    await expect(client.exchangeCode("CODE1", "https://app.example/auth/facebook/callback")).rejects.toBeInstanceOf(
      GraphApiError,
    );
    const long = await client.exchangeForLongLivedToken(tok.access_token);
    const pages = await client.listPages(long.access_token);
    expect(pages.data).toEqual([
      expect.objectContaining({ id: PAGE_ID, access_token: PAGE_TOKEN, username: "demoshop" }),
    ]);
  });

  it("sends a marketing message once per 12 h per subscription token", async () => {
    h.emu.addAdAccount({ adAccountId: "act_555", token: "EAASYSUSER" });
    await client.sendMessage(PAGE_ID, PAGE_TOKEN, {
      recipient: { id: PSID },
      messaging_type: "RESPONSE",
      message: {
        attachment: {
          type: "template",
          payload: { template_type: "notification_messages", title: "Deals", payload: "OPTIN" },
        },
      },
    });
    const { token } = await h.emu.shopper.optIn(PAGE_ID, PSID, "OPTIN");
    const campaign = await client.createMessageCampaign("555", "EAASYSUSER", {
      name: "Summer",
      page_id: PAGE_ID,
      daily_budget: 1000,
    });
    const body = {
      message_id: campaign.id,
      messenger_delivery_data: { subscription_token: token },
      message: { text: "20% off today" },
    };
    const sent = await client.sendMarketingMessage("act_555", "EAASYSUSER", body);
    expect(sent).toMatchObject({ success: true, trackingId: expect.any(String) });
    expect((await failure(client.sendMarketingMessage("555", "EAASYSUSER", body))).code).toBe(2300052);
    h.clock.advance({ hours: 12 });
    expect((await client.sendMarketingMessage("555", "EAASYSUSER", body)).success).toBe(true);
    h.clock.advance({ hours: 12 });
    h.emu.shopper.setCountry(PAGE_ID, PSID, "DE");
    expect((await failure(client.sendMarketingMessage("555", "EAASYSUSER", body))).code).toBe(2300002);
  });

  it("never puts a token in any URL it requested", () => {
    for (const req of h.emu.requests) {
      for (const secret of [PAGE_TOKEN, "EAAUSER1", "EAASYSUSER", APP_SECRET]) expect(req.url).not.toContain(secret);
    }
  });
});
