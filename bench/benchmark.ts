import type { Logger } from "../web/server/lib/logger.js";
import type { MarkdownTable } from "./lib/markdown-table.js";

/** What every benchmark receives from bench/main.ts. */
export interface BenchmarkOptions {
  /** Admin URL of the local PostgreSQL server; benchmarks create and drop their own databases on it. */
  postgresAdminUrl: string;
  /** Progress lines for the person running the bench (stderr); results go in the returned report. */
  log: (line: string) => void;
  /** A silent app logger for code under test, so logging cost does not skew timings. */
  logger: Logger;
  /** `--key value` flags after the benchmark name, e.g. `npm run bench -- outbox --jobs 1000`. */
  flags: Record<string, string>;
}

/** What a benchmark hands back; main.ts writes it as one section of BENCHMARKS.md. */
export interface BenchmarkReport {
  /** One or two sentences: what was measured and how. */
  summary: string;
  tables: MarkdownTable[];
  /** Reading notes: what limits the numbers, surprises explained. Plain markdown paragraphs. */
  notes?: string[];
}

export interface Benchmark {
  /** Name on the command line and heading in BENCHMARKS.md; kebab-case. */
  name: string;
  /** One line, shown by `npm run bench -- --list`. */
  description: string;
  run(options: BenchmarkOptions): Promise<BenchmarkReport>;
}
