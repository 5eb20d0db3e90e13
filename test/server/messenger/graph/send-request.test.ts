import { describe, expect, it } from "vitest";
import type { SendRequest } from "../../../../web/server/messenger/graph/send-request.js";

// These checks run in `tsc --noEmit`: each @ts-expect-error fails the typecheck if the line becomes valid.
const r = { id: "1" } as const;
const deadTag = {
  recipient: r,
  messaging_type: "MESSAGE_TAG",
  tag: "POST_PURCHASE_UPDATE",
  message: { text: "x" },
} as const;
const tagOutsideMessageTag = {
  recipient: r,
  messaging_type: "RESPONSE",
  tag: "HUMAN_AGENT",
  message: { text: "x" },
} as const;
const utilityText = { recipient: r, messaging_type: "UTILITY", message: { text: "x" } } as const;

describe("SendRequest type", () => {
  it("cannot express the dead tags, tags outside MESSAGE_TAG, or a utility send without a template", () => {
    const ok: SendRequest[] = [
      { recipient: r, messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT", message: { text: "typed by a person" } },
      {
        recipient: r,
        messaging_type: "UTILITY",
        message: { template: { name: "order_shipped", language: { code: "en_US" } } },
      },
    ];
    // @ts-expect-error POST_PURCHASE_UPDATE is refused by Meta since 2026-04-27
    const a: SendRequest = deadTag;
    // @ts-expect-error tags only go with MESSAGE_TAG
    const b: SendRequest = tagOutsideMessageTag;
    // @ts-expect-error UTILITY needs a template reference, not free text
    const c: SendRequest = utilityText;
    expect(ok.map((x) => x.messaging_type)).toEqual(["MESSAGE_TAG", "UTILITY"]);
    expect([a, b, c]).toHaveLength(3);
  });
});
