// Child-process entry: one app instance (startServer, production path) in its own process, so its memory and
// CPU are its own. Forked by app-process.ts with the app's environment; answers over IPC.
import { loadConfig } from "../../web/server/config.js";
import { startServer } from "../../web/server/server.js";
import { benchAppLogger } from "../meta-ingress/bench-app.js";

export const APP_PROCESS_ARG = "--bench-app-process";

export type AppProcessRequest = { type: "memory" } | { type: "stop" };
export type AppProcessMessage =
  | { type: "ready"; url: string }
  | { type: "memory"; rss: number; heapUsed: number; heapTotal: number; external: number; cpuMs: number }
  | { type: "stopped" }
  | { type: "failed"; error: string };

if (process.send && process.argv.includes(APP_PROCESS_ARG)) {
  const reply = (message: AppProcessMessage) => process.send?.(message);
  try {
    const running = await startServer(loadConfig(process.env), {
      logger: benchAppLogger(),
      port: 0,
      host: "127.0.0.1",
    });
    process.on("message", (request: AppProcessRequest) => {
      if (request.type === "memory") {
        // Live memory: a full collection first (the process runs with --expose-gc), else heapUsed also
        // counts garbage the next major GC would reclaim, and a lazy collector looks like a leak.
        (globalThis as { gc?: () => void }).gc?.();
        const m = process.memoryUsage();
        const cpu = process.cpuUsage();
        reply({
          type: "memory",
          rss: m.rss,
          heapUsed: m.heapUsed,
          heapTotal: m.heapTotal,
          external: m.external,
          cpuMs: (cpu.user + cpu.system) / 1000,
        });
      } else if (request.type === "stop") {
        running.server.closeAllConnections();
        void running.stop().then(() => {
          process.send?.({ type: "stopped" } satisfies AppProcessMessage, undefined, {}, () => process.exit(0));
        });
      }
    });
    reply({ type: "ready", url: running.url });
  } catch (error) {
    process.send({ type: "failed", error: String(error) } satisfies AppProcessMessage, undefined, {}, () =>
      process.exit(1),
    );
  }
}
