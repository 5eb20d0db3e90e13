import type { Browser } from "playwright-core";

/** What one cold load of a page costs, up to network idle and before any interaction. */
export interface PageLoadSample {
  /** Every request the page issued (document, CSS, JS, images, fetch/XHR, beacons), as URL paths. */
  requests: string[];
  /** Cumulative layout shift (layout-shift entries without recent input); must be 0. */
  cls: number;
  layoutShifts: number;
  longTasks: number;
  longTaskMs: number;
  /** Chromium's own counters from CDP Performance.getMetrics, in ms. */
  scriptMs: number;
  taskMs: number;
  layoutMs: number;
  styleMs: number;
  fcpMs: number | null;
}

// Runs in the page before any of its scripts: buffered observers see everything from navigation start.
const OBSERVERS = `(() => {
  const perf = { cls: 0, shifts: 0, longTasks: 0, longTaskMs: 0 };
  Object.defineProperty(window, "__benchPerf", { value: perf });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) { perf.cls += e.value; perf.shifts += 1; }
  }).observe({ type: "layout-shift", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) { perf.longTasks += 1; perf.longTaskMs += e.duration; }
  }).observe({ type: "longtask", buffered: true });
})();`;

const READ = `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  resolve({ ...window.__benchPerf, fcp: fcp ? fcp.startTime : null });
})))`;

/** A fresh context per load (empty cache, no cookies): a first visit, the worst case for the bubble. */
export async function measurePageLoad(browser: Browser, url: string): Promise<PageLoadSample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (request) => {
      const u = new URL(request.url());
      requests.push(u.protocol.startsWith("http") ? `${u.pathname}${u.search}` : request.url());
    });
    await page.addInitScript({ content: OBSERVERS });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    await page.goto(url, { waitUntil: "load" });
    // Playwright's network idle: no request for 500 ms. A request the bubble made late would still count.
    await page.waitForLoadState("networkidle");
    const perf = (await page.evaluate(READ)) as {
      cls: number;
      shifts: number;
      longTasks: number;
      longTaskMs: number;
      fcp: number | null;
    };
    const { metrics } = (await cdp.send("Performance.getMetrics")) as { metrics: { name: string; value: number }[] };
    const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    return {
      requests,
      cls: perf.cls,
      layoutShifts: perf.shifts,
      longTasks: perf.longTasks,
      longTaskMs: perf.longTaskMs,
      scriptMs: metric("ScriptDuration"),
      taskMs: metric("TaskDuration"),
      layoutMs: metric("LayoutDuration"),
      styleMs: metric("RecalcStyleDuration"),
      fcpMs: perf.fcp,
    };
  } finally {
    await context.close();
  }
}

/** Requests a page with the bubble may make before interaction: its own document and the bubble's one script. */
export const ALLOWED_BEFORE_INTERACTION = ["/", "/products/linen-shirt", "/extension-assets/messenger-bubble.js"];

/** Everything else the page asked for (the sandbox storefront page has no other subresources). */
export function unexpectedRequests(requests: readonly string[]): string[] {
  return requests.filter((path) => !ALLOWED_BEFORE_INTERACTION.includes(path.replace(/\?.*$/, "")));
}
