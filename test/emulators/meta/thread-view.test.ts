import { afterEach, describe, expect, it } from "vitest";
import { renderMmePage, renderThread, renderThreadList } from "../../../emulators/meta/thread-view.js";
import { PAGE_ID, startHarness, type Harness } from "./emulator-fixture.js";

const version = (html: string) => /id="thread" data-live[^>]*data-version="([^"]+)"/.exec(html)?.[1];

describe("thread pages", () => {
  let h: Harness | undefined;
  afterEach(async () => h?.close());

  it("show the conversation as the shopper sees it; PSID, refs and transport only as developer details", async () => {
    h = await startHarness();
    await h.emu.shopper.tapGetStarted(PAGE_ID, "9000001", { ref: "v1.SECRETREF" });
    await h.emu.shopper.sendText(PAGE_ID, "9000001", "Hello <shop>");
    await h.graph("POST", `${PAGE_ID}/messages`, {
      recipient: { id: "9000001" },
      messaging_type: "RESPONSE",
      message: { text: "Hi there" },
    });
    const html = renderThread(h.emu, PAGE_ID, "9000001");
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<div class="b me">Hello &lt;shop&gt;</div>');
    expect(html).toContain('<div class="b page">Hi there</div>');
    expect(html).toContain('<div class="ev dev">RESPONSE</div>');
    expect(html).toContain('<span class="dev"> (ref v1.SECRETREF)</span>');
    expect(html).toMatch(/<p class="ev dev">Page \d+ · PSID 9000001<\/p>/);
    // Outside developer details, neither the ref nor the PSID appears.
    const visible = html.replace(/<(span|div|p|small) class="(ev )?dev">[\s\S]*?<\/\1>/g, "");
    expect(visible).not.toContain("SECRETREF");
    expect(visible).not.toContain("RESPONSE");
    expect(visible.replace(/href="[^"]*"|action="[^"]*"/g, "")).not.toContain("9000001");
    expect(html).toContain('<label for="message" class="visually-hidden">Message to Demo Shop</label>');
    expect(html).toContain('aria-pressed="false">Developer details</button>');
  });

  it("change their version when anything new arrives, which is what the page's self-refresh compares", async () => {
    h = await startHarness();
    await h.emu.shopper.tapGetStarted(PAGE_ID, "9000002");
    const before = version(renderThread(h.emu, PAGE_ID, "9000002"));
    await h.graph("POST", `${PAGE_ID}/messages`, {
      recipient: { id: "9000002" },
      messaging_type: "RESPONSE",
      message: { text: "Your order shipped" },
    });
    const after = version(renderThread(h.emu, PAGE_ID, "9000002"));
    expect(before).toBeDefined();
    expect(after).not.toBe(before);
    expect(renderThread(h.emu, PAGE_ID, "9000002")).toContain("setInterval(refresh, 1000)");
  });

  it("offer Get Started on a thread not started yet, and list every chat newest first", async () => {
    h = await startHarness();
    expect(renderThread(h.emu, PAGE_ID, "9000003")).toContain("<button>Get Started</button>");
    expect(renderMmePage(h.emu, PAGE_ID, "9000003", "ep.bubble")).toContain(
      '<input type="hidden" name="ref" value="ep.bubble">',
    );
    await h.emu.shopper.tapGetStarted(PAGE_ID, "9000003");
    h.clock.advance({ minutes: 1 });
    await h.emu.shopper.tapGetStarted(PAGE_ID, "9000004");
    const list = renderThreadList(h.emu);
    expect(list.indexOf("Messenger user 9000004")).toBeLessThan(list.indexOf("Messenger user 9000003"));
    expect(list).toContain(`href="/__emulator/thread/${PAGE_ID}/9000003"`);
  });
});
