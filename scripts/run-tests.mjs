// `npm test`: typecheck, lint, then every vitest test. Prints one closing line "N passed, N failed"
// so CI can read the totals whatever the reporter, and exits non-zero on any failure.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { ensureChromium } from "./chromium-check.mjs";

function run(label, command, args) {
  console.log(`\n== ${label}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  return result.status ?? 1;
}

// Before anything slow: a fresh machine either gets Chromium now or learns at once how to install it.
if (!ensureChromium({ args: process.argv.slice(2) })) {
  console.log("\ntests: 0 passed, 1 failed");
  process.exit(1);
}

const steps = [
  ["typecheck", "tsc", ["--noEmit", "-p", "tsconfig.json"]],
  ["lint", "eslint", ["."]],
  ["format", "prettier", ["--check", "."]],
];
let failedSteps = 0;
for (const [label, command, args] of steps) if (run(label, command, args) !== 0) failedSteps++;

mkdirSync("test-results", { recursive: true });
const report = "test-results/vitest.json";
rmSync(report, { force: true });
const vitestStatus = run("tests", "vitest", [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);

let passed = 0;
let failed = failedSteps;
let skipped = 0;
if (existsSync(report)) {
  const summary = JSON.parse(readFileSync(report, "utf8"));
  passed = summary.numPassedTests;
  // A file that fails to load has no failed test of its own: count it so the total can never read 0.
  failed += summary.numFailedTests || (summary.numFailedTestSuites ?? 0);
  skipped = summary.numPendingTests + (summary.numTodoTests ?? 0);
} else {
  failed += 1;
}
if (vitestStatus !== 0 && failed === 0) failed = 1;
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || vitestStatus !== 0 ? 1 : 0);
