import type { LocaleWording } from "./types.js";

export const en: LocaleWording = {
  messages: {
    confirmed:
      "Hi {{first_name}}, thank you for your order {{order_name}} from {{shop_name}}. We have received it and will message you here when it ships.\nTotal: {{total}}",
    shipped:
      "Hi {{first_name}}, your order {{order_name}} has shipped.\nCarrier: {{carrier}}\nTracking number: {{tracking_number}}",
    ready_for_pickup: "Hi {{first_name}}, your order {{order_name}} is ready for pickup.",
    in_transit: "Your order {{order_name}} is on its way.\nExpected delivery: {{delivery_date}}",
    out_for_delivery: "Your order {{order_name}} is out for delivery and should arrive today.",
    attempted_delivery:
      "The carrier tried to deliver your order {{order_name}} but couldn't. Please check the tracking page for the next steps.",
    delayed: "Your order {{order_name}} is delayed. We're sorry for the wait.\nExpected delivery: {{delivery_date}}",
    failure:
      "There is a problem delivering your order {{order_name}}. Please check the tracking page, or reply to this message and we'll help.",
    delivered: "Your order {{order_name}} has been delivered. Thank you for shopping with {{shop_name}}.",
    cancelled:
      "Hi {{first_name}}, your order {{order_name}} has been cancelled. If you have any questions, just reply to this message.",
    refunded:
      "Hi {{first_name}}, we have issued a refund for your order {{order_name}}.\nAmount: {{refund_amount}}\nIt may take a few business days to appear on your statement.",
  },
  buttons: { track: "Track package", trackNumbered: "Track package #", viewOrder: "View order" },
  detailsLabel: "Details:",
};
