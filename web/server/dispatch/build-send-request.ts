import type { SendRequest } from "../messenger/graph/send-request.js";
import type { OutboundContent } from "../messaging/outbound-content.js";
import type { Transport } from "../policy/send-request.js";

/**
 * Turns the policy's transport into the Send API body. Pure. Returns an error string when the content
 * lacks the form the transport needs (a bug in whoever queued it, recorded as the failure reason).
 */
export function buildSendRequest(psid: string, transport: Transport, content: OutboundContent): SendRequest | string {
  const recipient = { id: psid };
  switch (transport.kind) {
    case "standard":
      if (!content.message) return "message has no standard form";
      return { recipient, messaging_type: transport.messagingType, message: content.message };
    case "message_tag":
      if (!content.message) return "message has no standard form";
      return { recipient, messaging_type: "MESSAGE_TAG", tag: transport.tag, message: content.message };
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
