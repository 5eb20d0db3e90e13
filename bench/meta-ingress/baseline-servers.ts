import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { verifyMetaSignature } from "../../web/server/messenger/webhook/verify-signature.js";
import { survivingTeardown } from "../lib/postgres-database.js";

export interface BaselineServer {
  url: string;
  /** Rows stored per mid: every mid must appear exactly once. Undefined for the server that stores nothing. */
  countRows?: (mids: string[]) => Promise<{ rows: number; distinct: number }>;
  close(): Promise<void>;
}

const BODY_LIMIT = 1_000_000;

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= BODY_LIMIT) chunks.push(c);
    });
    req.on("end", () => resolve(size <= BODY_LIMIT ? Buffer.concat(chunks) : undefined));
    req.on("error", () => resolve(undefined));
  });
}

async function listen(server: Server): Promise<string> {
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** The ceiling: reads the body and answers 200, nothing else. */
export async function startBareServer(): Promise<BaselineServer> {
  const server = createServer((req, res) => {
    void readBody(req).then(() => {
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  return { url: await listen(server), close: () => closeServer(server) };
}

/**
 * The least a durable Meta webhook endpoint can do: the app's own X-Hub-Signature-256 check on the raw
 * bytes, JSON.parse, then one INSERT (ON CONFLICT DO NOTHING on the mid) through a `pg` Pool of 10 into a
 * one-table database, and 200 only after the INSERT resolved. No Express, no Prisma, no zod, no logging.
 */
export async function startMinimalDurableServer(databaseUrl: string, appSecret: string): Promise<BaselineServer> {
  const pool = survivingTeardown(new pg.Pool({ connectionString: databaseUrl, max: 10 }));
  pool.on("connect", (client) => client.on("error", () => undefined));
  await pool.query(
    `CREATE TABLE IF NOT EXISTS delivery (id bigserial PRIMARY KEY, mid text NOT NULL UNIQUE, body text NOT NULL,
       received_at timestamptz NOT NULL DEFAULT now())`,
  );
  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      if (!raw || !verifyMetaSignature(raw, req.headers["x-hub-signature-256"] as string | undefined, appSecret).ok) {
        res.writeHead(401).end();
        return;
      }
      try {
        const body = JSON.parse(raw.toString("utf8")) as {
          entry: { messaging: { message: { mid: string } }[] }[];
        };
        const mid = body.entry[0]?.messaging[0]?.message.mid;
        if (typeof mid !== "string") throw new Error("no mid");
        await pool.query("INSERT INTO delivery (mid, body) VALUES ($1, $2) ON CONFLICT (mid) DO NOTHING", [
          mid,
          raw.toString("utf8"),
        ]);
        res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      } catch {
        if (!res.headersSent) res.writeHead(500).end();
      }
    })();
  });
  return {
    url: await listen(server),
    countRows: async (mids) => {
      const r = await pool.query<{ rows: string; distinct: string }>(
        "SELECT count(*) AS rows, count(DISTINCT mid) AS distinct FROM delivery WHERE mid = ANY($1::text[])",
        [mids],
      );
      return { rows: Number(r.rows[0]?.rows), distinct: Number(r.rows[0]?.distinct) };
    },
    close: async () => {
      await closeServer(server);
      await pool.end();
    },
  };
}
