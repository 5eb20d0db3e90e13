import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataDirBusyError, dataDirHolder, lockDataDir } from "../../../web/server/db/data-dir-lock.js";
import { openDatabase } from "../../../web/server/db/open-database.js";

describe("one process per embedded database", () => {
  it("refuses a second opener while the first holds the data folder, and frees it on close", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pglite-"));
    const first = await openDatabase({ kind: "pglite", dataDir: dir });
    await first.migrate();
    await first.prisma.shop.create({ data: { domain: "kept.myshopify.com" } });
    await expect(openDatabase({ kind: "pglite", dataDir: dir })).rejects.toBeInstanceOf(DataDirBusyError);
    expect(dataDirHolder(dir)).toBe(process.pid);
    await first.close();
    expect(dataDirHolder(dir)).toBeUndefined();
    const second = await openDatabase({ kind: "pglite", dataDir: dir });
    expect(await second.prisma.shop.count()).toBe(1);
    await second.close();
  });

  it("takes over a lock left behind by a process that died", () => {
    const dir = mkdtempSync(join(tmpdir(), "pglite-"));
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    writeFileSync(join(dir, "owner.lock"), dead.stdout);
    const lock = lockDataDir(dir);
    expect(dataDirHolder(dir)).toBe(process.pid);
    lock.release();
  });

  it("names the holder and says what to do", () => {
    const error = new DataDirBusyError("/data", 4242);
    expect(error.message).toMatch(/in use by process 4242/);
    expect(error.message).toMatch(/Stop that process|control socket/);
  });
});
