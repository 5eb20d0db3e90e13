import type { MessageCategory } from "../policy/message-category.js";
import type { OutgoingMessage, UtilityTemplateMessage } from "../messenger/graph/send-request.js";

/**
 * What to send, in every form the policy may choose: the normal message (inside the window) and, for
 * post-purchase updates, the utility template to use outside it. `textParts` is the human-readable text
 * the promotional-content check reads.
 */
export interface OutboundContent {
  message?: OutgoingMessage;
  utility?: {
    /** Template name and language as registered with Meta (utility_template table). */
    name: string;
    language: string;
    /** The `message.template` object sent with messaging_type UTILITY. */
    template: UtilityTemplateMessage["template"];
  };
  textParts: string[];
}

export interface QueueMessageInput {
  shopId: string;
  pageId: string;
  psid: string;
  category: MessageCategory;
  /** What it is for, shown to the merchant: order.confirmed, order.shipped, link.confirmed, reply.greeting … */
  purpose: string;
  /** Unique forever: the same key never sends twice (order + event, campaign + recipient, reply to mid). */
  dedupeKey: string;
  content: OutboundContent;
  orderId?: string;
  /** Order updates about one shipment or one refund (see notifications/event-ordering.ts UpdateScope). */
  fulfillmentId?: string;
  refundId?: string;
  customerId?: string;
  humanAuthor?: boolean;
  /** Causal order within the conversation; defaults to now. */
  orderAt?: Date;
}
