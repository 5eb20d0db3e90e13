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
  constructor() {
    super(
      `Chromium is not installed at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` (CI does it in .ci/run).`,
    );
    this.name = "ChromiumMissingError";
  }
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new ChromiumMissingError();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}
