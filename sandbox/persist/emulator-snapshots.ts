import { join } from "node:path";
import type { MetaEmulator } from "../../emulators/meta/index.js";
import { parseMetaSnapshot, restoreMetaState, snapshotMetaState } from "../../emulators/meta/state-snapshot.js";
import { parseOrderBookSnapshot, type OrderBook, type OrderBookSnapshot } from "../../emulators/shopify/order-book.js";
import { createSnapshotFile, readSnapshotFile, SnapshotFileError, type SnapshotFile } from "./snapshot-file.js";

/**
 * Where the sandbox keeps what its emulators know between runs (the app's own data is in the database
 * beside them): DATA_DIR/emulators/meta.json (Pages, threads, PSIDs and their counter, templates,
 * subscriptions) and DATA_DIR/emulators/shopify.json (demo orders, their numbers and ids).
 */
export function emulatorSnapshotPaths(dataDir: string) {
  return { meta: join(dataDir, "emulators", "meta.json"), shopify: join(dataDir, "emulators", "shopify.json") };
}

function load<T>(path: string, parse: (value: unknown) => T): T | undefined {
  const value = readSnapshotFile(path);
  if (value === undefined) return undefined;
  try {
    return parse(value);
  } catch (error) {
    throw new SnapshotFileError(
      `${path}: ${(error as Error).message}. Move it away to start the emulator empty (PSIDs may then repeat), or delete the whole data folder.`,
    );
  }
}

/** Restores the Meta emulator from its snapshot; false when there was none (a new data folder). */
export function restoreMetaEmulator(dataDir: string, meta: MetaEmulator): boolean {
  const snapshot = load(emulatorSnapshotPaths(dataDir).meta, parseMetaSnapshot);
  if (snapshot) restoreMetaState(meta.state, snapshot);
  return snapshot !== undefined;
}

export function loadOrderBookSnapshot(dataDir: string): OrderBookSnapshot | undefined {
  return load(emulatorSnapshotPaths(dataDir).shopify, parseOrderBookSnapshot);
}

export interface EmulatorSnapshotWriters {
  meta: SnapshotFile;
  shopify: SnapshotFile;
  close(): void;
}

export function writeEmulatorSnapshots(
  dataDir: string,
  meta: MetaEmulator,
  book: OrderBook,
  onError: (error: Error) => void,
): EmulatorSnapshotWriters {
  const paths = emulatorSnapshotPaths(dataDir);
  const writers = {
    meta: createSnapshotFile({ path: paths.meta, take: () => snapshotMetaState(meta.state), onError }),
    shopify: createSnapshotFile({ path: paths.shopify, take: () => book.snapshot(), onError }),
  };
  return {
    ...writers,
    close() {
      writers.meta.close();
      writers.shopify.close();
    },
  };
}
