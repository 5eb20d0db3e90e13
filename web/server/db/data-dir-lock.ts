import { createHash } from "node:crypto";
import { mkdirSync, realpathSync, rmSync } from "node:fs";
import { createConnection, createServer, type Server } from "node:net";
import { join, resolve } from "node:path";

/**
 * PGlite can be opened by one process at a time; a second opener corrupts the data folder. The holder
 * listens on a Unix socket named after the folder, and the operating system releases that name when the
 * holder's descriptors close: at exit, at SIGKILL, and already while a killed process is a zombie. So a
 * restart right after a kill takes the folder at once, and neither a zombie nor a reused pid can fake a
 * holder (the old lock file with a pid did both). On Linux the socket lives in the abstract namespace
 * (bind is atomic, nothing is left on disk); elsewhere it is `owner.sock` in the folder.
 */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number | undefined,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by ${pid ? `process ${pid}` : "another process"} (probably the app server). ` +
        `Stop that process, or run the command while the server is running so it goes through the server's control socket.`,
    );
    this.name = "DataDirBusyError";
  }
}

export interface DataDirLock {
  release(): void;
}

/** How long to wait for a holder that accepts connections but no longer answers (it is being killed). */
const DYING_HOLDER_MS = 5_000;

/** Folders this process holds: a second open in the same process would corrupt the folder as well. */
const heldHere = new Set<string>();

export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true });
  const dir = realpathSync(resolve(dataDir));
  if (heldHere.has(dir)) throw new DataDirBusyError(dir, process.pid);
  const address = lockAddress(dir);
  const server = createServer((socket) => socket.end(`${process.pid}\n`));
  server.on("error", () => undefined);
  const deadline = Date.now() + DYING_HOLDER_MS;
  for (;;) {
    const error = await listen(server, address);
    if (!error) break;
    if (error.code !== "EADDRINUSE") throw error;
    const holder = await askHolder(address);
    if (holder.alive && (holder.pid !== undefined || Date.now() > deadline))
      throw new DataDirBusyError(dir, holder.pid);
    if (holder.alive) {
      // Accepted but unanswered: a holder whose threads are still exiting after a kill. Its name goes soon.
      await new Promise((done) => setTimeout(done, 50));
      continue;
    }
    // A socket file left by a process that died (non-Linux only: abstract names vanish with their holder).
    if (!address.startsWith("\0")) rmSync(address, { force: true });
  }
  server.unref();
  heldHere.add(dir);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      heldHere.delete(dir);
      server.close();
    },
  };
}

/** The pid holding the data folder, if a live process does. */
export async function dataDirHolder(dataDir: string): Promise<number | undefined> {
  let dir: string;
  try {
    dir = realpathSync(resolve(dataDir));
  } catch {
    return undefined;
  }
  if (heldHere.has(dir)) return process.pid;
  const holder = await askHolder(lockAddress(dir));
  return holder.alive ? holder.pid : undefined;
}

function lockAddress(dir: string): string {
  if (process.platform !== "linux") return join(dir, "owner.sock");
  return `\0messenger-connect-pglite-${createHash("sha256").update(dir).digest("hex").slice(0, 32)}`;
}

function listen(server: Server, address: string): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((done) => {
    const onError = (error: NodeJS.ErrnoException) => done(error);
    server.once("error", onError);
    server.listen(address, () => {
      server.off("error", onError);
      done(undefined);
    });
  });
}

/** Connects to the lock socket: refused (or absent) means no live holder; a holder answers with its pid. */
function askHolder(address: string): Promise<{ alive: boolean; pid?: number }> {
  return new Promise((done) => {
    const socket = createConnection(address);
    let text = "";
    socket.setEncoding("utf8");
    socket.setTimeout(2_000, () => socket.destroy());
    socket.on("data", (chunk: string) => (text += chunk));
    socket.on("close", () => {
      const pid = Number.parseInt(text, 10);
      done({ alive: true, pid: Number.isInteger(pid) && pid > 0 ? pid : undefined });
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      socket.removeAllListeners("close");
      socket.destroy();
      done({ alive: !(error.code === "ECONNREFUSED" || error.code === "ENOENT") });
    });
  });
}
