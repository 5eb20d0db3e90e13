import { describe, expect, expectTypeOf, it } from "vitest";
import {
  DEPRECATED_MESSAGE_TAGS,
  MESSAGE_CATEGORIES,
  MESSAGE_TAG_EXCLUDES_DEPRECATED,
  type DeprecatedMessageTag,
  type MessageTag,
} from "../../../web/server/policy/message-category.js";
import { decideSend } from "../../../web/server/policy/send-decision.js";
import type {
  MessageTagTransport,
  SendRequest,
  UtilityTemplateStatus,
} from "../../../web/server/policy/send-request.js";
import { HOUR, ago, approvedTemplate, buildSendRequest } from "./build-send-request.js";

describe("the deprecated tags (error 100 since 2026-04-27) can never be emitted", () => {
  it("are excluded by the type system", () => {
    expectTypeOf<MessageTag>().toEqualTypeOf<"HUMAN_AGENT">();
    expectTypeOf<Extract<MessageTag, DeprecatedMessageTag>>().toBeNever();
    expectTypeOf<MessageTagTransport["tag"]>().toEqualTypeOf<"HUMAN_AGENT">();
    // @ts-expect-error POST_PURCHASE_UPDATE is not a MessageTag; `npm exec -- tsc` fails if it ever becomes one.
    const postPurchase: MessageTag = "POST_PURCHASE_UPDATE";
    // @ts-expect-error CONFIRMED_EVENT_UPDATE is not a MessageTag.
    const confirmedEvent: MessageTag = "CONFIRMED_EVENT_UPDATE";
    // @ts-expect-error ACCOUNT_UPDATE is not a MessageTag.
    const accountUpdate: MessageTag = "ACCOUNT_UPDATE";
    expect(MESSAGE_TAG_EXCLUDES_DEPRECATED).toBe(true);
    expect([postPurchase, confirmedEvent, accountUpdate]).toEqual([...DEPRECATED_MESSAGE_TAGS]);
  });

  // Every combination of the facts that steer the transport, so no branch can sneak a dead tag in.
  const elapsedCases = [null, 0, HOUR, 24 * HOUR - 1, 24 * HOUR, 3 * 24 * HOUR, 7 * 24 * HOUR, 30 * 24 * HOUR];
  const templates: (UtilityTemplateStatus | null)[] = [null, "APPROVED", "PENDING", "REJECTED", "PAUSED", "DISABLED"];
  const requests: SendRequest[] = MESSAGE_CATEGORIES.flatMap((category) =>
    elapsedCases.flatMap((elapsed) =>
      templates.flatMap((status) =>
        [true, false].map((humanAuthor) =>
          buildSendRequest({
            category,
            humanAuthor,
            lastUserInteractionAt: elapsed === null ? null : ago(elapsed),
            utilityTemplate: status === null ? null : { ...approvedTemplate, status },
          }),
        ),
      ),
    ),
  );

  it(`appear in none of ${requests.length} decisions`, () => {
    const tags = new Set<string>();
    for (const req of requests) {
      const decision = decideSend(req);
      const serialized = JSON.stringify(decision);
      for (const dead of DEPRECATED_MESSAGE_TAGS) expect(serialized).not.toContain(dead);
      if (decision.action === "send" && decision.transport.kind === "message_tag") {
        tags.add(decision.transport.tag);
        expect(req.humanAuthor).toBe(true);
        expect(req.category).toBe("human_agent_reply");
      }
    }
    expect([...tags]).toEqual(["HUMAN_AGENT"]);
  });
});
