import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../../web/server/deps.js";
import { APP_BRIDGE_SCRIPT, renderAdminDocument } from "../../../web/server/admin-ui/admin-document.js";
import { adminUiRouter } from "../../../web/server/admin-ui/admin-ui.router.js";

const INDEX = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Messenger Connect</title>
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>`;

const deps = { config: { shopify: { apiKey: 'key"<1>' } }, logger: pino({ level: "silent" }) } as unknown as Deps;

async function serve(distDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.use(adminUiRouter(deps, { distDir }));
  app.use((_req, res) => void res.status(404).json({ error: "not_found" }));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("admin UI serving", () => {
  const built = mkdtempSync(join(tmpdir(), "admin-dist-"));
  const missing = mkdtempSync(join(tmpdir(), "admin-none-"));
  let withBuild: Awaited<ReturnType<typeof serve>>;
  let withoutBuild: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    mkdirSync(join(built, "assets"));
    writeFileSync(join(built, "index.html"), INDEX);
    writeFileSync(join(built, "assets", "index-abc.js"), "console.log(1)");
    withBuild = await serve(built);
    withoutBuild = await serve(missing);
  });
  afterAll(async () => {
    await withBuild.close();
    await withoutBuild.close();
    rmSync(built, { recursive: true, force: true });
    rmSync(missing, { recursive: true, force: true });
  });

  it("puts App Bridge's api-key meta and CDN script before the app's own scripts, attribute-escaped", () => {
    const html = renderAdminDocument(INDEX, 'key"<1>');
    expect(html).toContain('<meta name="shopify-api-key" content="key&quot;&lt;1&gt;" />');
    const bridge = html.indexOf(APP_BRIDGE_SCRIPT);
    expect(bridge).toBeGreaterThan(html.indexOf("<meta charset"));
    expect(bridge).toBeLessThan(html.indexOf('<script type="module"'));
  });

  it("serves the document at / and every /app/* route, and the hashed assets with a long cache", async () => {
    for (const path of ["/", "/app/notifications", "/app/subscribers?shop=x.myshopify.com"]) {
      const res = await fetch(`${withBuild.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/text\/html/);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.text()).toContain(APP_BRIDGE_SCRIPT);
    }
    const asset = await fetch(`${withBuild.url}/assets/index-abc.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toMatch(/immutable/);
    expect((await fetch(`${withBuild.url}/assets/nope.js`)).status).toBe(404);
    expect((await fetch(`${withBuild.url}/other`)).status).toBe(404);
  });

  it("answers 503 with the command to run when the admin is not built", async () => {
    const res = await fetch(`${withoutBuild.url}/app/notifications`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("npm run build:admin");
  });
});
