import { describe, expect, it } from "vitest";
import type { SendRequest } from "../../../../web/server/messenger/graph/send-request.js";

// These checks run in `tsc --noEmit`: each @ts-expect-error fails the typecheck if the line becomes valid.
describe("SendRequest type", () => {
  it("cannot express the dead tags, tags outside MESSAGE_TAG, or a utility send without a template", () => {
    const ok: SendRequest[] = [
      {
        recipient: { id: "1" },
        messaging_type: "MESSAGE_TAG",
        tag: "HUMAN_AGENT",
        message: { text: "typed by a person" },
      },
      {
        recipient: { id: "1" },
        messaging_type: "UTILITY",
        message: { template: { name: "order_shipped", language: { code: "en_US" } } },
      },
    ];
    // @ts-expect-error POST_PURCHASE_UPDATE is refused by Meta since 2026-04-27
    const dead: SendRequest = {
      recipient: { id: "1" },
      messaging_type: "MESSAGE_TAG",
      tag: "POST_PURCHASE_UPDATE",
      message: { text: "x" },
    };
    // @ts-expect-error tags only go with MESSAGE_TAG
    const tagged: SendRequest = {
      recipient: { id: "1" },
      messaging_type: "RESPONSE",
      tag: "HUMAN_AGENT",
      message: { text: "x" },
    };
    // @ts-expect-error UTILITY needs a template reference, not free text
    const utilityText: SendRequest = { recipient: { id: "1" }, messaging_type: "UTILITY", message: { text: "x" } };
    expect(ok.map((r) => r.messaging_type)).toEqual(["MESSAGE_TAG", "UTILITY"]);
    expect([dead, tagged, utilityText]).toHaveLength(3);
  });
});
