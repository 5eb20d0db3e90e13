import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readableLine, sandboxLogger } from "../../sandbox/sandbox-logger.js";

describe("sandbox logger", () => {
  const dir = mkdtempSync(join(tmpdir(), "sandbox-logger-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes every line at its level to DATA_DIR/sandbox.log and only warnings and errors to the console", () => {
    const lines: string[] = [];
    const { logger, file } = sandboxLogger({ dataDir: dir, level: "info", console: (l) => lines.push(l) });
    logger.debug("too detailed");
    logger.info({ psid: "9000001", token: "EAA-secret" }, "message sent");
    logger.warn({ reason: "expired" }, "extension token refused");
    logger.error({ err: new Error("database gone") }, "job failed");
    expect(file).toBe(join(dir, "sandbox.log"));
    const written = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(written.map((l) => l.msg)).toEqual(["message sent", "extension token refused", "job failed"]);
    expect(written[0]!.token).toBe("[redacted]"); // the app's redaction holds in the file too
    expect(lines).toEqual([
      "app warn: extension token refused (reason=expired)",
      "app error: job failed (err=database gone)",
    ]);
  });

  it("reads a line it cannot parse as it is", () => {
    expect(readableLine("not json")).toBe("app: not json");
  });
});
