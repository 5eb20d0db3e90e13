import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { destination as fileDestination, multistream, type Level } from "pino";
import { createLogger, type Logger } from "../web/server/lib/logger.js";

/**
 * The app's logger in the sandbox: every line (at LOG_LEVEL) goes to DATA_DIR/sandbox.log, the same pino
 * JSON as production with the same redaction; warnings and errors also reach the person at the console,
 * as one short readable line each.
 */
export function sandboxLogger(options: { dataDir: string; level: string; console: (line: string) => void }): {
  logger: Logger;
  file: string;
} {
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, "sandbox.log");
  const toFile = fileDestination({ dest: file, sync: true, append: true });
  const toConsole = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) options.console(readableLine(line));
      done();
    },
  });
  const destination = multistream([
    { level: options.level as Level, stream: toFile },
    { level: "warn", stream: toConsole },
  ]);
  return { logger: createLogger({ level: options.level, destination }), file };
}

/** `app warn: extension token refused (reason=expired)` from one pino JSON line. */
export function readableLine(json: string): string {
  try {
    const {
      level,
      msg,
      time: _t,
      service: _s,
      pid: _p,
      hostname: _h,
      ...rest
    } = JSON.parse(json) as Record<string, unknown>;
    const details = Object.entries(rest)
      .map(([k, v]): [string, unknown] => [k, k === "err" ? (v as { message?: unknown } | null)?.message : v])
      .filter(([, v]) => v !== undefined && (typeof v !== "object" || v === null))
      .map(([k, v]) => `${k}=${String(v)}`);
    return `app ${String(level)}: ${String(msg ?? "")}${details.length ? ` (${details.join(", ")})` : ""}`;
  } catch {
    return `app: ${json}`;
  }
}
