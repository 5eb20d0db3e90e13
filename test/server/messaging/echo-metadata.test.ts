import { describe, expect, it } from "vitest";
import { buildSendRequest } from "../../../web/server/dispatch/build-send-request.js";
import { echoMetadata, messageIdFromEcho } from "../../../web/server/messaging/echo-metadata.js";

describe("echo metadata", () => {
  it("round-trips an outbound message id and refuses anything else", () => {
    expect(messageIdFromEcho(echoMetadata(123456789012345n))).toBe(123456789012345n);
    for (const bad of [undefined, null, "", "mc:", "mc:0", "mc:-1", "mc:12a", "xx:12", `mc:${"9".repeat(25)}`]) {
      expect(messageIdFromEcho(bad)).toBeUndefined();
    }
  });

  it("rides on standard and HUMAN_AGENT sends, never changes the content, and is absent from utility templates", () => {
    const content = {
      message: { text: "Hello" },
      utility: { name: "t", language: "en_US", template: { name: "t", language: { code: "en_US" } } },
      textParts: ["Hello"],
    };
    const standard = buildSendRequest("1", { kind: "standard", messagingType: "RESPONSE" }, content, "mc:7");
    expect(standard).toMatchObject({ messaging_type: "RESPONSE", message: { text: "Hello", metadata: "mc:7" } });
    const tagged = buildSendRequest(
      "1",
      { kind: "message_tag", messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" },
      content,
      "mc:7",
    );
    expect(tagged).toMatchObject({ tag: "HUMAN_AGENT", message: { metadata: "mc:7" } });
    const utility = buildSendRequest(
      "1",
      { kind: "utility_template", messagingType: "UTILITY", template: { name: "t", language: "en_US" } },
      content,
      "mc:7",
    );
    expect(JSON.stringify(utility)).not.toContain("mc:7");
    expect(content.message).toEqual({ text: "Hello" });
  });
});
