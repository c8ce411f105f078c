// The Chromium half of the benchmark: Debian's Chromium through playwright-core, a fresh
// profile, the repository served by scripts/serve.mjs, the timing loop inside the page.
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../scripts/serve.mjs';
import { REPO } from './gen.mjs';
import { CHROMIUM, FLAGS as TEST_FLAGS } from '../tests/e2e/harness.mjs';

// The browser and its flags are the end-to-end tests', so both measure the same Chromium.
export { CHROMIUM };

const FLAGS = [
  ...TEST_FLAGS,
  // So the page can collect garbage before each run, as the Node jobs do.
  '--js-flags=--expose-gc',
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A browser with two sites: the repository (bench page, inputs) and www/ (the product page). */
export async function launch() {
  const repoSite = await serve({ root: REPO, port: 0 });
  const wwwSite = await serve({ root: join(REPO, 'www'), port: 0 });
  const profile = await mkdtemp(join(tmpdir(), 'notice-diff-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
  });
  const version = context.browser()?.version() ?? (await versionOf(context));
  return {
    context,
    version,
    repoUrl: repoSite.url,
    wwwUrl: wwwSite.url,
    async close() {
      await Promise.race([context.close(), sleep(10_000)]);
      repoSite.server.close();
      wwwSite.server.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

async function versionOf(context) {
  const page = await context.newPage();
  const ua = await page.evaluate(() => navigator.userAgent);
  await page.close();
  return ua.match(/Chrome\/([\d.]+)/)?.[1] ?? 'unknown';
}

/**
 * Loads the product page `loads` times, each in a new tab, and measures navigation start →
 * the page's `first-comparison` mark (also under a prefix: `notice-diff:first-comparison`),
 * or → `data-ready` on <body> when it has no mark; and → the comparison painted (`paintedMs`).
 * The first load is cold (fresh profile, nothing cached or compiled yet).
 */
export async function pageLoads(browser, loads, timeoutMs = 15_000) {
  const samples = [];
  for (let i = 0; i < loads; i++) {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript(() => {
      const seen = () => {
        if (document.body?.dataset.ready && window.__benchReadyAt === undefined) {
          window.__benchReadyAt = performance.now();
        }
      };
      // Attributes named data-ready only: watching every node the page inserts (childList)
      // would make the measurement cost the page time of its own while it renders.
      new MutationObserver(seen).observe(document, {
        subtree: true,
        attributes: true,
        attributeFilter: ['data-ready'],
      });
    });
    try {
      await page.goto(browser.wwwUrl, { waitUntil: 'commit' });
      await page.waitForFunction(
        () =>
          window.__benchReadyAt !== undefined ||
          performance.getEntriesByType('mark').some((m) => m.name.endsWith('first-comparison')),
        null,
        { timeout: timeoutMs, polling: 20 },
      );
      samples.push(
        await page.evaluate(async () => {
          const mark = performance
            .getEntriesByType('mark')
            .find((m) => m.name === 'first-comparison' || m.name.endsWith(':first-comparison'));
          const nav = performance.getEntriesByType('navigation')[0];
          const ms = mark ? mark.startTime : window.__benchReadyAt;
          // The mark is set once the comparison is in the DOM; the screen shows it a frame
          // later (style, layout, paint, raster): the first largest-contentful-paint from then.
          const paintedMs = await new Promise((resolve) => {
            setTimeout(() => resolve(null), 3_000);
            new PerformanceObserver((list) => {
              const entry = list.getEntries().find((e) => e.startTime >= ms);
              if (entry) resolve(entry.startTime);
            }).observe({ type: 'largest-contentful-paint', buffered: true });
          });
          return {
            ms,
            paintedMs,
            via: mark ? `mark ${mark.name}` : 'body[data-ready]',
            marks: Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
            responseEndMs: nav?.responseEnd,
            domContentLoadedMs: nav?.domContentLoadedEventEnd,
          };
        }),
      );
    } catch (error) {
      samples.push({ ms: null, error: errors[0] ?? String(error.message ?? error).split('\n')[0] });
    } finally {
      await page.close();
    }
  }
  return samples;
}

/** A tab on the bench page, ready to time cases. */
export async function benchPage(browser) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(new URL('bench/page.html', browser.repoUrl).href);
  await page.waitForFunction(() => window.bench !== undefined, null, { timeout: 30_000 });
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return {
    errors,
    /**
     * Times one case in the page. Resolves to the timing plus memory, or to
     * `{status:'timeout'}` when it runs past `limitMs` (the tab is then unusable).
     */
    async run(leftPath, rightPath, policy, limitMs) {
      const url = (path) => new URL(path.slice(REPO.length + 1), browser.repoUrl).href;
      const timing = page.evaluate(
        ({ left, right, policy }) => window.bench.run(left, right, policy),
        { left: url(leftPath), right: url(rightPath), policy },
      );
      const outcome = await Promise.race([timing, sleep(limitMs).then(() => null)]);
      if (outcome === null) return { status: 'timeout' };
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
      const wasmMb = await page.evaluate(() => window.bench.wasmMb());
      await page.evaluate(() => window.bench.release());
      return { status: 'ok', ...outcome, heapMb: heap / 2 ** 20, wasmMb };
    },
    close: () => Promise.race([page.close(), sleep(5_000)]),
  };
}
