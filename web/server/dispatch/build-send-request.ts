import type { SendRequest } from "../messenger/graph/send-request.js";
import type { OutboundContent } from "../messaging/outbound-content.js";
import type { Transport } from "../policy/send-request.js";

/**
 * Turns the policy's transport into the Send API body. Pure. Returns an error string when the content
 * lacks the form the transport needs (a bug in whoever queued it, recorded as the failure reason).
 */
export function buildSendRequest(
  psid: string,
  transport: Transport,
  content: OutboundContent,
  metadata?: string,
): SendRequest | string {
  const recipient = { id: psid };
  // Meta echoes `metadata` back in message_echoes, which lets us recognise our own message later.
  const message = content.message && metadata ? { ...content.message, metadata } : content.message;
  switch (transport.kind) {
    case "standard":
      if (!message) return "message has no standard form";
      return { recipient, messaging_type: transport.messagingType, message };
    case "message_tag":
      if (!message) return "message has no standard form";
      return { recipient, messaging_type: "MESSAGE_TAG", tag: transport.tag, message };
    case "utility_template":
      if (!content.utility) return "message has no utility template form";
      return {
        recipient,
        messaging_type: "UTILITY",
        message: { template: content.utility.template },
      };
    case "marketing_message":
      return "marketing messages go through the Marketing Messages API, not the Send API";
  }
}
