import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * PGlite can be opened by one process at a time; a second opener corrupts the data folder. This lock file
 * (created with O_EXCL) says which process holds it; a lock left by a dead process is taken over.
 */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid} (probably the app server). ` +
        `Stop that process, or run the command while the server is running so it goes through the server's control socket.`,
    );
    this.name = "DataDirBusyError";
  }
}

export interface DataDirLock {
  release(): void;
}

/** Folders this process holds; a lock file naming our own pid but not listed here is left over from pid reuse. */
const heldHere = new Set<string>();

export function lockDataDir(dataDir: string): DataDirLock {
  const dir = resolve(dataDir);
  if (heldHere.has(dir)) throw new DataDirBusyError(dir, process.pid);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "owner.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(dir);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          heldHere.delete(dir);
          rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = lockHolder(file);
      if (holder !== undefined && holder !== process.pid && isAlive(holder)) throw new DataDirBusyError(dir, holder);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dir}`);
}

/** The pid holding the data folder, if a live process does. */
export function dataDirHolder(dataDir: string): number | undefined {
  const dir = resolve(dataDir);
  const holder = lockHolder(join(dir, "owner.lock"));
  if (holder === process.pid) return heldHere.has(dir) ? holder : undefined;
  return holder !== undefined && isAlive(holder) ? holder : undefined;
}

function lockHolder(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
