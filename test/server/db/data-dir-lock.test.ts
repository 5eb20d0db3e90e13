import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DataDirBusyError, dataDirHolder, lockDataDir } from "../../../web/server/db/data-dir-lock.js";
import { openDatabase } from "../../../web/server/db/open-database.js";

const holderScript = fileURLToPath(new URL("./support/hold-data-dir.ts", import.meta.url));

/**
 * Starts a process that opens the folder and commits a row, under a parent that never reaps it: once
 * SIGKILLed it stays a zombie, as it did under the supervisor in the field report.
 */
async function startUnreapedHolder(dataDir: string, domain: string) {
  const command = `"${process.execPath}" --import tsx "${holderScript}" "${dataDir}" "${domain}" & exec sleep 300`;
  const parent = spawn("sh", ["-c", command], { stdio: ["ignore", "pipe", "inherit"] });
  const pid = await new Promise<number>((resolve, reject) => {
    let out = "";
    parent.stdout.setEncoding("utf8");
    parent.stdout.on("data", (chunk: string) => {
      out += chunk;
      const match = /committed (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    parent.on("exit", () => reject(new Error(`holder exited early: ${out}`)));
  });
  return { pid, stopParent: () => parent.kill("SIGKILL") };
}

const processState = (pid: number) => readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.charAt(0);

describe("one process per embedded database", () => {
  it("refuses a second opener while the first holds the data folder, and frees it on close", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pglite-"));
    const first = await openDatabase({ kind: "pglite", dataDir: dir });
    await first.migrate();
    await first.prisma.shop.create({ data: { domain: "kept.myshopify.com" } });
    await expect(openDatabase({ kind: "pglite", dataDir: dir })).rejects.toBeInstanceOf(DataDirBusyError);
    expect(await dataDirHolder(dir)).toBe(process.pid);
    await first.close();
    expect(await dataDirHolder(dir)).toBeUndefined();
    const second = await openDatabase({ kind: "pglite", dataDir: dir });
    expect(await second.prisma.shop.count()).toBe(1);
    await second.close();
  });

  it("names the other process that holds the folder", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pglite-"));
    const holder = await startUnreapedHolder(dir, "held.myshopify.com");
    try {
      const error = await openDatabase({ kind: "pglite", dataDir: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataDirBusyError);
      expect((error as Error).message).toMatch(new RegExp(`in use by process ${holder.pid}\\b`));
      expect(await dataDirHolder(dir)).toBe(holder.pid);
    } finally {
      process.kill(holder.pid, "SIGKILL");
      holder.stopParent();
    }
  }, 60_000);

  it("reopens within 10 s after its holder was SIGKILLed and is still a zombie, with the committed row", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pglite-"));
    const holder = await startUnreapedHolder(dir, "survives-kill.myshopify.com");
    try {
      process.kill(holder.pid, "SIGKILL");
      for (let i = 0; i < 200 && processState(holder.pid) !== "Z"; i++) await new Promise((r) => setTimeout(r, 10));
      // A zombie answers kill(pid, 0) as alive: the check the old pid lock relied on.
      expect(processState(holder.pid)).toBe("Z");
      expect(() => process.kill(holder.pid, 0)).not.toThrow();
      const started = Date.now();
      const lock = await lockDataDir(dir);
      expect(Date.now() - started).toBeLessThan(10_000);
      lock.release();
      const db = await openDatabase({ kind: "pglite", dataDir: dir });
      try {
        expect(await db.prisma.shop.findMany({ select: { domain: true } })).toEqual([
          { domain: "survives-kill.myshopify.com" },
        ]);
      } finally {
        await db.close();
      }
    } finally {
      holder.stopParent();
    }
  }, 60_000);

  it("is not fooled by a lock file naming a live process (a reused pid)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pglite-"));
    writeFileSync(join(dir, "owner.lock"), "1");
    const lock = await lockDataDir(dir);
    expect(await dataDirHolder(dir)).toBe(process.pid);
    lock.release();
    expect(await dataDirHolder(dir)).toBeUndefined();
  });

  it("names the holder and says what to do", () => {
    const error = new DataDirBusyError("/data", 4242);
    expect(error.message).toMatch(/in use by process 4242/);
    expect(error.message).toMatch(/Stop that process|control socket/);
  });
});
