// First import: refuses an unsupported Node before any other module runs.
import "../lib/require-supported-node.js";
import { loadConfig, ConfigError } from "../config.js";
import { DataDirBusyError } from "../db/data-dir-lock.js";
import { createDeps } from "../deps.js";
import { createLogger } from "../lib/logger.js";
import { COMMANDS, CommandError, parseCommand, runCommand } from "./commands.js";
import { sendControlCommand } from "./control-socket.js";
import { parseArgv } from "./parse-argv.js";
import { exitWithError } from "../lib/exit-with-error.js";

/** npm run cli -- <command> [--flag value …] */
async function main(argv: string[]): Promise<number> {
  const { command, args } = parseArgv(argv);
  if (!command || command === "help" || args.help) {
    console.log(`usage: npm run cli -- <command> [options]\ncommands: ${COMMANDS.join(", ")}`);
    return command ? 0 : 2;
  }
  const parsed = parseCommand(command, args);
  const env = process.env;
  if (!env.DATABASE_URL) {
    // Embedded database: a running server owns it, so go through its control socket when there is one.
    const reply = await sendControlCommand(env.DATA_DIR ?? "./.data", parsed.name, args);
    if (reply) {
      if (!reply.ok) throw new CommandError(reply.error ?? "command failed");
      console.log(JSON.stringify(reply.result, null, 2));
      return 0;
    }
  }
  const config = loadConfig(env);
  const deps = await createDeps(config, { logger: createLogger({ level: env.LOG_LEVEL ?? "warn" }) });
  try {
    if (parsed.name !== "db:migrate") await deps.database.migrate();
    console.log(JSON.stringify(await runCommand(deps, parsed.name, parsed.args), null, 2));
    return 0;
  } finally {
    await deps.database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => exitWithError(error, [ConfigError, CommandError, DataDirBusyError]),
);
