import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_ECHO_DELAY_MS } from "../../../emulators/meta/meta-emulator.js";
import { waitFor } from "../../helpers/wait-for.js";
import { PAGE_ID, startHarness, startReceiver, type Harness } from "./emulator-fixture.js";

describe("message echoes and lost replies", () => {
  let h: Harness | undefined;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  afterEach(async () => {
    await h?.close();
    await receiver?.close();
  });

  async function setup(subscribeEchoes: boolean) {
    receiver = await startReceiver();
    h = await startHarness({ webhookUrl: receiver.url });
    if (subscribeEchoes) h.emu.state.pages.get(PAGE_ID)!.subscribedFields.push("message_echoes");
    await h.emu.shopper.tapGetStarted(PAGE_ID, "psid-echo");
    receiver.received.length = 0;
    return h;
  }
  const send = (text: string, metadata?: string) =>
    h!.graph("POST", `${PAGE_ID}/messages`, {
      recipient: { id: "psid-echo" },
      messaging_type: "RESPONSE",
      message: { text, ...(metadata ? { metadata } : {}) },
    });

  it("echoes each sent message with its metadata to apps subscribed to message_echoes", async () => {
    await setup(true);
    const sent = await send("Your parcel is on its way", "mc:42");
    expect(sent.status).toBe(200);
    const echo = await waitFor(() => receiver!.received[0]);
    const item = (
      echo.json.entry as { messaging: { sender: { id: string }; message: Record<string, unknown> }[] }[]
    )[0]!.messaging[0]!;
    expect(item.sender.id).toBe(PAGE_ID);
    expect(item.message).toMatchObject({
      is_echo: true,
      metadata: "mc:42",
      mid: sent.json.message_id,
      text: "Your parcel is on its way",
    });
  });

  it("sends no echo to an app not subscribed to message_echoes", async () => {
    await setup(false);
    expect((await send("hello")).status).toBe(200);
    await waitFor(() => h!.emu.webhooks.log.find((d) => d.field === "message_echoes"));
    expect(h!.emu.webhooks.log.at(-1)).toMatchObject({ field: "message_echoes", skipped: "not_subscribed" });
    expect(receiver!.received).toHaveLength(0);
  });

  it("sends the echo on its own schedule: after the Send API answered, once the configured delay has passed", async () => {
    await setup(true);
    h!.emu.setEchoDelay(400);
    const started = Date.now();
    const sent = await send("Delayed echo", "mc:7");
    expect(sent.status).toBe(200);
    // Answered, but the echo is still on its way.
    expect(receiver!.received).toHaveLength(0);
    expect(h!.emu.webhooks.pending()).toBe(1);
    const echo = await waitFor(() => receiver!.received[0], { timeoutMs: 5_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(echo.json)).toContain('"metadata":"mc:7"');
  });

  it("by default echoes a few milliseconds after the send", async () => {
    expect(DEFAULT_ECHO_DELAY_MS).toBeGreaterThan(0);
    expect(DEFAULT_ECHO_DELAY_MS).toBeLessThanOrEqual(50);
    await setup(true);
    expect((await send("Default delay")).status).toBe(200);
    await waitFor(() => receiver!.received[0]);
  });

  it("drops echoes still waiting when the emulator closes", async () => {
    await setup(true);
    h!.emu.setEchoDelay(200);
    expect((await send("never echoed")).status).toBe(200);
    expect(h!.emu.webhooks.pending()).toBe(1);
    await h!.close();
    expect(h!.emu.webhooks.pending()).toBe(0);
    h = undefined;
    // Past the delay: a timer left running would post to the (still listening) receiver now.
    await new Promise((done) => setTimeout(done, 500));
    expect(receiver!.received).toHaveLength(0);
  });

  it("with a lost reply, delivers the message but never answers", async () => {
    await setup(true);
    h!.emu.faults.next("lost_reply");
    const call = send("delivered but unanswered");
    const outcome = await Promise.race([
      call.then(() => "answered"),
      new Promise((r) => setTimeout(r, 500, "no answer")),
    ]);
    expect(outcome).toBe("no answer");
    const out = h!.emu.thread(PAGE_ID, "psid-echo")!.items.filter((i) => i.direction === "out");
    expect(out).toHaveLength(1);
    await waitFor(() => receiver!.received[0]);
  });
});
