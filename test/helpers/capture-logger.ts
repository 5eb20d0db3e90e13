import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../web/server/lib/logger.js";

/** A real pino logger whose lines are kept in memory, so tests can grep what would reach the logs. */
export function captureLogger(level = "trace"): { logger: Logger; lines: () => string[]; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  const logger = createLogger({ level, destination: stream });
  const lines = () => chunks.join("").split("\n").filter(Boolean);
  return { logger, lines, text: () => chunks.join("") };
}
