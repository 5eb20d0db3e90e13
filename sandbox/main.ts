// First import: refuses an unsupported Node before any other module runs.
import "../web/server/lib/require-supported-node.js";
import { ConfigError } from "../web/server/config.js";
import { DataDirBusyError } from "../web/server/db/data-dir-lock.js";
import { SnapshotFileError } from "./persist/snapshot-file.js";
import { startSandbox } from "./start-sandbox.js";
import { exitWithError } from "../web/server/lib/exit-with-error.js";

/**
 * `npm run sandbox`. Settings, each from a flag or else the environment (README, "The sandbox"):
 *   --port / PORT            storefront port (default 8080); app, Meta emulator, admin, Shopify Admin API on the next four
 *   --data-dir / DATA_DIR    data folder (default ./.data/sandbox), kept between runs
 *   --log-level / LOG_LEVEL  level of the app's log file DATA_DIR/sandbox.log (default info)
 */
function setting(flagName: string, envName: string): string | undefined {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${flagName}`);
  const value = at >= 0 ? args[at + 1] : process.env[envName];
  return value === "" ? undefined : value;
}

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

async function main(): Promise<void> {
  const port = Number(setting("port", "PORT") ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65531) {
    throw new ConfigError(["PORT (--port) must be a port number up to 65531 (the sandbox uses it and the next four)"]);
  }
  const dataDir = setting("data-dir", "DATA_DIR") ?? "./.data/sandbox";
  const logLevel = setting("log-level", "LOG_LEVEL") ?? "info";
  if (!LEVELS.includes(logLevel))
    throw new ConfigError([`LOG_LEVEL (--log-level) must be one of ${LEVELS.join(", ")}`]);
  const sandbox = await startSandbox({ port, dataDir, logLevel, log: (line) => console.log(`  ${line}`) });
  const { urls } = sandbox;
  console.log(`
Messenger Connect sandbox is running. Nothing leaves this machine.

  Storefront (as the demo customer Jane): ${urls.storefront}/   (a guest: ${urls.storefront}/?guest=1)
  Orders: ship, deliver, refund:          ${urls.storefront}/__sandbox/orders
  Messenger threads (emulated):           ${urls.emulator}/__emulator/thread
  Merchant admin:                         ${urls.admin}

  Try it: click the Messenger bubble and tap Get Started, place a test order on the storefront,
  then fulfil it under Orders and watch the thread. A restart keeps threads, PSIDs and orders.

  Data and the app's log: ${sandbox.dataDir} (sandbox.log at ${logLevel}; LOG_LEVEL=debug for more)
  Operator commands while it runs: DATA_DIR=${dataDir} npm run cli -- <command>
  Ctrl-C stops everything.
`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the sandbox`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => exitWithError(error, [ConfigError, DataDirBusyError, SnapshotFileError]));
