import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenControlSocket, sendControlCommand } from "../../../web/server/cli/control-socket.js";
import { startServer, type RunningServer } from "../../../web/server/server.js";
import { captureLogger } from "../../helpers/capture-logger.js";
import { testConfig, TEST_SHOP } from "../../helpers/test-app.js";
import { DataDirBusyError } from "../../../web/server/db/data-dir-lock.js";
import { openDatabase } from "../../../web/server/db/open-database.js";

describe("CLI commands while the server holds the embedded database", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "mc-cli-"));
  let server: RunningServer;
  let control: Awaited<ReturnType<typeof listenControlSocket>>;
  beforeAll(async () => {
    const config = testConfig({ DATA_DIR: dataDir });
    server = await startServer(config, {
      logger: captureLogger("silent").logger,
      port: 0,
      host: "127.0.0.1",
      workers: false,
    });
    control = await listenControlSocket(server.deps, dataDir);
  });
  afterAll(async () => {
    control?.close();
    await server?.stop();
  });

  it("runs a command through the server's control socket", async () => {
    const reply = await sendControlCommand(dataDir, "shop:install", {
      shop: TEST_SHOP,
      "access-token": "shpat_socket",
    });
    expect(reply).toMatchObject({ ok: true, result: { shop: TEST_SHOP } });
    expect(await server.deps.db.shop.count({ where: { domain: TEST_SHOP } })).toBe(1);
  });

  it("reports a bad command as an error, without touching the data", async () => {
    expect(await sendControlCommand(dataDir, "shop:install", { shop: "not-a-shop" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/myshopify/),
    });
    expect(await sendControlCommand(dataDir, "no:such", {})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/unknown command/),
    });
  });

  it("refuses to open the folder a second time while the server holds it", async () => {
    await expect(openDatabase({ kind: "pglite", dataDir })).rejects.toBeInstanceOf(DataDirBusyError);
  });

  it("finds no server when none listens", async () => {
    expect(await sendControlCommand(mkdtempSync(join(tmpdir(), "mc-none-")), "db:migrate", {})).toBeUndefined();
  });
});
