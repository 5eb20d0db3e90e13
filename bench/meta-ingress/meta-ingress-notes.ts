import type { IngressRow } from "./meta-ingress-benchmark.js";

const rate = (r: IngressRow) => r.count / (r.run.elapsedMs / 1000);

/** Reading notes for the meta-ingress section; the ratios are computed from this run. */
export function metaIngressNotes(rows: IngressRow[]): string[] {
  const find = (db: string, app: boolean) =>
    rows.find((r) => r.target.database === db && r.target.name.startsWith("real app") === app);
  const bare = rows.find((r) => r.target.database === "none");
  const minimal = find("PostgreSQL", false);
  const appPg = find("PostgreSQL", true);
  const appLite = find("PGlite (on disk)", true);
  const ratio = (a?: IngressRow, b?: IngressRow) => (a && b ? `${(rate(a) / rate(b)).toFixed(2)}×` : "n/a");
  const errors = rows.reduce((n, r) => n + r.errors, 0);
  return [
    `**What is measured.** The real app is \`startServer\` exactly as production starts it (Express, request-context logging at info level into /dev/null, metrics, raw-body signature check, zod normalization, then \`recordDeliveries\`: one SQL statement that inserts the \`webhook_delivery\` row and its \`outbox_job\`), with the job workers OFF, so nothing else competes for the database: this is the acknowledgement path alone. The rows check counts, after the run, one \`webhook_delivery\` row and one \`outbox_job\` per mid (warm-up included) on the app, one \`delivery\` row per mid on the minimal server. Non-2xx answers and socket errors in this run: ${errors}.`,
    `**In this run.** Real app on PostgreSQL: ${ratio(appPg, minimal)} the minimal durable server and ${ratio(appPg, bare)} the bare ceiling; PGlite: ${ratio(appLite, appPg)} the PostgreSQL app. The minimal server reaches ${ratio(minimal, bare)} of the bare server.`,
    "**What limits each number.** This machine has 2 cores, shared by the load generator (its own process, see _generator CPU %_), the server under test (_server CPU %_: one JavaScript thread, so ~100 % means its event loop is the limit) and the PostgreSQL backends (the rest of _machine busy %_, together with anything else running; see the load average above). The bare server's ceiling is mostly the cost of HTTP parsing on both sides of the same two cores, not a property of the app. The minimal server adds an HMAC, a JSON.parse and a round trip to PostgreSQL per request; with 10 pooled connections, PostgreSQL commits many inserts at once (group commit). The real app adds Express routing, a per-request child logger and log line, the zod normalization of the event, Prisma's driver adapter (query building and result mapping on the same thread) and a larger statement writing two rows with two unique indexes.",
    "**PGlite serializes on one connection.** PGlite is PostgreSQL compiled to WASM, inside the app's own process: one connection, executing on the same thread that parses HTTP, so every acknowledgement waits its turn for that one connection and the request handling stops while a statement runs. Its rate is bounded by one statement at a time (each a write to the on-disk data folder), and latency grows with the number in flight (p50 ≈ in-flight requests × one statement). PostgreSQL runs statements from the pool in parallel, in other processes, which is why it scales better here even on 2 cores.",
  ];
}
