import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "./config.js";
import { createApp } from "./app.js";
import { createDeps, type Deps, type DepsOverrides } from "./deps.js";
import { createJobWorkers, type JobWorkers } from "./jobs/job-workers.js";

export interface RunningServer {
  url: string;
  deps: Deps;
  server: Server;
  workers: JobWorkers;
  /** Graceful stop: no new connections, jobs in flight finish, the database closes. */
  stop(): Promise<void>;
}

/** Opens the database, applies migrations, serves HTTP and runs the job workers. */
export async function startServer(
  config: Config,
  overrides: DepsOverrides & { port?: number; host?: string; workers?: boolean } = {},
): Promise<RunningServer> {
  const deps = await createDeps(config, overrides);
  try {
    const migration = await deps.database.migrate();
    if (migration.applied.length > 0) deps.logger.info({ applied: migration.applied }, "migrations applied");
  } catch (error) {
    await deps.database.close();
    throw error;
  }
  const app = createApp(deps);
  const server = createServer(app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(overrides.port ?? config.port, overrides.host ?? "0.0.0.0", resolve);
  });
  const { port } = server.address() as AddressInfo;
  const workers = createJobWorkers(deps);
  if (overrides.workers !== false) workers.start();
  deps.logger.info({ port, database: deps.database.kind }, "server listening");
  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    deps,
    server,
    workers,
    stop: () =>
      (stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await workers.stop();
        await closed;
        await deps.inbox.flush();
        await deps.database.close();
      })()),
  };
}
