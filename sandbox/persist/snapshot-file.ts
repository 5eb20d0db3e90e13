import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";

export class SnapshotFileError extends Error {}

export interface SnapshotFile {
  path: string;
  /** Asks for a save soon; many asks within the debounce window make one write. */
  schedule(): void;
  /** Writes now if anything changed since the last write (used on stop). */
  flush(): void;
  /** Flushes and stops the timer. */
  close(): void;
}

export interface SnapshotFileOptions<T> {
  path: string;
  /** The current state as JSON-ready data. */
  take: () => T;
  debounceMs?: number;
  /** Told when a write fails (the sandbox keeps running; the next change tries again). */
  onError?: (error: Error) => void;
}

/**
 * Reads a snapshot written by {@link createSnapshotFile}: undefined when there is none yet, the parsed JSON
 * otherwise. A file that is not JSON is an error naming the file (it is never silently replaced, which
 * would hand out ids a person already saw).
 */
export function readSnapshotFile(path: string): unknown {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, "utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SnapshotFileError(`${path} is not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Keeps a JSON snapshot of some in-memory state on disk: writes are debounced, skipped when nothing
 * changed, and atomic (a temporary file in the same folder, then rename), so a crash mid-write leaves the
 * previous snapshot whole.
 */
export function createSnapshotFile<T>(options: SnapshotFileOptions<T>): SnapshotFile {
  const debounceMs = options.debounceMs ?? 200;
  const temp = `${options.path}.${process.pid}.tmp`;
  let timer: NodeJS.Timeout | undefined;
  let lastWritten = existsSync(options.path) ? readFileSync(options.path, "utf8") : undefined;
  let closed = false;

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    try {
      const text = `${JSON.stringify(options.take())}\n`;
      if (text === lastWritten) return;
      mkdirSync(dirname(options.path), { recursive: true });
      // On disk before the rename, so the name never points at a file the OS has not written yet.
      const fd = openSync(temp, "w", 0o600);
      try {
        writeSync(fd, text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, options.path);
      lastWritten = text;
    } catch (error) {
      rmSync(temp, { force: true });
      options.onError?.(error as Error);
    }
  }

  return {
    path: options.path,
    schedule() {
      if (closed || timer) return;
      timer = setTimeout(flush, debounceMs);
      timer.unref();
    },
    flush,
    close() {
      flush();
      closed = true;
    },
  };
}
