import { describe, expect, it } from "vitest";
import { createMetaEmulator } from "../../../emulators/meta/index.js";
import { keepPsidsUnique } from "../../../sandbox/persist/psid-floor.js";
import type { Deps } from "../../../web/server/deps.js";

/** Only the one query keepPsidsUnique makes: the PSIDs of the app's conversations. */
function dbWith(psids: string[]): Pick<Deps, "db"> {
  return { db: { conversation: { findMany: async () => psids.map((psid) => ({ psid })) } } } as unknown as Pick<
    Deps,
    "db"
  >;
}

describe("PSIDs of a data folder without an emulator snapshot", () => {
  it("moves the emulator's counter past every PSID the app knows, so m.me never hands one out again", async () => {
    const meta = createMetaEmulator({ appId: "1", appSecret: "s" });
    await keepPsidsUnique(dbWith(["9000007", "9000003", "not-an-emulator-psid", "1234"]), meta);
    const next = Array.from({ length: 10 }, () => meta.state.nextId("9"));
    expect(next[0]).toBe("9000008");
    expect(next).not.toContain("9000007");
    expect(next).not.toContain("9000003");
  });

  it("never moves the counter back", async () => {
    const meta = createMetaEmulator({ appId: "1", appSecret: "s" });
    meta.state.seq = 50;
    await keepPsidsUnique(dbWith(["9000002"]), meta);
    expect(meta.state.seq).toBe(50);
  });
});
