import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as prettier from "prettier";

const HEADER = `# Benchmarks

Measured with \`npm run bench\` (all) or \`npm run bench -- <name>\` (one); each section below is rewritten in
place when its benchmark runs again, so every section carries its own date, machine and command. Numbers are
only comparable between runs on the same machine line. The harness lives in \`bench/\` (see \`bench/main.ts\`).
`;

const begin = (name: string) => `<!-- bench:${name}:begin -->`;
const end = (name: string) => `<!-- bench:${name}:end -->`;

/**
 * Replaces the section of one benchmark in the markdown text, or appends it. The section is delimited by
 * HTML comments (invisible when rendered) so re-runs never touch other sections or hand-written prose.
 */
export function replaceSection(text: string, name: string, body: string): string {
  const section = `${begin(name)}\n${body.trim()}\n${end(name)}`;
  const start = text.indexOf(begin(name));
  const stop = text.indexOf(end(name));
  if (start >= 0 && stop > start) return text.slice(0, start) + section + text.slice(stop + end(name).length);
  const base = text.trim().length > 0 ? text.trimEnd() : HEADER.trimEnd();
  return `${base}\n\n${section}\n`;
}

/**
 * Reads BENCHMARKS.md (or starts it), replaces one benchmark's section, writes it back formatted with the
 * repository's prettier config, so `npm run lint` (prettier --check) stays green after every bench run.
 */
export async function writeSection(path: string, name: string, body: string): Promise<void> {
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  const config = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(replaceSection(text, name, body), { ...config, filepath: path }));
}
