import type { ReceiptElement as SendReceiptElement, ReceiptTemplate } from "../messenger/graph/send-request.js";
import { isZeroAmount, toReceiptNumber } from "./money.js";
import type { OrderFacts } from "./order-facts.js";

// Receipt template fields: https://developers.facebook.com/docs/messenger-platform/send-messages/template/receipt
export type ReceiptElement = Required<Pick<SendReceiptElement, "title" | "quantity" | "price" | "currency">> &
  Pick<SendReceiptElement, "subtitle">;
export type ReceiptPayload = ReceiptTemplate & { elements: ReceiptElement[] };

export interface ReceiptMessage {
  attachment: { type: "template"; payload: ReceiptPayload };
}

/** Meta shows at most 100 elements per receipt. */
const MAX_ELEMENTS = 100;
const MAX_TEXT = 80;

const GATEWAY_LABELS: Record<string, string> = {
  shopify_payments: "Shopify Payments",
  paypal: "PayPal",
  manual: "Manual payment",
  gift_card: "Gift card",
  bogus: "Test gateway",
  cash: "Cash",
};

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function gatewayLabel(name: string): string {
  return GATEWAY_LABELS[name] ?? name.replace(/_/g, " ").replace(/\b\w/g, (c) => c.toUpperCase());
}

export interface ReceiptOptions {
  merchantName?: string;
  /** The merchant decides whether the shipping address may appear in Messenger. */
  includeAddress: boolean;
  /** Fallback when the order has no name at all (guest checkout without address). */
  fallbackRecipientName: string;
  /** Localized name of the discount line when the order used no code (automatic discounts). */
  discountLabel?: string;
}

/** The order confirmation as a Messenger receipt; amounts are the buyer's (presentment) currency. */
export function buildReceipt(order: OrderFacts, options: ReceiptOptions): ReceiptMessage {
  const items = order.lineItems.filter((li) => li.quantity > 0);
  const shown = items.length > MAX_ELEMENTS ? items.slice(0, MAX_ELEMENTS - 1) : items;
  const elements: ReceiptElement[] = shown.map((li) => ({
    title: clip(li.title),
    ...(li.variantTitle ? { subtitle: clip(li.variantTitle) } : {}),
    quantity: li.quantity,
    price: toReceiptNumber(li.lineTotal),
    currency: order.currency,
  }));
  if (items.length > MAX_ELEMENTS) {
    const rest = items.slice(MAX_ELEMENTS - 1);
    elements.push({
      title: `+${rest.length}`,
      quantity: rest.reduce((n, li) => n + li.quantity, 0),
      price: toReceiptNumber(rest.reduce((sum, li) => sum + Number(li.lineTotal), 0).toFixed(2)),
      currency: order.currency,
    });
  }
  const name = [order.firstName, order.lastName].filter(Boolean).join(" ") || order.shippingAddress?.name;
  const payload: ReceiptPayload = {
    template_type: "receipt",
    recipient_name: clip(name || options.fallbackRecipientName),
    ...(options.merchantName ? { merchant_name: clip(options.merchantName) } : {}),
    order_number: order.name,
    currency: order.currency,
    // Required by Meta; webhook payloads no longer carry card digits, so the gateway name is what we have.
    payment_method: clip(order.paymentGateways.map(gatewayLabel).join(", ") || "—"),
    ...(order.orderStatusUrl ? { order_url: order.orderStatusUrl } : {}),
    ...(Number.isFinite(Date.parse(order.createdAt))
      ? { timestamp: String(Math.floor(Date.parse(order.createdAt) / 1000)) }
      : {}),
    elements,
    summary: {
      ...(order.subtotal !== undefined ? { subtotal: toReceiptNumber(order.subtotal) } : {}),
      ...(order.shipping !== undefined ? { shipping_cost: toReceiptNumber(order.shipping) } : {}),
      ...(order.tax !== undefined ? { total_tax: toReceiptNumber(order.tax) } : {}),
      total_cost: toReceiptNumber(order.total),
    },
  };
  const a = order.shippingAddress;
  if (options.includeAddress && a) {
    payload.address = {
      street_1: a.street1,
      ...(a.street2 ? { street_2: a.street2 } : {}),
      city: a.city,
      postal_code: a.postalCode,
      state: a.state ?? "",
      country: a.countryCode,
    };
  }
  if (!isZeroAmount(order.discountTotal)) {
    payload.adjustments = [
      {
        name: clip(order.discountCodes.join(", ") || options.discountLabel || "Discount"),
        amount: toReceiptNumber(order.discountTotal!),
      },
    ];
  }
  return { attachment: { type: "template", payload } };
}
