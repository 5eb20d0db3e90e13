import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createSnapshotFile, readSnapshotFile, SnapshotFileError } from "../../../sandbox/persist/snapshot-file.js";
import { waitFor } from "../../helpers/wait-for.js";

describe("snapshot file", () => {
  const dir = mkdtempSync(join(tmpdir(), "snapshot-file-"));
  afterEach(() => {
    for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
  });

  it("debounces many changes into one write, in a folder it creates", async () => {
    const path = join(dir, "nested", "state.json");
    let state = { n: 0 };
    let takes = 0;
    const file = createSnapshotFile({
      path,
      debounceMs: 50,
      take: () => {
        takes++;
        return state;
      },
    });
    for (let i = 1; i <= 20; i++) {
      state = { n: i };
      file.schedule();
    }
    expect(readSnapshotFile(path)).toBeUndefined();
    await waitFor(() => readSnapshotFile(path) !== undefined, { what: "the debounced write" });
    expect(readSnapshotFile(path)).toEqual({ n: 20 });
    expect(takes).toBe(1);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("writes through a temporary file and rename, and skips writes when nothing changed", () => {
    const path = join(dir, "state.json");
    const file = createSnapshotFile({ path, take: () => ({ same: true }) });
    file.flush();
    const first = statSync(path);
    file.flush();
    expect(statSync(path).ino).toBe(first.ino); // not rewritten: a rename would give a new inode
    expect(readdirSync(dir)).toEqual(["state.json"]); // no temporary file left behind
  });

  it("replaces the file whole: each write is a new inode, never the old one rewritten in place", () => {
    const path = join(dir, "state.json");
    let n = 0;
    const file = createSnapshotFile({ path, take: () => ({ n }) });
    file.flush();
    const before = statSync(path).ino;
    n = 1;
    file.flush();
    expect(statSync(path).ino).not.toBe(before);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ n: 1 });
  });

  it("close writes what is pending and later schedules write nothing", async () => {
    const path = join(dir, "state.json");
    let n = 1;
    const file = createSnapshotFile({ path, debounceMs: 10_000, take: () => ({ n }) });
    file.schedule();
    file.close();
    expect(readSnapshotFile(path)).toEqual({ n: 1 });
    n = 2;
    file.schedule();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(readSnapshotFile(path)).toEqual({ n: 1 });
  });

  it("a failed write is reported and leaves the previous snapshot whole", () => {
    const path = join(dir, "state.json");
    writeFileSync(path, '{"ok":1}\n');
    const errors: Error[] = [];
    const file = createSnapshotFile({
      path,
      take: () => {
        throw new Error("state unreadable");
      },
      onError: (error) => errors.push(error),
    });
    file.flush();
    expect(errors.map((e) => e.message)).toEqual(["state unreadable"]);
    expect(readSnapshotFile(path)).toEqual({ ok: 1 });
  });

  it("a file that is not JSON is an error naming it, never silently replaced", () => {
    const path = join(dir, "state.json");
    writeFileSync(path, "{half");
    expect(() => readSnapshotFile(path)).toThrow(SnapshotFileError);
    expect(() => readSnapshotFile(path)).toThrow(path);
  });
});
