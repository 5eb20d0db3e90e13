/**
 * Send API request body, typed so that only what Meta accepts in 2026 can be written.
 * https://developers.facebook.com/docs/messenger-platform/reference/send-api/
 */

/** Exactly one recipient field (Send API reference). `user_ref` only for legacy Checkbox opt-ins. */
export type Recipient = { id: string } | { user_ref: string } | { comment_id: string } | { post_id: string };

export interface UrlButton {
  type: "web_url";
  url: string;
  title: string;
  webview_height_ratio?: "compact" | "tall" | "full";
}
export interface PostbackButton {
  type: "postback";
  title: string;
  payload: string;
}
export interface PhoneButton {
  type: "phone_number";
  title: string;
  payload: string;
}
export type TemplateButton = UrlButton | PostbackButton | PhoneButton;

export interface ButtonTemplate {
  template_type: "button";
  text: string;
  buttons: TemplateButton[];
}

export interface GenericElement {
  title: string;
  subtitle?: string;
  image_url?: string;
  default_action?: { type: "web_url"; url: string; webview_height_ratio?: "compact" | "tall" | "full" };
  buttons?: TemplateButton[];
}
export interface GenericTemplate {
  template_type: "generic";
  image_aspect_ratio?: "horizontal" | "square";
  sharable?: boolean;
  elements: GenericElement[];
}

export interface ReceiptElement {
  title: string;
  subtitle?: string;
  quantity?: number;
  price: number;
  currency?: string;
  image_url?: string;
}
export interface ReceiptTemplate {
  template_type: "receipt";
  sharable?: boolean;
  recipient_name: string;
  merchant_name?: string;
  order_number: string;
  currency: string;
  payment_method: string;
  order_url?: string;
  timestamp?: string;
  elements?: ReceiptElement[];
  address?: { street_1: string; street_2?: string; city: string; postal_code: string; state: string; country: string };
  summary: { subtotal?: number; shipping_cost?: number; total_tax?: number; total_cost: number };
  adjustments?: Array<{ name: string; amount: number }>;
}

/** Marketing opt-in request; the opt-in token feeds the Marketing Messages API (spec §4.1/4.2). */
export interface NotificationMessagesTemplate {
  template_type: "notification_messages";
  title: string;
  payload: string;
  image_url?: string;
  image_aspect_ratio?: "HORIZONTAL" | "SQUARE";
  notification_messages_timezone?: string;
  notification_messages_cta_text?: "ALLOW" | "FREQUENCY" | "GET" | "GET_UPDATES" | "OPT_IN" | "SIGN_UP";
}

export type TemplatePayload = ButtonTemplate | GenericTemplate | ReceiptTemplate | NotificationMessagesTemplate;

export type QuickReply =
  | { content_type: "text"; title: string; payload: string; image_url?: string }
  | { content_type: "user_email" | "user_phone_number" };

interface MessageCommon {
  quick_replies?: QuickReply[];
  metadata?: string;
}
export type OutgoingMessage =
  | (MessageCommon & { text: string })
  | (MessageCommon & { attachment: { type: "template"; payload: TemplatePayload } })
  | (MessageCommon & {
      attachment: { type: "image" | "audio" | "video" | "file"; payload: { url: string; is_reusable?: boolean } };
    });

/** Utility template reference (spec §2.3, "Utility messages" doc, Mar 2026). */
export type UtilityParameter =
  | { type: "text"; text: string; parameter_name?: string }
  | { type: "URL"; url: string }
  | { type: "POSTBACK"; payload: string };
export interface UtilityTemplateMessage {
  template: {
    name: string;
    language: { code: string };
    components?: Array<{ type: "header" | "body" | "buttons"; parameters: UtilityParameter[] }>;
  };
}

interface SendCommon {
  recipient: Recipient;
  notification_type?: "REGULAR" | "SILENT_PUSH" | "NO_PUSH";
}

/**
 * The Send API body. CONFIRMED_EVENT_UPDATE, POST_PURCHASE_UPDATE and ACCOUNT_UPDATE are not representable:
 * Meta answers them with error 100 since 2026-04-27 (Messenger changelog, Mar 27 2026).
 */
export type SendRequest =
  | (SendCommon & { messaging_type: "RESPONSE" | "UPDATE"; tag?: never; message: OutgoingMessage })
  | (SendCommon & { messaging_type: "MESSAGE_TAG"; tag: "HUMAN_AGENT"; message: OutgoingMessage })
  | (SendCommon & { messaging_type: "UTILITY"; tag?: never; message: UtilityTemplateMessage });

export interface SendResult {
  /** Absent when sending by `user_ref` (Send API reference). */
  recipientId?: string;
  messageId: string;
}
