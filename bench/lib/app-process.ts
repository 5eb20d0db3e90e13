import { fork, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { BENCH_ENV } from "../meta-ingress/bench-app.js";
import { APP_PROCESS_ARG, type AppProcessMessage, type AppProcessRequest } from "./app-process-entry.js";

const ENTRY = resolve(import.meta.dirname, "app-process-entry.ts");

export interface AppProcess {
  url: string;
  pid: number;
  memory(): Promise<Extract<AppProcessMessage, { type: "memory" }>>;
  stop(): Promise<void>;
}

function next<T extends AppProcessMessage["type"]>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<AppProcessMessage, { type: T }>> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`app process ${child.pid}: no "${type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (m: AppProcessMessage) => {
      if (m.type === "failed") {
        cleanup();
        reject(new Error(`app process ${child.pid} failed: ${m.error}`));
      } else if (m.type === type) {
        cleanup();
        resolvePromise(m as Extract<AppProcessMessage, { type: T }>);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`app process ${child.pid} exited (${code}) before "${type}"`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

/**
 * The real app (startServer, workers on unless WORKER_CONCURRENCY=0) in a process of its own, on PostgreSQL,
 * with the bench's fake credentials plus `env`. Several of them can share one database (scale-out).
 */
export async function startAppProcess(env: Record<string, string>): Promise<AppProcess> {
  const child = fork(ENTRY, [APP_PROCESS_ARG], {
    env: { ...process.env, ...BENCH_ENV, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    // So the memory probe can collect garbage first and report live memory, not what the GC has yet to reclaim.
    execArgv: [...process.execArgv, "--expose-gc"],
  });
  const send = (request: AppProcessRequest) => child.send(request);
  try {
    const ready = await next(child, "ready", 120_000);
    return {
      url: ready.url,
      pid: child.pid as number,
      memory: () => {
        const answer = next(child, "memory", 30_000);
        send({ type: "memory" });
        return answer;
      },
      stop: async () => {
        if (child.exitCode !== null) return;
        const stopped = next(child, "stopped", 60_000).catch(() => undefined);
        send({ type: "stop" });
        await stopped;
        if (child.exitCode === null) child.kill("SIGKILL");
      },
    };
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
}
