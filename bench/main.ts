// `npm run bench` runs every benchmark; `npm run bench -- <name> [--flag value …]` runs one;
// `npm run bench -- --list` lists them. Each run rewrites its own section of BENCHMARKS.md.
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { pino } from "pino";
import type { BenchmarkReport } from "./benchmark.js";
import { writeSection } from "./lib/benchmarks-file.js";
import { describeMachine, formatMachine, type Machine } from "./lib/machine.js";
import { markdownTable } from "./lib/markdown-table.js";
import { DEFAULT_POSTGRES_ADMIN_URL, dropCreatedDatabases, dropOrphanedDatabases } from "./lib/postgres-database.js";
import { BENCHMARKS } from "./registry.js";

const BENCHMARKS_FILE = resolve(import.meta.dirname, "..", "BENCHMARKS.md");
/** Same override the tests honour; the bench still refuses non-local hosts. */
const POSTGRES_ADMIN_URL =
  process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? DEFAULT_POSTGRES_ADMIN_URL;

function parseArgs(argv: string[]): { names: string[]; flags: Record<string, string>; list: boolean } {
  const names: string[] = [];
  const flags: Record<string, string> = {};
  let list = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--list") list = true;
    else if (arg.startsWith("--")) {
      const [key, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
      flags[key] = inline ?? argv[++i] ?? "";
    } else names.push(arg);
  }
  return { names, flags, list };
}

function section(name: string, command: string, machine: Machine, report: BenchmarkReport, seconds: number): string {
  const endLoad = Math.round((loadavg()[0] ?? 0) * 100) / 100;
  return [
    `## ${name}`,
    "",
    `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, "Z")} (run took ${Math.round(seconds)} s)`,
    `- Machine: ${formatMachine(machine)}`,
    `- Command: \`${command}\``,
    // Other processes on the box (test runs, builds) compete for the same cores; a high load means noisy numbers.
    `- Load average (1 min, all cores): ${machine.load} at start, ${endLoad} at end`,
    "",
    report.summary,
    "",
    ...report.tables.flatMap((t) => [markdownTable(t), ""]),
    ...(report.notes ?? []).flatMap((n) => [n, ""]),
  ].join("\n");
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.list) {
    for (const b of BENCHMARKS) console.log(`${b.name.padEnd(20)} ${b.description}`);
    return 0;
  }
  const unknown = args.names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(", ")}; known: ${BENCHMARKS.map((b) => b.name).join(", ")}`);
    return 2;
  }
  const selected = args.names.length > 0 ? BENCHMARKS.filter((b) => args.names.includes(b.name)) : BENCHMARKS;
  const machine = await describeMachine(POSTGRES_ADMIN_URL);
  const log = (line: string) => console.error(line);
  log(`machine: ${formatMachine(machine)}`);
  const logger = pino({ level: "silent" });
  const orphans = await dropOrphanedDatabases(POSTGRES_ADMIN_URL).catch(() => []);
  if (orphans.length > 0)
    log(`dropped ${orphans.length} bench database(s) left by earlier runs: ${orphans.join(", ")}`);
  for (const benchmark of selected) {
    // Re-create the command that reproduces exactly this section.
    const flags = Object.entries(args.flags).map(([k, v]) => `--${k} ${v}`);
    const command = ["npm run bench --", benchmark.name, ...flags].join(" ");
    const started = performance.now();
    log(`== ${benchmark.name}`);
    const report = await benchmark.run({ postgresAdminUrl: POSTGRES_ADMIN_URL, log, logger, flags: args.flags });
    const seconds = (performance.now() - started) / 1000;
    await writeSection(BENCHMARKS_FILE, benchmark.name, section(benchmark.name, command, machine, report, seconds));
    log(`== ${benchmark.name} done in ${seconds.toFixed(1)} s; BENCHMARKS.md updated`);
  }
  return 0;
}

// Whatever ends the run, its databases go first: Ctrl-C, kill, an error nobody caught, or the end of main.
let exiting = false;
function exitAfterCleanup(code: number, why?: string): void {
  if (exiting) return;
  exiting = true;
  if (why) console.error(`${why}: dropping the bench databases`);
  void dropCreatedDatabases().finally(() => process.exit(code));
}
process.once("SIGINT", () => exitAfterCleanup(130, "interrupted"));
process.once("SIGTERM", () => exitAfterCleanup(143, "terminated"));
process.on("uncaughtException", (error) => {
  console.error(error);
  exitAfterCleanup(1, "uncaught exception");
});
process.on("unhandledRejection", (error) => {
  console.error(error);
  exitAfterCleanup(1, "unhandled rejection");
});

main().then(
  (code) => exitAfterCleanup(code),
  (error: unknown) => {
    console.error(error);
    exitAfterCleanup(1);
  },
);
