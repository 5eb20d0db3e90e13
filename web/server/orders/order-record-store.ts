import type { DbTx } from "../db/open-database.js";
import type { OrderFacts, ShipmentFacts } from "../notifications/order-facts.js";

export interface StoredOrder {
  facts: OrderFacts;
  shipments: Record<string, ShipmentFacts>;
  cancelledAt: Date | null;
}

/**
 * Writes the order's latest facts. The upsert also takes the row lock for the rest of the transaction,
 * so two deliveries about one order never decide what to queue at the same time.
 */
export async function saveOrderFacts(
  tx: DbTx,
  shopId: string,
  facts: OrderFacts,
  now: Date,
  cancelled = false,
): Promise<StoredOrder> {
  const cancelledAt = cancelled ? (facts.cancelledAt ? new Date(facts.cancelledAt) : now) : undefined;
  const row = await tx.orderRecord.upsert({
    where: { shopId_orderId: { shopId, orderId: facts.orderId } },
    create: {
      shopId,
      orderId: facts.orderId,
      customerId: facts.customerId ?? null,
      facts: json(facts),
      cancelledAt: cancelledAt ?? null,
      createdAt: now,
      updatedAt: now,
    },
    update: {
      customerId: facts.customerId ?? null,
      facts: json(facts),
      updatedAt: now,
      ...(cancelledAt ? { cancelledAt } : {}),
    },
  });
  return toStored(row);
}

/** Loads the order with a row lock; undefined when its orders/create has not been seen yet. */
export async function lockOrder(tx: DbTx, shopId: string, orderId: string): Promise<StoredOrder | undefined> {
  const locked = await tx.$queryRaw<{ order_id: string }[]>`
    SELECT order_id FROM order_record WHERE shop_id = ${shopId}::uuid AND order_id = ${orderId} FOR UPDATE`;
  if (locked.length === 0) return undefined;
  const row = await tx.orderRecord.findUnique({ where: { shopId_orderId: { shopId, orderId } } });
  return row ? toStored(row) : undefined;
}

/** Records a shipment under its fulfillment id, merging what a later delivery adds. */
export async function saveShipment(
  tx: DbTx,
  shopId: string,
  shipment: ShipmentFacts,
  now: Date,
): Promise<ShipmentFacts> {
  const row = await tx.orderRecord.findUniqueOrThrow({
    where: { shopId_orderId: { shopId, orderId: shipment.orderId } },
  });
  const shipments = (row.shipments ?? {}) as unknown as Record<string, ShipmentFacts>;
  const known = shipments[shipment.fulfillmentId];
  const merged: ShipmentFacts = {
    ...known,
    ...shipment,
    carrier: shipment.carrier ?? known?.carrier,
    trackings: shipment.trackings.length ? shipment.trackings : (known?.trackings ?? []),
  };
  await tx.orderRecord.update({
    where: { shopId_orderId: { shopId, orderId: shipment.orderId } },
    data: { shipments: json({ ...shipments, [shipment.fulfillmentId]: merged }), updatedAt: now },
  });
  return merged;
}

function toStored(row: { facts: unknown; shipments: unknown; cancelledAt: Date | null }): StoredOrder {
  return {
    facts: row.facts as OrderFacts,
    shipments: (row.shipments ?? {}) as Record<string, ShipmentFacts>,
    cancelledAt: row.cancelledAt,
  };
}

function json<T>(value: T): object {
  return JSON.parse(JSON.stringify(value)) as object;
}
