import type { SupportedLocale } from "../locale.js";
import type { OrderFacts, RefundFacts, ShipmentFacts } from "../order-facts.js";
import type { WordingValues } from "./variables.js";

export function formatMoney(
  amount: string | undefined,
  currency: string | undefined,
  locale: SupportedLocale,
): string | undefined {
  if (amount === undefined || !currency) return undefined;
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(Number(amount));
  } catch {
    return `${amount} ${currency}`;
  }
}

/** The calendar date as the carrier wrote it (its own offset), so no time zone shifts it by a day. */
export function formatDate(iso: string | undefined, locale: SupportedLocale): string | undefined {
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? "");
  if (!day) return undefined;
  const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(date);
}

export interface WordingContext {
  locale: SupportedLocale;
  shopName: string;
  order: OrderFacts;
  shipment?: ShipmentFacts;
  refund?: RefundFacts;
}

export function wordingValues({ locale, shopName, order, shipment, refund }: WordingContext): WordingValues {
  const trackings = shipment?.trackings ?? [];
  const numbers = trackings.map((t) => t.number).filter((n): n is string => Boolean(n));
  return {
    first_name: order.firstName,
    order_name: order.name,
    shop_name: shopName,
    total: formatMoney(order.total, order.currency, locale),
    carrier: shipment?.carrier,
    tracking_number: numbers.length ? numbers.join(", ") : undefined,
    tracking_url: trackings.find((t) => t.url)?.url,
    delivery_date: formatDate(shipment?.estimatedDeliveryAt, locale),
    order_status_url: order.orderStatusUrl,
    refund_amount: formatMoney(refund?.amount, refund?.currency ?? order.currency, locale),
  };
}
