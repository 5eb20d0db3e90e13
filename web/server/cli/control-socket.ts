import { chmodSync, existsSync, rmSync } from "node:fs";
import { createConnection, createServer, type Server } from "node:net";
import { join, resolve } from "node:path";
import type { Deps } from "../deps.js";
import { parseCommand, runCommand } from "./commands.js";

/**
 * With the embedded database only the server process may open the data folder, so the CLI sends its
 * commands to the running server over a Unix socket inside DATA_DIR (mode 0600: the folder's owner only).
 */
export function controlSocketPath(dataDir: string): string {
  return join(resolve(dataDir), "control.sock");
}

export async function listenControlSocket(deps: Deps, dataDir: string): Promise<Server> {
  const path = controlSocketPath(dataDir);
  if (existsSync(path)) rmSync(path);
  const server = createServer((socket) => {
    let input = "";
    socket.setEncoding("utf8");
    socket.on("data", async (chunk) => {
      input += chunk;
      if (!input.includes("\n")) return;
      let reply: object;
      try {
        const request = JSON.parse(input.slice(0, input.indexOf("\n"))) as {
          command: string;
          args: Record<string, string>;
        };
        const command = parseCommand(request.command, request.args ?? {});
        reply = { ok: true, result: await runCommand(deps, command.name, command.args) };
      } catch (error) {
        reply = { ok: false, error: (error as Error).message };
      }
      socket.end(`${JSON.stringify(reply)}\n`);
    });
    socket.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(path, resolveListen);
  });
  chmodSync(path, 0o600);
  return server;
}

/** Sends one command to a running server; `undefined` when no server listens. */
export function sendControlCommand(
  dataDir: string,
  command: string,
  args: Record<string, string | boolean>,
): Promise<{ ok: boolean; result?: unknown; error?: string } | undefined> {
  const path = controlSocketPath(dataDir);
  if (!existsSync(path)) return Promise.resolve(undefined);
  return new Promise((resolveReply, reject) => {
    const socket = createConnection(path);
    let output = "";
    socket.setEncoding("utf8");
    socket.on("connect", () => socket.write(`${JSON.stringify({ command, args })}\n`));
    socket.on("data", (chunk) => (output += chunk));
    socket.on("end", () => {
      try {
        resolveReply(JSON.parse(output));
      } catch (error) {
        reject(error);
      }
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNREFUSED" || error.code === "ENOENT") resolveReply(undefined);
      else reject(error);
    });
  });
}
