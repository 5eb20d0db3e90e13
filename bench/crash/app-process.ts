import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** A port that was free a moment ago; the app process must come back on the same one after every kill. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The production entry point (web/server/main.ts) in its own process, which the harness kills and restarts. */
export interface AppProcess {
  url: string;
  /** Starts the process and resolves when /healthz answers 200; returns how long that took. */
  start(): Promise<number>;
  kill(signal: NodeJS.Signals): Promise<void>;
  stderrTail(): string;
}

export function appProcess(env: Record<string, string>, port: number): AppProcess {
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let stderr = "";
  return {
    url,
    async start() {
      const started = Date.now();
      const proc = spawn(process.execPath, ["--import", "tsx", "web/server/main.ts"], {
        cwd: root,
        env: { PATH: process.env.PATH ?? "", ...env, PORT: String(port) },
        stdio: ["ignore", "ignore", "pipe"],
      });
      child = proc;
      proc.stderr?.setEncoding("utf8");
      proc.stderr?.on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-4_000)));
      let gone = false;
      exited = new Promise((resolve) =>
        proc.once("exit", () => {
          gone = true;
          resolve();
        }),
      );
      for (;;) {
        if (gone) throw new Error(`the app exited during start: ${stderr.slice(-1_500)}`);
        const healthy = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
          (res) => res.status === 200,
          () => false,
        );
        if (healthy) return Date.now() - started;
        if (Date.now() - started > 120_000) throw new Error(`the app did not start in 120 s: ${stderr.slice(-1_500)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async kill(signal) {
      child?.kill(signal);
      await exited;
    },
    stderrTail: () => stderr,
  };
}
