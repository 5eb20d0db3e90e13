import { ConfigError } from "../web/server/config.js";
import { DataDirBusyError } from "../web/server/db/data-dir-lock.js";
import { startSandbox } from "./start-sandbox.js";
import { exitWithError } from "../web/server/lib/exit-with-error.js";

/** `npm run sandbox [-- --port 8080 --data-dir ./.data/sandbox]` */
function flag(name: string): string | undefined {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(): Promise<void> {
  const port = Number(flag("port") ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65533) throw new Error("--port must be a port number");
  const dataDir = flag("data-dir") ?? "./.data/sandbox";
  const sandbox = await startSandbox({ port, dataDir, logLevel: flag("log-level") ?? "info" });
  const { urls } = sandbox;
  const customer = `${urls.storefront}/?customer=7000000000002&name=Jonas`;
  console.log(`
Messenger Connect sandbox is running (data in ${sandbox.dataDir}).

  Storefront (logged in as the demo customer): ${urls.storefront}/
  Storefront as another customer:              ${customer}
  Storefront as a guest:                       ${urls.storefront}/?guest=1
  Merchant admin (embedded app, sandbox host): ${urls.admin}
  App health:                                  ${urls.healthz}
  Messenger threads (Meta emulator, JSON):     ${urls.threads}
  One thread, as Messenger shows it:           ${urls.emulator}/__emulator/thread/${sandbox.page.pageId}/<psid>

Click the bubble, tap Get Started in the emulated thread, then "Place a test order" on the storefront.
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

main().catch((error: unknown) => exitWithError(error, [ConfigError, DataDirBusyError]));
