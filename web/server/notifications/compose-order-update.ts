import { buildReceipt, type ReceiptMessage } from "./build-receipt.js";
import { buildShippingUpdate, type ShippingUpdateMessage } from "./build-shipping-update.js";
import type { OrderEvent } from "./order-event.js";
import type { TemplateLinks } from "../tracking-links/signed-link.js";
import { utilityTemplateParams, type UtilityTemplateMessage } from "./utility-templates.js";
import { wordingFor, type WordingOverrides } from "./wording/default-wording.js";
import { renderWording } from "./wording/render-wording.js";
import { wordingValues, type WordingContext } from "./wording/wording-values.js";

export type OrderUpdateContent =
  | { transport: "standard"; message: ReceiptMessage | ShippingUpdateMessage }
  | { transport: "utility"; template: UtilityTemplateMessage };

export interface ComposeInput extends WordingContext {
  event: OrderEvent;
  shopDomain: string;
  /** Decided by the messaging policy from Meta's event timestamps; never guessed here. */
  windowOpen: boolean;
  overrides?: WordingOverrides;
  /** Signs the URL-button suffixes of the utility template. */
  links: TemplateLinks;
  includeAddress: boolean;
  fallbackRecipientName?: string;
}

/**
 * The content of one order update. Inside the window: the receipt for a confirmation, otherwise the
 * merchant's wording with tracking buttons. Outside it: the approved utility template for the event.
 */
export function composeOrderUpdate(input: ComposeInput): OrderUpdateContent {
  if (!input.windowOpen) return { transport: "utility", template: utilityTemplateParams(input.event, input) };
  if (input.event === "confirmed") {
    return {
      transport: "standard",
      message: buildReceipt(input.order, {
        merchantName: input.shopName,
        includeAddress: input.includeAddress,
        fallbackRecipientName: input.fallbackRecipientName ?? input.order.name,
      }),
    };
  }
  const text = renderWording(wordingFor(input.locale, input.event, input.overrides), wordingValues(input));
  return {
    transport: "standard",
    message: buildShippingUpdate({
      text,
      locale: input.locale,
      trackings: input.shipment?.trackings ?? [],
      orderStatusUrl: input.order.orderStatusUrl,
    }),
  };
}
