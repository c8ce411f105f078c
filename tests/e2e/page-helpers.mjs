// Helpers shared by the page's browser tests (page*.test.mjs).
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const EXAMPLES = fileURLToPath(new URL('../../www/examples/', import.meta.url));

export const fixture = (name) => `${FIXTURES}${name}`;
export const exampleText = (name) => readFileSync(`${EXAMPLES}${name}`, 'utf8');
export const examplesIndex = () => JSON.parse(readFileSync(`${EXAMPLES}index.json`, 'utf8'));

/**
 * Opens the page like harness.open, optionally with a script run before the page's own (for
 * recording what the page sends its worker), and waits for the first comparison.
 */
export async function openPage(context, url, { viewport, initScript, colorScheme, wait = true } = {}) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  if (colorScheme) await page.emulateMedia({ colorScheme });
  if (initScript) await page.addInitScript(initScript);
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url);
  if (wait) await page.waitForSelector('body[data-ready="true"]');
  return { page, errors };
}

/** Runs `action` and waits until the page has rendered a new comparison. */
export async function rendered(page, action) {
  const before = Number((await page.getAttribute('body', 'data-renders')) ?? 0);
  await action();
  await page.waitForFunction((n) => Number(document.body.dataset.renders ?? 0) > n, before);
}

/** The texts the two column headings show. */
export async function headings(page) {
  return page.$$eval('#pairs .nd-head.nd-left, #pairs .nd-head.nd-right', (nodes) => nodes.map((n) => n.textContent));
}

/** Records every message the page posts to a worker, in `window.__posted`. */
export function recordWorkerMessages() {
  window.__posted = [];
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function record(message, transfer) {
    if (message && message.type !== 'init') {
      const copy = { ...message };
      if (copy.bytes) copy.bytes = copy.bytes.byteLength;
      window.__posted.push(copy);
    }
    return post.call(this, message, transfer);
  };
}

/** Whether the element is inside the viewport (at least partly). */
export async function inViewport(page, selector) {
  return page.$eval(selector, (node) => {
    const r = node.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;
  });
}

/**
 * Holds the page's requests whose URL matches `pattern` until the returned function is
 * called; then they go through as usual.
 */
export async function holdRequests(page, pattern) {
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  await page.route(pattern, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** Serves `text` as the bundled example `file` to this page. */
export function serveExample(page, file, text) {
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.route(new RegExp(`/examples/${escaped}$`), (route) =>
    route.fulfill({ status: 200, contentType: 'text/plain; charset=utf-8', body: text }),
  );
}
