// First import: refuses an unsupported Node before any other module runs.
import "./lib/require-supported-node.js";
import { ConfigError, loadConfig } from "./config.js";
import { DataDirBusyError } from "./db/data-dir-lock.js";
import { listenControlSocket } from "./cli/control-socket.js";
import { startServer } from "./server.js";
import { exitWithError } from "./lib/exit-with-error.js";

/** Production entry: `npm start`. */
async function main(): Promise<void> {
  const config = loadConfig();
  const running = await startServer(config);
  const control =
    config.database.kind === "pglite" ? await listenControlSocket(running.deps, config.dataDir) : undefined;
  const shutdown = async (signal: string) => {
    running.deps.logger.info({ signal }, "shutting down: draining jobs");
    control?.close();
    await running.stop();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => exitWithError(error, [ConfigError, DataDirBusyError]));
