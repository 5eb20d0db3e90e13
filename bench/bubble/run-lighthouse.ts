import { existsSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { CHROMIUM_PATH, ChromiumMissingError } from "./chromium.js";

/**
 * Flags for the Chromium that Lighthouse drives over its remote debugging port. Lighthouse's own defaults
 * (chrome-launcher's) are kept; these add headless, no GPU, and no background traffic (safe browsing,
 * component updates, sync) so the run stays offline and nothing but the page touches the network.
 */
export const LIGHTHOUSE_CHROMIUM_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

/** One Lighthouse performance run, reduced to what the bubble benchmark compares. */
export interface LighthouseSample {
  /** 0–100, as Lighthouse shows it (category score × 100, unrounded). */
  score: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
  /** URLs the render-blocking insight lists, with the time Lighthouse charges each. */
  renderBlocking: { url: string; wastedMs: number }[];
  /** Every request of the load: URL, resource type and bytes on the wire. */
  requests: { url: string; resourceType: string; transferSize: number }[];
  lighthouseVersion: string;
  userAgent: string;
}

export interface LighthouseBrowser {
  port: number;
  close(): Promise<void>;
}

export async function launchLighthouseChromium(path = CHROMIUM_PATH): Promise<LighthouseBrowser> {
  if (!existsSync(path)) throw new ChromiumMissingError(path);
  const chrome = await chromeLauncher.launch({
    chromePath: path,
    chromeFlags: LIGHTHOUSE_CHROMIUM_FLAGS,
    logLevel: "silent",
  });
  return { port: chrome.port, close: async () => void chrome.kill() };
}

interface TableItem {
  url?: unknown;
  wastedMs?: unknown;
  resourceType?: unknown;
  transferSize?: unknown;
}

function tableItems(details: unknown): TableItem[] {
  const items = (details as { items?: unknown } | undefined)?.items;
  return Array.isArray(items) ? (items as TableItem[]) : [];
}

/**
 * Lighthouse's default (mobile) configuration, performance category only: simulated throttling (Lantern),
 * Moto G Power viewport, a fresh load with storage cleared. Runs are sequential on one browser.
 */
export async function runLighthouse(browser: LighthouseBrowser, url: string): Promise<LighthouseSample> {
  const result = await lighthouse(url, {
    port: browser.port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance"],
  });
  if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const audit = (id: string) => {
    const a = lhr.audits[id];
    if (!a) throw new Error(`Lighthouse result has no audit ${id}`);
    return a;
  };
  const numeric = (id: string) => {
    const value = audit(id).numericValue;
    if (typeof value !== "number") throw new Error(`audit ${id} has no numeric value`);
    return value;
  };
  const score = lhr.categories.performance?.score;
  if (typeof score !== "number") throw new Error("Lighthouse performance category has no score");
  return {
    score: score * 100,
    fcpMs: numeric("first-contentful-paint"),
    lcpMs: numeric("largest-contentful-paint"),
    tbtMs: numeric("total-blocking-time"),
    cls: numeric("cumulative-layout-shift"),
    speedIndexMs: numeric("speed-index"),
    renderBlocking: tableItems(audit("render-blocking-insight").details).map((i) => ({
      url: String(i.url),
      wastedMs: typeof i.wastedMs === "number" ? i.wastedMs : 0,
    })),
    requests: tableItems(audit("network-requests").details).map((i) => ({
      url: String(i.url),
      resourceType: String(i.resourceType ?? ""),
      transferSize: typeof i.transferSize === "number" ? i.transferSize : 0,
    })),
    lighthouseVersion: lhr.lighthouseVersion,
    userAgent: lhr.environment.hostUserAgent,
  };
}
