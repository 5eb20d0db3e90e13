import type { Benchmark, BenchmarkReport } from "../benchmark.js";
import { percentile, round } from "../lib/percentile.js";
import {
  SANDBOX_CUSTOMER,
  SANDBOX_PAGE,
  SANDBOX_PROXY_PREFIX,
  SANDBOX_SECRETS,
  SANDBOX_SHOP,
  SANDBOX_SHOP_NAME,
} from "../../sandbox/sandbox-settings.js";
import { startStorefrontServer } from "../../sandbox/storefront/storefront-server.js";
import { BUBBLE_BYTE_BUDGET, bubbleAssetBytes } from "./bubble-bytes.js";
import { launchChromium } from "./chromium.js";
import { measurePageLoad, unexpectedRequests, type PageLoadSample } from "./measure-page-load.js";

const median = (values: number[]) => percentile(values, 50);

export const bubbleBenchmark: Benchmark = {
  name: "bubble",
  description:
    "Storefront bubble in Chromium: compressed bytes, requests before interaction, layout shift, main-thread time",
  async run({ log, flags }): Promise<BenchmarkReport> {
    const runs = Number(flags.runs ?? 15);
    if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs must be a positive integer");
    const bytes = bubbleAssetBytes();
    // Only the storefront stand-in: nothing before interaction talks to the app, so none is started.
    const storefront = await startStorefrontServer({
      appUrl: "http://127.0.0.1:9",
      shop: SANDBOX_SHOP,
      shopName: SANDBOX_SHOP_NAME,
      apiSecret: SANDBOX_SECRETS.SHOPIFY_API_SECRET,
      apiVersion: "2026-10",
      // What the app writes to the app installation on Page connect (no app runs in this benchmark).
      appMetafields: () => ({
        messenger: { page_username: { value: SANDBOX_PAGE.username, type: "single_line_text_field" } },
      }),
      proxyPrefix: SANDBOX_PROXY_PREFIX,
      defaultCustomer: SANDBOX_CUSTOMER,
      controls: false,
    });
    const browser = await launchChromium();
    const samples: Record<"with" | "without", PageLoadSample[]> = { with: [], without: [] };
    try {
      const urls = { with: `${storefront.url}/`, without: `${storefront.url}/?bubble=0` };
      // One warm-up load each (Chromium's first navigation pays for process start-up), then alternate.
      await measurePageLoad(browser, urls.with);
      await measurePageLoad(browser, urls.without);
      for (let i = 0; i < runs; i++) {
        for (const variant of i % 2 === 0 ? (["with", "without"] as const) : (["without", "with"] as const)) {
          samples[variant].push(await measurePageLoad(browser, urls[variant]));
        }
        log(`  run ${i + 1}/${runs}`);
      }
    } finally {
      await browser.close();
      await storefront.close();
    }
    const version = await versionOfChromium();
    const row = (variant: "with" | "without") => {
      const s = samples[variant];
      const m = (pick: (x: PageLoadSample) => number) => round(median(s.map(pick)), 1);
      return [
        variant === "with" ? "with the bubble" : "without the bubble",
        m((x) => x.requests.length),
        Math.max(...s.map((x) => unexpectedRequests(x.requests).length)),
        round(Math.max(...s.map((x) => x.cls)), 4),
        m((x) => x.scriptMs),
        m((x) => x.taskMs),
        m((x) => x.layoutMs + x.styleMs),
        m((x) => x.longTasks),
        m((x) => x.fcpMs ?? Number.NaN),
      ];
    };
    const diff = (pick: (x: PageLoadSample) => number) =>
      round(median(samples.with.map(pick)) - median(samples.without.map(pick)), 1);
    const delta = `in this run: ${diff((x) => x.scriptMs)} ms script, ${diff((x) => x.taskMs)} ms task, ${diff((x) => x.layoutMs + x.styleMs)} ms layout+style, difference of medians`;
    const within = bytes.total.gzip <= BUBBLE_BYTE_BUDGET && bytes.total.brotli <= BUBBLE_BYTE_BUDGET;
    return {
      summary:
        `The sandbox storefront page (real bubble block rendered by liquidjs, logged-in customer) loaded ${runs} times with and ${runs} times without the bubble in ${version} through playwright-core, each load in a fresh browser context (empty cache), alternating the order; medians unless marked max. ` +
        `Sizes are of the shipped script and the block's inline CSS, compressed with Node's zlib. Budget ${BUBBLE_BYTE_BUDGET} bytes compressed: ${within ? "met" : "EXCEEDED"}.`,
      tables: [
        {
          title: "Bubble assets (bytes)",
          headers: ["file", "raw", "gzip -9", "brotli q11"],
          rows: [...bytes.files, bytes.total].map((f) => [f.file, f.raw, f.gzip, f.brotli]),
        },
        {
          title: `Page load up to network idle, no interaction (${runs} loads each)`,
          headers: [
            "page",
            "requests",
            "unexpected requests (max)",
            "CLS (max)",
            "script ms",
            "task ms",
            "layout+style ms",
            "long tasks",
            "FCP ms",
          ],
          rows: [row("with"), row("without")],
        },
      ],
      notes: [
        "Requests are every request Playwright saw the page issue (`page.on('request')`: document, stylesheets, scripts, images, fetch/XHR, beacons) from navigation until network idle (no request for 500 ms). Allowed before interaction: the page's own document plus the deferred `messenger-bubble.js` (the CSS is inline); \"unexpected\" counts anything else and must be 0. The page without the bubble makes one request (its document), so the bubble adds exactly its script and nothing from Meta.",
        `CLS sums \`layout-shift\` entries without recent input (PerformanceObserver, buffered) read two animation frames after network idle; the bubble is \`position: fixed\`, so it must be 0. Script/task/layout+style ms are Chromium's \`ScriptDuration\`, \`TaskDuration\`, \`LayoutDuration + RecalcStyleDuration\` (CDP \`Performance.getMetrics\`) for the whole load; the bubble's cost is the difference between the two rows (${delta}). Long tasks are \`longtask\` entries (> 50 ms).`,
      ],
    };
  },
};

async function versionOfChromium(): Promise<string> {
  const browser = await launchChromium();
  try {
    return `Chromium ${browser.version()}`;
  } finally {
    await browser.close();
  }
}
