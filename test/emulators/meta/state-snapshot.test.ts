import { afterEach, describe, expect, it } from "vitest";
import { createMetaEmulator } from "../../../emulators/meta/index.js";
import {
  KEPT_STATE_FIELDS,
  MetaSnapshotError,
  parseMetaSnapshot,
  restoreMetaState,
  snapshotMetaState,
} from "../../../emulators/meta/state-snapshot.js";
import { APP_ID, APP_SECRET, PAGE_ID, startHarness, type Harness } from "./emulator-fixture.js";

describe("Meta emulator state snapshot", () => {
  let h: Harness | undefined;
  afterEach(async () => h?.close());

  /** An emulator that went through what a person does in the sandbox: a thread, a reply, a template. */
  async function usedEmulator(): Promise<Harness> {
    h = await startHarness();
    await h.emu.shopper.tapGetStarted(PAGE_ID, "9000001", { ref: "v1.some-ref" });
    await h.emu.shopper.sendText(PAGE_ID, "9000001", "Where is my parcel?");
    expect(
      (
        await h.graph("POST", `${PAGE_ID}/messages`, {
          recipient: { id: "9000001" },
          messaging_type: "RESPONSE",
          message: { text: "On its way!" },
        })
      ).status,
    ).toBe(200);
    const created = await h.graph("POST", `${PAGE_ID}/message_templates`, {
      name: "order_shipped",
      language: "en_US",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Order {{1}} shipped.", example: { body_text: [["#1001"]] } }],
    });
    expect(created.status).toBe(200);
    await h.emu.approveTemplate("order_shipped", "en_US", PAGE_ID);
    return h;
  }

  it("round-trips through JSON: a restored emulator shows the same threads, Pages and templates", async () => {
    const { emu } = await usedEmulator();
    const snapshot = parseMetaSnapshot(JSON.parse(JSON.stringify(snapshotMetaState(emu.state))));
    const fresh = createMetaEmulator({ appId: APP_ID, appSecret: APP_SECRET });
    restoreMetaState(fresh.state, snapshot);

    expect(fresh.thread(PAGE_ID, "9000001")).toEqual(emu.thread(PAGE_ID, "9000001"));
    expect(fresh.thread(PAGE_ID, "9000001")!.items.map((i) => i.kind)).toEqual(["postback", "message", "message"]);
    expect(fresh.state.pages.get(PAGE_ID)).toEqual(emu.state.pages.get(PAGE_ID));
    expect(fresh.state.templates).toEqual(emu.state.templates);
    expect(fresh.state.templates[0]!.status).toBe("APPROVED");
    // The snapshot is a copy: changing the live state afterwards does not change it.
    await emu.shopper.sendText(PAGE_ID, "9000001", "later");
    expect(snapshot.threads[0]!.items).toHaveLength(3);
  });

  it("keeps the id counter, so a restored emulator never hands out a PSID or mid it gave before", async () => {
    const { emu } = await usedEmulator();
    const before = new Set<string>();
    for (let i = 0; i < 5; i++) before.add(emu.state.nextId("9"));
    const fresh = createMetaEmulator({ appId: APP_ID, appSecret: APP_SECRET });
    restoreMetaState(fresh.state, parseMetaSnapshot(snapshotMetaState(emu.state)));
    const after = Array.from({ length: 5 }, () => fresh.state.nextId("9"));
    expect(after.filter((id) => before.has(id))).toEqual([]);
    expect(fresh.state.seq).toBe(emu.state.seq + 5);
  });

  it("restoring never moves a counter back", async () => {
    const { emu } = await usedEmulator();
    const snapshot = snapshotMetaState(emu.state);
    const busy = createMetaEmulator({ appId: APP_ID, appSecret: APP_SECRET });
    busy.state.seq = snapshot.seq + 100;
    restoreMetaState(busy.state, snapshot);
    expect(busy.state.seq).toBe(snapshot.seq + 100);
  });

  it("tells when something changed: after each request it served and each in-process shopper action", async () => {
    let changes = 0;
    const emu = createMetaEmulator({ appId: APP_ID, appSecret: APP_SECRET, onChange: () => changes++ });
    emu.addPage({ pageId: PAGE_ID, token: "t", name: "P", profile: { get_started: { payload: "GS" } } });
    expect(changes).toBe(1);
    await emu.shopper.tapGetStarted(PAGE_ID, "9000002");
    expect(changes).toBe(2);
    await expect(emu.shopper.tapGetStarted(PAGE_ID, "9000002")).rejects.toThrow(/only shown on a new thread/);
    expect(changes).toBe(3);
    const url = await emu.start();
    try {
      await fetch(`${url}/__emulator/state`);
      expect(changes).toBe(4);
    } finally {
      await emu.close();
    }
  });

  it("keeps every data field of the emulator's state (a new field must be added to the snapshot)", () => {
    const state = createMetaEmulator({ appId: APP_ID, appSecret: APP_SECRET }).state;
    const dataFields = Object.keys(state).filter((k) => typeof (state as Record<string, unknown>)[k] !== "function");
    expect(dataFields.sort()).toEqual([...KEPT_STATE_FIELDS]);
  });

  it("refuses what is not a snapshot, naming the problem", () => {
    expect(() => parseMetaSnapshot({ version: 2 })).toThrow(MetaSnapshotError);
    expect(() => parseMetaSnapshot({ version: 1, seq: -1 })).toThrow(/seq/);
  });
});
