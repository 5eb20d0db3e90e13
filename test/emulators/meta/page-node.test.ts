import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, PAGE_ID, startHarness, type Harness } from "./emulator-fixture.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe("GET /{page-id}?fields=… (the Page's name and username at connect)", () => {
  it("answers exactly the fields asked for", async () => {
    const res = await h.graph("GET", `${PAGE_ID}?fields=name,username`);
    expect(res).toEqual({ status: 200, json: { name: "Demo Shop", username: "demoshop" } });
    expect((await h.graph("GET", `${PAGE_ID}?fields=id`)).json).toEqual({ id: PAGE_ID });
  });

  it("leaves out a username the Page does not have", async () => {
    h.emu.state.pages.get(PAGE_ID)!.username = undefined;
    expect((await h.graph("GET", `${PAGE_ID}?fields=name,username`)).json).toEqual({ name: "Demo Shop" });
    h.emu.state.pages.get(PAGE_ID)!.username = "demoshop";
  });

  it("refuses a missing fields parameter and unknown fields with error 100", async () => {
    const none = await h.graph("GET", PAGE_ID);
    expect(none.status).toBe(400);
    expect(errorOf(none.json).code).toBe(100);
    const unknown = await h.graph("GET", `${PAGE_ID}?fields=name,fan_count`);
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown.json).message).toContain("nonexisting field (fan_count)");
  });

  it("refuses another Page's node for this Page's token", async () => {
    const res = await h.graph("GET", "1000999?fields=name");
    expect(errorOf(res.json).code).toBe(200);
  });
});
