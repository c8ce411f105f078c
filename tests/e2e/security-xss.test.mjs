// Script injection: document text is data, never markup. Every payload of
// fixtures/xss/payloads.txt (script tags, event handlers, javascript: URLs, SVG/MathML, CSS,
// bidi overrides, entity tricks, </textarea>, template literals, prototype pollution…) tries
// to set `window.__pwned`; placed in notice text and headings (pasted), file names (opened),
// the permalink fragment, a saved comparison and the widget's attributes and properties, none
// may run, no dialog may open, no element or handler may appear, and the text must show
// literally.
//
// The browser runs with the page's CSP bypassed: the policy would stop most payloads on its
// own (security-privacy.test.mjs checks it), and what is tested here is the rendering itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './harness.mjs';
import { rendered } from './page-helpers.mjs';
import { serve } from '../../scripts/serve.mjs';

const PAYLOADS = readFileSync(new URL('./fixtures/xss/payloads.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.length > 0);

let site;
let context;
let profile;
before(async () => {
  site = await serve({ port: 0 });
  profile = await mkdtemp(join(tmpdir(), 'notice-diff-xss-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    bypassCSP: true,
    acceptDownloads: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
  });
  // Nothing may leave for the payloads' remote URLs either.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => {
    outside.push(route.request().url());
    return route.abort();
  });
});
after(async () => {
  await context?.close();
  site?.server.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

const outside = [];

/** Runs before every document: a canary for the payloads and a record of dialogs. */
function canary() {
  window.__dialogs = [];
  for (const name of ['alert', 'confirm', 'prompt']) {
    window[name] = (...args) => {
      window.__dialogs.push(`${name}(${args.join(',')})`);
      return null;
    };
  }
}

async function open(url, { wait = true } = {}) {
  const page = await context.newPage();
  const dialogs = [];
  const errors = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.addInitScript(canary);
  await page.goto(url);
  if (wait) await page.waitForSelector('body[data-ready="true"]');
  return { page, dialogs, errors };
}

/**
 * Asserts that no payload ran: no canary set (on the window or on Object.prototype), no
 * dialog, and, in the whole DOM including shadow roots, no event-handler attribute, no
 * javascript: or data: URL, and no element a payload would have brought.
 */
async function assertNothingRan({ page, frame, dialogs }, where) {
  const found = await (frame ?? page).evaluate(() => {
    const out = {
      pwned: window.__pwned ?? null,
      polluted: {}.__pwned ?? Object.prototype.__pwned ?? null,
      dialogs: window.__dialogs,
      handlers: [],
      urls: [],
      elements: [],
    };
    const FOREIGN = new Set([
      'script', 'iframe', 'frame', 'object', 'embed', 'base', 'meta', 'link', 'img', 'video', 'audio',
      'source', 'math', 'form', 'template', 'marquee', 'xmp', 'plaintext', 'noscript', 'animate', 'foreignobject',
    ]);
    const visit = (root, inShadow) => {
      for (const el of root.querySelectorAll('*')) {
        const tag = el.localName.toLowerCase();
        // The document's own head and its one module script are the page itself.
        // …and what this test put there as the host (marked data-test-host).
        const own =
          !inShadow &&
          (el.closest('head') || (tag === 'script' && el.getAttribute('type') === 'module') || el.hasAttribute('data-test-host'));
        if (FOREIGN.has(tag) && !own) out.elements.push(el.outerHTML.slice(0, 120));
        // A <notice-diff>'s own attributes are what the host (this test) wrote.
        const host = !inShadow && tag === 'notice-diff';
        for (const attr of el.attributes) {
          if (/^on/i.test(attr.name)) out.handlers.push(`${tag} ${attr.name}`);
          if (!host && /^\s*(javascript|data|vbscript):/i.test(attr.value) && /href|src|action|data/i.test(attr.name)) {
            out.urls.push(`${tag} ${attr.name}=${attr.value.slice(0, 60)}`);
          }
        }
        if (el.shadowRoot) visit(el.shadowRoot, true);
      }
    };
    visit(document, false);
    return out;
  });
  assert.equal(found.pwned, null, `${where}: a payload ran`);
  assert.equal(found.polluted, null, `${where}: Object.prototype was polluted`);
  assert.deepEqual([...found.dialogs, ...dialogs], [], `${where}: a dialog opened`);
  assert.deepEqual(found.handlers, [], `${where}: event-handler attributes appeared`);
  assert.deepEqual(found.urls, [], `${where}: script URLs appeared`);
  assert.deepEqual(found.elements, [], `${where}: elements from the payloads appeared`);
  assert.deepEqual(outside, [], `${where}: a request left for another origin`);
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const numeral = (i) => (i < 10 ? NUMERALS[i] : `${NUMERALS[Math.floor(i / 10) - 1] === '一' ? '' : NUMERALS[Math.floor(i / 10) - 1]}十${i % 10 ? NUMERALS[(i % 10) - 1] : ''}`);

/** A notice whose title, headings and paragraphs are the payloads. */
function notice(edit = false) {
  const lines = [`关于${PAYLOADS[0]}的通知`, '各单位：'];
  PAYLOADS.forEach((payload, i) => {
    lines.push(`${numeral(i + 1)}、${payload}`);
    // The right side changes some payloads inside, so inline edits cut through them.
    const body = edit && i % 3 === 0 ? `${payload.slice(0, payload.length >> 1)}修订${payload.slice(payload.length >> 1)}` : payload;
    lines.push(`正文：${body}。`);
  });
  lines.push('特此通知。');
  return lines.join('\n');
}

async function paste(page, side, text) {
  await page.click(`.paste-toggle[data-side="${side}"]`);
  await page.fill(`.paste-text[data-side="${side}"]`, text);
  await rendered(page, () => page.click(`.paste-apply[data-side="${side}"]`));
}

/** The texts of every rendered cell, each with its whitespace as the page shows it. */
async function shownText(page, selector = '#comparison') {
  return page.$eval(selector, (node) => node.textContent);
}

test('payloads in pasted notices — text, headings, inline edits — show as text and never run', async () => {
  const opened = await open(site.url);
  const { page } = opened;
  await paste(page, 'left', notice(false));
  await paste(page, 'right', notice(true));
  await assertNothingRan(opened, 'pasted notices');
  const shown = await shownText(page);
  const missing = PAYLOADS.filter((payload) => !shown.includes(payload));
  assert.deepEqual(missing, [], 'every payload shows literally');
  // Every view and panel renders the same text: inline view, all pairs unfolded, other language.
  await rendered(page, () => page.click('[data-view="inline"]'));
  await page.click('#fold');
  await rendered(page, () => page.click('#lang'));
  await page.click('[data-view="columns"]');
  await assertNothingRan(opened, 'other views');

  // The exported report is a file a user opens later: it must be just as inert.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const html = await readFile(await download.path(), 'utf8');
  const report = await open('about:blank', { wait: false });
  await report.page.setContent(html);
  await assertNothingRan(report, 'exported report');
  const reportText = await report.page.evaluate(() => document.body.textContent);
  assert.deepEqual(PAYLOADS.filter((p) => !reportText.includes(p)), [], 'the report shows every payload literally');
  await report.page.close();
  assert.deepEqual(opened.errors, []);
  await page.close();
});

test('payloads as file names show literally, in the source line and in error messages', async () => {
  const opened = await open(site.url);
  const { page } = opened;
  for (const [i, payload] of PAYLOADS.entries()) {
    // A file name cannot hold a path separator; everything else is kept.
    const name = `${payload.replaceAll('/', '∕')}.txt`;
    if (i % 2 === 0) {
      await rendered(page, () =>
        page.setInputFiles('.file-input[data-side="left"]', {
          name,
          mimeType: 'text/plain',
          buffer: Buffer.from(`一、${payload}\n二、放假时间。`),
        }),
      );
      const info = await page.textContent('#source-left-info');
      assert.ok(info.includes(name), `the name shows literally: ${info}`);
    } else {
      // A file that cannot be read: the error message names it.
      await page.setInputFiles('.file-input[data-side="right"]', {
        name,
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n'),
      });
      await page.waitForSelector('#message:not([hidden])');
      const message = await page.textContent('#message-text');
      assert.ok(message.includes(name), `the error names the file literally: ${message}`);
      await page.click('#message-close');
    }
  }
  await assertNothingRan(opened, 'file names');
  await page.close();
});

function fragment(state) {
  return `#z=${deflateRawSync(Buffer.from(JSON.stringify(state))).toString('base64url')}`;
}

test('a crafted permalink fragment shows its texts and names literally and pollutes nothing', async () => {
  const state = JSON.parse(
    `{"v":1,"__proto__":{"__pwned":true},"constructor":{"prototype":{"__pwned":true}},` +
      `"left":{"text":${JSON.stringify(notice(false))},"name":${JSON.stringify(PAYLOADS[1])},"__proto__":{"__pwned":true}},` +
      `"right":{"text":${JSON.stringify(notice(true))},"name":${JSON.stringify(PAYLOADS[2])}},` +
      `"options":{"__proto__":{"__pwned":true},"ignoreWhitespace":"<img src=x onerror=window.__pwned=true>","foldWidth":false}}`,
  );
  const opened = await open(`${site.url}${fragment(state)}`);
  const { page } = opened;
  await assertNothingRan(opened, 'crafted permalink');
  assert.ok((await page.textContent('#source-left-info')).includes(PAYLOADS[1]));
  assert.ok((await page.textContent('#source-right-info')).includes(PAYLOADS[2]));
  const shown = await shownText(page);
  assert.deepEqual(PAYLOADS.filter((p) => !shown.includes(p)), []);
  await page.close();

  // Fragments that are not permalinks at all, and damaged ones.
  for (const hash of [
    '#<img src=x onerror=window.__pwned=true>',
    '#"><script>window.__pwned=true</script>',
    '#javascript:window.__pwned=true',
    '#z=<svg onload=window.__pwned=true>',
    `#z=${Buffer.from('<script>window.__pwned=true</script>').toString('base64url')}`,
    fragment({ v: 1, left: { text: 42 }, right: { text: ['<script>window.__pwned=true</script>'] } }),
  ]) {
    const other = await open(`${site.url}${hash}`, { wait: false });
    await other.page.waitForFunction(() => document.body.dataset.ready === 'true' || !document.querySelector('#message').hidden);
    await assertNothingRan(other, `fragment ${hash.slice(0, 40)}`);
    await other.page.close();
  }
});

test('a saved comparison whose labels, headings and names are payloads renders inert', async () => {
  const opened = await open(site.url);
  const { page } = opened;
  const comparison = await page.evaluate(
    async ([left, right]) => {
      const wasm = await import('/pkg/notice_diff.js');
      await wasm.default();
      return wasm.compare(left, right, {});
    },
    [notice(false), notice(true)],
  );
  // What a hand-edited JSON can hold: payloads wherever the schema has a string.
  let n = 0;
  const next = () => PAYLOADS[n++ % PAYLOADS.length];
  const poison = (blocks) => {
    for (const block of blocks) {
      block.label = next();
      block.heading = next();
      poison(block.children);
    }
  };
  poison(comparison.left.outline.blocks);
  poison(comparison.right.outline.blocks);
  comparison.left.outline.title = next();
  comparison.right.outline.title = next();
  await rendered(page, () =>
    page.setInputFiles('.file-input[data-side="left"]', {
      name: `${PAYLOADS[3].replaceAll('/', '∕')}.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(comparison)),
    }),
  );
  await assertNothingRan(opened, 'saved comparison');
  // Unknown enum values (a kind that is a payload) must not become markup either.
  comparison.pairs[0].kind = '<img src=x onerror=window.__pwned=true>';
  comparison.left.outline.blocks[0].kind = '"><svg onload=window.__pwned=true>';
  const renders = Number(await page.getAttribute('body', 'data-renders'));
  await page.setInputFiles('.file-input[data-side="left"]', {
    name: 'kinds.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(comparison)),
  });
  // Rendered, or refused with a message: either way the page has dealt with it.
  await page.waitForFunction(
    (n) => Number(document.body.dataset.renders) > n || !document.querySelector('#message').hidden,
    renders,
  );
  await assertNothingRan(opened, 'saved comparison with unknown kinds');
  await page.close();
});

test('the widget shows payload attributes, properties and slotted texts literally', async () => {
  const opened = await open(`${site.url}embed.html`, { wait: false });
  const { page } = opened;
  const results = await page.evaluate(
    async ([payloads, left, right]) => {
      await customElements.whenDefined('notice-diff');
      const made = [];
      const done = (el) =>
        new Promise((resolve) => {
          const finish = (event) => resolve(event.type);
          for (const type of ['notice-diff-compared', 'notice-diff-error']) {
            el.addEventListener(type, finish, { once: true });
          }
          setTimeout(() => resolve('timeout'), 20000);
        });
      // Properties.
      const a = document.createElement('notice-diff');
      a.left = left;
      a.right = right;
      const aDone = done(a);
      document.body.append(a);
      made.push(await aDone);
      // Attributes: every attribute the element observes, and a few it does not.
      for (const payload of payloads.slice(0, 20)) {
        const el = document.createElement('notice-diff');
        for (const name of ['lang', 'view', 'ignore-whitespace', 'fold-width', 'ignore-punctuation', 'fold-numerals', 'time-budget-ms', 'title', 'class', 'part']) {
          el.setAttribute(name, payload);
        }
        el.left = `一、${payload}`;
        el.right = `一、${payload}修订`;
        const elDone = done(el);
        document.body.append(el);
        made.push(await elDone);
      }
      // Sources that are script URLs or payloads: the widget must refuse to fetch them as code.
      const b = document.createElement('notice-diff');
      b.setAttribute('left-src', 'javascript:window.__pwned=true');
      b.setAttribute('right-src', 'data:text/html,<script>window.__pwned=true</script>');
      const bDone = done(b);
      document.body.append(b);
      made.push(await bDone);
      // Slotted inline texts.
      const c = document.createElement('notice-diff');
      for (const [side, text] of [['left', left], ['right', right]]) {
        const script = document.createElement('script');
        script.type = 'text/plain';
        script.slot = side;
        script.textContent = text;
        c.append(script);
      }
      const cDone = done(c);
      document.body.append(c);
      made.push(await cDone);
      return made;
    },
    [PAYLOADS, notice(false), notice(true)],
  );
  assert.ok(!results.includes('timeout'), `every widget finished: ${results}`);
  // The slotted <script type="text/plain"> elements are the host's own, not payloads.
  await page.evaluate(() => {
    for (const s of document.querySelectorAll('notice-diff > script[type="text/plain"]')) s.remove();
  });
  await assertNothingRan(opened, 'widget');
  const shown = await page.evaluate(() =>
    [...document.querySelectorAll('notice-diff')].map((el) => el.shadowRoot?.textContent ?? '').join('\n'),
  );
  assert.deepEqual(PAYLOADS.filter((p) => !shown.includes(p)), [], 'the widget shows every payload literally');
  await page.close();

  // The iframe embed's query parameters.
  const params = new URLSearchParams({
    left: 'javascript:window.__pwned=true',
    right: PAYLOADS[2],
    lang: PAYLOADS[0],
    view: PAYLOADS[4],
    origin: PAYLOADS[5],
  });
  const embed = await open(`${site.url}embed.html?${params}`, { wait: false });
  // The element says something (an error, most likely) once it has dealt with them.
  await embed.page.waitForFunction(() => (document.querySelector('notice-diff')?.shadowRoot?.textContent ?? '').trim().length > 0);
  await assertNothingRan(embed, 'embed parameters');
  await embed.page.close();
});

test('the iframe embed shows payloads sent by postMessage literally', async () => {
  // The page's own origin frames the embed, as a host would, and drives it by message.
  const opened = await open(site.url);
  const { page } = opened;
  const answers = await page.evaluate(
    async ([left, right, payload]) => {
      const frame = document.createElement('iframe');
      frame.src = 'embed.html';
      frame.dataset.testHost = '';
      const answers = [];
      const send = (message) => frame.contentWindow.postMessage(message, location.origin);
      const done = new Promise((resolve) => {
        window.addEventListener('message', (event) => {
          if (event.source !== frame.contentWindow) return;
          const { type, id } = event.data ?? {};
          if (type === 'notice-diff:ready') send({ type: 'notice-diff:compare', id: 1, left, right });
          if (type !== 'notice-diff:compared' && type !== 'notice-diff:error') return;
          answers.push([id, type]);
          // Then the same texts with every option a payload.
          if (id === 1) {
            const options = { view: payload, lang: payload, ignorePunctuation: payload, timeBudgetMs: payload };
            send({ type: 'notice-diff:compare', id: 2, left: right, right: left, options });
          } else resolve(answers);
        });
      });
      document.body.append(frame);
      return done;
    },
    [notice(false), notice(true), PAYLOADS[0]],
  );
  assert.deepEqual(answers[0], [1, 'notice-diff:compared'], 'texts of payloads are compared');
  assert.equal(answers[1]?.[0], 2, 'the message with payload options is answered');
  const frame = page.frames().find((f) => f.url().endsWith('embed.html'));
  assert.ok(frame, 'the embed frame is there');
  await assertNothingRan({ page, frame, dialogs: opened.dialogs }, 'embed by postMessage');
  await assertNothingRan(opened, 'embed host');
  const shown = await frame.evaluate(() => document.querySelector('notice-diff').shadowRoot.textContent);
  assert.deepEqual(PAYLOADS.filter((p) => !shown.includes(p)), [], 'the embed shows every payload literally');
  await page.close();
});
