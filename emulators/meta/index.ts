export { createMetaEmulator, type AddPageInput, type MetaEmulator, type MetaEmulatorOptions } from "./meta-emulator.js";
export type { FaultKind, FaultRates } from "./faults.js";
export type { ShopperOptions } from "./shopper.js";
export { ShopperActionError } from "./shopper.js";
export type { EmulatedPage, EmulatedTemplate, Thread, ThreadItem } from "./state.js";
export { signBody, metaJson, type WebhookDelivery } from "./webhook-sender.js";
export type { RecordedRequest } from "./graph-server.js";
