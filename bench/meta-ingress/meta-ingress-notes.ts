import { percentile } from "../lib/percentile.js";
import type { TargetName } from "./ingress-targets.js";
import { rate, type IngressRow } from "./meta-ingress-benchmark.js";

const TARGET_P99_MS = 50;

/** Reading notes for the meta-ingress section; every ratio and verdict is computed from this run. */
export function metaIngressNotes(rows: IngressRow[], all: IngressRow[], rounds: number): string[] {
  const find = (key: TargetName) => rows.find((r) => r.key === key);
  const bare = find("bare");
  const minimal = find("minimal");
  const app = find("app-postgres");
  const unbatched = find("app-postgres-no-group-commit");
  const naive = find("naive-postgres");
  const lite = find("app-pglite");
  const ratio = (a?: IngressRow, b?: IngressRow) => (a && b ? `${(rate(a) / rate(b)).toFixed(2)}×` : "n/a");
  const errors = all.reduce((n, r) => n + r.errors, 0);
  const notes = [
    `**What is measured.** The real app is \`startServer\` exactly as production starts it (Express, request logging at info level into /dev/null, metrics, raw-body signature check, zod normalization, then the inbox writer: the deliveries of all requests that arrived within \`INBOX_GROUP_COMMIT_MS\` (2 ms) go into ONE statement that inserts the \`webhook_delivery\` rows and their \`outbox_job\`s, and each request is answered after that statement committed), with the job workers OFF, so only the acknowledgement path is measured. "Group commit off" is the same app with one statement per request. "Naive" is the same Express stack, signature and normalization, but it does what the inbox job would do (find the Page, the conversation's window bookkeeping and the instant reply, in a transaction) inside the request and answers after it: no inbox, so nothing is on disk before the work is done, and a crash loses the event. The rows check counts, after each run, one \`webhook_delivery\` row and one \`outbox_job\` per mid (warm-up included) on the app, one \`delivery\` row per mid on the minimal server. Non-2xx answers and socket errors over all rounds: ${errors}.`,
  ];
  if (app && minimal) {
    const pairs = Array.from({ length: rounds }, (_, i) => {
      const a = all.find((r) => r.key === "app-postgres" && r.round === i + 1);
      const m = all.find((r) => r.key === "minimal" && r.round === i + 1);
      return a && m ? rate(a) / rate(m) : undefined;
    }).filter((x): x is number => x !== undefined);
    const atLeast = pairs.filter((x) => x >= 1).length;
    const p99 = percentile(app.run.latenciesMs, 99);
    notes.push(
      `**Targets (issue 11).** App on PostgreSQL ≥ 1.0× the minimal durable server in the same run: ${ratio(app, minimal)} on the median rows; round by round ${pairs.map((x) => `${x.toFixed(2)}×`).join(", ")} (≥ 1.0 in ${atLeast} of ${pairs.length}): **${atLeast * 2 > pairs.length ? "met" : "not met"}**. p99 under ${TARGET_P99_MS} ms at 50 in flight: ${p99.toFixed(1)} ms on the median row: **${p99 < TARGET_P99_MS ? "met" : "not met"}**${p99 >= TARGET_P99_MS ? " (see the load average above: with the machine's 2 cores shared by other work, every server's tail grows, the minimal server's too)" : ""}.`,
    );
  }
  notes.push(
    `**In this run (median rows).** Group commit: ${ratio(app, unbatched)} the same app with one statement per request. What the inbox buys: the app acknowledges at ${ratio(app, naive)} the rate of the naive inline handler${naive ? `, whose p99 is ${percentile(naive.run.latenciesMs, 99).toFixed(0)} ms` : ""}. The minimal server reaches ${ratio(minimal, bare)} of the bare server; PGlite: ${ratio(lite, app)} the PostgreSQL app.`,
    "**What limits each number.** This machine has 2 cores, shared by the load generator (its own process, see _generator CPU %_), the server under test (_server CPU %_: one JavaScript thread, so ~100 % means its event loop is the limit) and the PostgreSQL backends (the rest of _machine busy %_, together with anything else running; see the load average above). _server CPU µs/ack_ is the server process's CPU time per acknowledged request, the figure least disturbed by other work on the box. The minimal server pays one PostgreSQL statement and commit per request (its pool of 10 lets PostgreSQL's own group commit share WAL flushes); the app pays more JavaScript per request (Express routing, the request log line, metrics, zod) but one statement for many requests, so PostgreSQL's backends, which share the same 2 cores, do much less work per acknowledgement.",
    "**PGlite is one connection.** PGlite is PostgreSQL compiled to WASM, inside the app's own process, executing on the same thread that parses HTTP. Group commit matters most there: one statement (one write to the data folder) acknowledges every request that arrived while the previous one ran, instead of each request waiting its own turn.",
  );
  return notes;
}
