/**
 * The order verifier signed into order refs is the one the order-update side checks links against
 * (web/server/orders/order-verifier.ts); re-exported so linking code and its tests need not reach into orders.
 */
export { orderVerifier } from "../orders/order-verifier.js";
