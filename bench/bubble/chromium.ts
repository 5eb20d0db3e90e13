import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium; playwright-core drives it and never downloads a browser of its own. */
export const CHROMIUM_PATH = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  // No background traffic (safe browsing, component updates, sync) that would muddy the request count.
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export class ChromiumMissingError extends Error {
  constructor(path: string) {
    super(`Chromium is not installed at ${path}: run \`apt-get install -y chromium\` (CI does it in .ci/run).`);
    this.name = "ChromiumMissingError";
  }
}

export async function launchChromium(path = CHROMIUM_PATH): Promise<Browser> {
  if (!existsSync(path)) throw new ChromiumMissingError(path);
  return chromium.launch({ executablePath: path, args: CHROMIUM_ARGS, headless: true });
}
