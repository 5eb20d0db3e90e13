-- AlterTable
ALTER TABLE "outbound_message" ADD COLUMN     "fulfillment_id" TEXT,
ADD COLUMN     "refund_id" TEXT;


-- Shipping updates written before this migration were keyed per (order, event). Where the order has exactly one
-- stored shipment they belong to it, so a later second shipment of that order is told. Elsewhere they stay NULL,
-- and a NULL row keeps covering every fulfillment of its order (the old rule): nothing already told is told again.
UPDATE "outbound_message" AS m
SET "fulfillment_id" = s."fulfillment_id"
FROM (
    SELECT o."shop_id", o."order_id", min(k) AS "fulfillment_id"
    FROM "order_record" AS o, jsonb_object_keys(o."shipments") AS k
    GROUP BY o."shop_id", o."order_id"
    HAVING count(*) = 1
) AS s
WHERE m."shop_id" = s."shop_id"
  AND m."order_id" = s."order_id"
  AND m."category" = 'post_purchase_update'
  AND m."fulfillment_id" IS NULL
  AND m."purpose" IN (
    'order.shipped', 'order.ready_for_pickup', 'order.in_transit', 'order.out_for_delivery',
    'order.attempted_delivery', 'order.delayed', 'order.failure', 'order.delivered'
  );
