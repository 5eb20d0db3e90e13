import type { OutboundContent } from "../messaging/outbound-content.js";
import { composeOrderUpdate } from "../notifications/compose-order-update.js";
import { pickLocale } from "../notifications/locale.js";
import type { OrderEvent } from "../notifications/order-event.js";
import type { OrderFacts, RefundFacts, ShipmentFacts } from "../notifications/order-facts.js";
import { wordingFor } from "../notifications/wording/default-wording.js";
import { renderWording } from "../notifications/wording/render-wording.js";
import { wordingValues } from "../notifications/wording/wording-values.js";
import type { TemplateLinks } from "../tracking-links/signed-link.js";
import type { NotificationSettings } from "./notification-settings.js";

type UtilityForm = NonNullable<OutboundContent["utility"]>;

export interface OrderContentInput {
  event: OrderEvent;
  shopDomain: string;
  shopName: string;
  shopLocale: string;
  settings: NotificationSettings;
  order: OrderFacts;
  shipment?: ShipmentFacts;
  refund?: RefundFacts;
  links: TemplateLinks;
}

/**
 * Both forms of one order update, from the webhook facts alone: the normal message (receipt or text with
 * tracking buttons) for inside the 24 h window and the utility template for outside it. The dispatcher's
 * policy picks one at send time, when the window is known.
 */
export function orderUpdateContent(input: OrderContentInput): OutboundContent {
  const locale = pickLocale(input.order.customerLocale, input.shopLocale);
  const fallbackRecipientName = [input.order.firstName, input.order.lastName].filter(Boolean).join(" ") || undefined;
  const base = {
    event: input.event,
    shopDomain: input.shopDomain,
    shopName: input.shopName,
    locale,
    order: input.order,
    ...(input.shipment ? { shipment: input.shipment } : {}),
    ...(input.refund ? { refund: input.refund } : {}),
    overrides: input.settings.wording,
    links: input.links,
    includeAddress: input.settings.includeAddress,
    ...(fallbackRecipientName ? { fallbackRecipientName } : {}),
  };
  const standard = composeOrderUpdate({ ...base, windowOpen: true });
  const utility = composeOrderUpdate({ ...base, windowOpen: false });
  const text = renderWording(wordingFor(locale, input.event, input.settings.wording), wordingValues(base));
  return {
    ...(standard.transport === "standard" ? { message: standard.message as OutboundContent["message"] } : {}),
    ...(utility.transport === "utility"
      ? {
          utility: {
            name: utility.template.name,
            language: utility.template.language.code,
            template: utility.template as unknown as UtilityForm["template"],
          },
        }
      : {}),
    textParts: [text],
  };
}
