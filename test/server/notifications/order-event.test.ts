import { describe, expect, it } from "vitest";
import {
  eventForFulfillment,
  eventForFulfillmentStatus,
  notificationDedupeKey,
} from "../../../web/server/notifications/order-event.js";

describe("eventForFulfillmentStatus", () => {
  it.each([
    ["label_printed", "shipped"],
    ["label_purchased", "shipped"],
    ["confirmed", "shipped"],
    ["carrier_picked_up", "shipped"],
    ["in_transit", "in_transit"],
    ["out_for_delivery", "out_for_delivery"],
    ["attempted_delivery", "attempted_delivery"],
    ["delayed", "delayed"],
    ["failure", "failure"],
    ["delivered", "delivered"],
    ["ready_for_pickup", "ready_for_pickup"],
    ["picked_up", "delivered"],
    ["IN_TRANSIT", "in_transit"],
    ["returning_to_sender", null],
    [null, null],
    ["", null],
  ])("%s -> %s", (status, event) => {
    expect(eventForFulfillmentStatus(status)).toBe(event);
  });
});

describe("eventForFulfillment", () => {
  it.each([
    [{ status: "success", shipment_status: null }, "shipped"],
    [{ status: "success", shipment_status: "delivered" }, "delivered"],
    [{ status: "success", shipment_status: "unknown_future_value" }, "shipped"],
    [{ status: "pending", shipment_status: null }, null],
    [{ status: "open", shipment_status: null }, null],
    [{ status: "cancelled", shipment_status: "in_transit" }, null],
    [{ status: "error", shipment_status: null }, null],
  ])("%j -> %s", (fulfillment, event) => {
    expect(eventForFulfillment(fulfillment)).toBe(event);
  });
});

it("builds one dedupe key per (shop, order, event)", () => {
  expect(notificationDedupeKey("Shop.MyShopify.com", "9007199254740993", "shipped")).toBe(
    "order:shop.myshopify.com:9007199254740993:shipped",
  );
  expect(notificationDedupeKey("a.myshopify.com", "1", "shipped")).not.toBe(
    notificationDedupeKey("a.myshopify.com", "1", "delivered"),
  );
});

it("refines the key per fulfillment and per refund, keeping the order-wide form for the rest", () => {
  expect(notificationDedupeKey("a.myshopify.com", "1", "shipped", { fulfillmentId: "55" })).toBe(
    "order:a.myshopify.com:1:fulfillment:55:shipped",
  );
  expect(notificationDedupeKey("a.myshopify.com", "1", "refunded", { refundId: "77" })).toBe(
    "order:a.myshopify.com:1:refund:77:refunded",
  );
  expect(notificationDedupeKey("a.myshopify.com", "1", "shipped", { fulfillmentId: "55" })).not.toBe(
    notificationDedupeKey("a.myshopify.com", "1", "shipped", { fulfillmentId: "56" }),
  );
});
