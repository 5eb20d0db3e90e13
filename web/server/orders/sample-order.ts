import type { OrderFacts, RefundFacts, ShipmentFacts } from "../notifications/order-facts.js";

/** A made-up order for the admin's live preview; nothing about a real shopper. */
export function sampleOrder(shopDomain: string): { order: OrderFacts; shipment: ShipmentFacts; refund: RefundFacts } {
  const order: OrderFacts = {
    orderId: "1001",
    name: "#1001",
    orderNumber: 1001,
    createdAt: "2026-05-04T10:15:00Z",
    firstName: "Alex",
    lastName: "Doe",
    currency: "EUR",
    lineItems: [
      { title: "Merino Crew Sweater", variantTitle: "Navy / M", quantity: 2, lineTotal: "118.00" },
      { title: "Wool Beanie", quantity: 1, lineTotal: "19.90" },
    ],
    subtotal: "137.90",
    shipping: "4.90",
    tax: "26.20",
    total: "169.00",
    discountCodes: [],
    paymentGateways: ["shopify_payments"],
    shippingAddress: {
      name: "Alex Doe",
      street1: "1 Example Street",
      city: "Vilnius",
      postalCode: "01103",
      countryCode: "LT",
    },
    orderStatusUrl: `https://${shopDomain}/orders/preview`,
  };
  const shipment: ShipmentFacts = {
    orderId: "1001",
    fulfillmentId: "1",
    carrier: "UPS",
    trackings: [{ number: "1Z999AA10123456784", url: "https://www.ups.com/track?tracknum=1Z999AA10123456784" }],
    estimatedDeliveryAt: "2026-05-08T12:00:00Z",
  };
  return { order, shipment, refund: { orderId: "1001", refundId: "1", amount: "19.90", currency: "EUR" } };
}
