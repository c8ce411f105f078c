// <notice-diff> by script: a host page on one origin includes the widget's one module from
// another origin (CORS) under a strict CSP, and drives it through attributes, properties,
// inline scripts, methods and events.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from './harness.mjs';
import { hostPolicy, NOTICES, repo, sites } from './fixtures/host/sites.mjs';
import { serve } from '../../scripts/serve.mjs';

let s;
before(async () => { s = await sites(); });
after(async () => { await s?.close(); });

const KINDS = ['identical', 'modified', 'moved', 'merged', 'split', 'left_only', 'right_only'];

/** The documented `notice-diff-compared` detail, and nothing that carries text. */
function assertStatistics(detail) {
  assert.deepEqual(Object.keys(detail).sort(), ['approximate', 'counts', 'options', 'similarity', 'stats']);
  assert.ok(detail.similarity >= 0 && detail.similarity <= 1, `similarity ${detail.similarity}`);
  assert.deepEqual(Object.keys(detail.stats).sort(), ['changes', 'deleted', 'inserted', 'unchanged']);
  for (const value of Object.values(detail.stats)) assert.ok(Number.isInteger(value) && value >= 0);
  assert.deepEqual(Object.keys(detail.counts).sort(), [...KINDS].sort());
  assert.equal(typeof detail.approximate, 'boolean');
  assert.equal(typeof detail.options, 'object');
}

const events = (page, type) => page.evaluate((t) => window.__events.filter((e) => !t || e.type === t), type);
const waitForEvents = (page, type, count) =>
  page.waitForFunction(([t, n]) => window.__events.filter((e) => e.type === t).length >= n, [type, count]);

test('a host on another origin, under a strict CSP, shows two independent widgets', async () => {
  const { page, errors } = await open(s.context, `${s.host}index.html`);
  await waitForEvents(page, 'notice-diff-compared', 2);

  const all = await events(page);
  for (const id of ['fetched', 'inline']) {
    assert.deepEqual(all.filter((e) => e.target === id).map((e) => e.type),
      ['notice-diff-ready', 'notice-diff-compared'], `${id}: ready, then compared, once each`);
  }
  for (const event of all) assert.ok(event.bubbles && event.composed, `${event.type} bubbles out of shadow roots`);

  // The fetched widget compared the host's own files, fetched relative to the host document.
  const fetched = await page.evaluate(() => {
    const { left, right, similarity, stats, counts, pairs } = document.getElementById('fetched').comparison;
    return { left: left.text, right: right.text, similarity, stats, counts, pairs: pairs.length };
  });
  assert.equal(fetched.left, await readFile(NOTICES['left.txt'], 'utf8'));
  assert.equal(fetched.right, await readFile(NOTICES['right.txt'], 'utf8'));
  const detail = all.find((e) => e.target === 'fetched' && e.type === 'notice-diff-compared').detail;
  assertStatistics(detail);
  assert.equal(detail.similarity, fetched.similarity);
  assert.deepEqual(detail.stats, fetched.stats);
  assert.deepEqual(detail.counts, fetched.counts);
  assert.equal(Object.values(detail.counts).reduce((a, b) => a + b), fetched.pairs);
  assert.deepEqual(detail.options, {});

  // The inline widget read its <script slot> children and its own options.
  const inline = all.find((e) => e.target === 'inline' && e.type === 'notice-diff-compared').detail;
  assertStatistics(inline);
  assert.deepEqual(inline.options, { ignorePunctuation: true });
  const texts = await page.evaluate(() => {
    const { comparison } = document.getElementById('inline');
    return [comparison.left.text, comparison.right.text];
  });
  assert.ok(texts[0].startsWith('一、元旦：1月1日放假') && texts[1].includes('三、清明节'));
  assert.notEqual(inline.similarity, detail.similarity);

  // Each widget rendered its own comparison into its own shadow root.
  const shown = await page.evaluate(() => ['fetched', 'inline'].map((id) => {
    const root = document.getElementById(id).shadowRoot;
    return { lang: root.querySelector('[part~="root"]').getAttribute('lang'), text: root.textContent };
  }));
  assert.equal(shown[0].lang, 'zh-CN');
  assert.equal(shown[1].lang, 'en');
  assert.ok(shown[0].text.includes(fetched.left.trim().slice(0, 4)));
  assert.ok(shown[1].text.includes('清明节') && !shown[1].text.includes(fetched.left.trim().slice(0, 4)));

  // Cross-origin, a module Worker is not allowed: the wasm ran on the main thread, fetched
  // from the widget's origin.
  const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  assert.ok(resources.includes(`${s.widget}pkg/notice_diff_bg.wasm`), resources.join('\n'));
  assert.ok(!resources.some((name) => name.endsWith('/worker.js')));

  assert.deepEqual(errors, []);
  await page.close();
});

test('inputs: properties win over inline scripts and sources; compare() resolves with the statistics', async () => {
  const { page, errors } = await open(s.context, `${s.host}empty.html`);
  await waitForEvents(page, 'notice-diff-ready', 1);
  assert.equal(await page.evaluate(() => document.getElementById('w').comparison), null);
  assert.match(await page.locator('#w [part~="status"]').textContent(), /两份通知/);

  // Sources, relative to the host document.
  await page.evaluate(() => {
    const w = document.getElementById('w');
    w.setAttribute('left-src', 'notices/other-left.txt');
    w.rightSrc = 'notices/other-right.txt';
  });
  await waitForEvents(page, 'notice-diff-compared', 1);
  const fromSources = await page.evaluate(() => document.getElementById('w').comparison.left.text);
  assert.equal(fromSources, await readFile(NOTICES['other-left.txt'], 'utf8'));

  // An inline script replaces the source of its side only.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.type = 'text/plain';
    script.slot = 'left';
    script.textContent = '一、元旦：1月1日放假，共1天。';
    document.getElementById('w').append(script);
  });
  await waitForEvents(page, 'notice-diff-compared', 2);
  const mixed = await page.evaluate(() => {
    const { left, right } = document.getElementById('w').comparison;
    return [left.text, right.text.length];
  });
  assert.equal(mixed[0], '一、元旦：1月1日放假，共1天。');
  assert.equal(mixed[1], (await readFile(NOTICES['other-right.txt'], 'utf8')).length);

  // compare() sets both properties, which win; it resolves with what the event carried.
  const result = await page.evaluate(async () => {
    const w = document.getElementById('w');
    const statistics = await w.compare('一、春节：放假7天。', '一、春节：放假8天。');
    const event = window.__events.filter((e) => e.type === 'notice-diff-compared').at(-1);
    return { statistics, event: event.detail, left: w.left, shown: w.comparison.left.text };
  });
  assertStatistics(result.statistics);
  assert.deepEqual(result.statistics, result.event);
  assert.equal(result.left, '一、春节：放假7天。');
  assert.equal(result.shown, '一、春节：放假7天。');
  assert.ok(result.statistics.similarity > 0.5 && result.statistics.similarity < 1);

  // Comparing the same texts again resolves at once, without a second comparison.
  const again = await page.evaluate(async () => {
    const before = window.__events.length;
    const statistics = await document.getElementById('w').compare('一、春节：放假7天。', '一、春节：放假8天。');
    return { statistics, added: window.__events.length - before };
  });
  assert.deepEqual(again.statistics, result.statistics);
  assert.equal(again.added, 0);

  const rejected = await page.evaluate(() => document.getElementById('w').compare('only one side').then(
    () => 'resolved', (error) => error.name));
  assert.equal(rejected, 'TypeError');

  // Clearing the properties falls back to the inline script and the source.
  await page.evaluate(() => {
    const w = document.getElementById('w');
    w.left = null;
    w.right = null;
  });
  await waitForEvents(page, 'notice-diff-compared', 4);
  assert.deepEqual(await page.evaluate(() => document.getElementById('w').comparison.left.text), mixed[0]);

  // A fetched source goes through the Rust reader: an HTML page arrives as its text.
  await page.evaluate(() => {
    const w = document.getElementById('w');
    w.querySelector('script[slot="left"]').remove();
    w.leftSrc = 'notices/govcn.html';
  });
  await waitForEvents(page, 'notice-diff-compared', 5);
  const html = await readFile(NOTICES['govcn.html'], 'utf8');
  const read = await page.evaluate(() => document.getElementById('w').comparison.left.text);
  assert.ok(html.includes('<') && read.length > 100 && read.length < html.length, `${read.length} of ${html.length}`);
  assert.ok(!/<\/?(p|div|span|html|body)\b/i.test(read), 'no markup left');
  assert.deepEqual(errors, []);
  await page.close();
});

test('errors: a missing source, an unreadable one; each as notice-diff-error and a rejected compare()', async () => {
  const { page, errors } = await open(s.context, `${s.host}empty.html`);
  await waitForEvents(page, 'notice-diff-ready', 1);
  await page.evaluate(() => {
    const w = document.getElementById('w');
    w.setAttribute('left-src', 'notices/missing.txt');
    w.setAttribute('right-src', 'notices/right.txt');
  });
  await waitForEvents(page, 'notice-diff-error', 1);
  let [error] = await events(page, 'notice-diff-error');
  assert.ok(error.bubbles && error.composed);
  assert.deepEqual(Object.keys(error.detail).sort(), ['code', 'message']);
  assert.equal(error.detail.code, 'fetch_failed');
  assert.match(error.detail.message, /HTTP 404/);
  assert.ok(error.detail.message.includes(`${s.host}notices/missing.txt`));
  assert.equal(await page.locator('#w [part~="error"]').textContent(), error.detail.message);

  // An empty file reaches the reader, which refuses it; the message is the reader's.
  await page.evaluate(() => document.getElementById('w').setAttribute('left-src', 'empty.txt'));
  await waitForEvents(page, 'notice-diff-error', 2);
  [, error] = await events(page, 'notice-diff-error');
  assert.equal(error.detail.code, 'read_failed');
  assert.match(error.detail.message, /empty\.txt/);

  // A later success clears the message.
  await page.evaluate(() => document.getElementById('w').setAttribute('left-src', 'notices/left.txt'));
  await waitForEvents(page, 'notice-diff-compared', 1);
  assert.equal(await page.locator('#w [part~="error"]').textContent(), '');

  assert.deepEqual(errors.filter((e) => !/status of 404/.test(e)), []);
  assert.equal(errors.length, 1, 'the one console error is the browser reporting the 404');
  await page.close();
});

test('a widget without a lang of its own follows its nearest ancestor\'s, across shadow roots', async () => {
  const { page, errors } = await open(s.context, `${s.host}empty.html`);
  await waitForEvents(page, 'notice-diff-ready', 1);
  // <div lang="en"> → a component's shadow root → <section> → <notice-diff>.
  await page.evaluate(async () => {
    const outer = document.createElement('div');
    outer.id = 'outer';
    outer.lang = 'en';
    const host = document.createElement('div');
    const section = document.createElement('section');
    host.attachShadow({ mode: 'open' }).append(section);
    const widget = document.createElement('notice-diff');
    section.append(widget);
    outer.append(host);
    document.body.append(outer);
    window.__nested = { widget, section };
    await widget.compare('一、春节：放假7天。', '一、春节：放假８天！');
    await document.getElementById('w').compare('一、春节：放假7天。', '一、春节：放假８天！');
  });
  // The page's own widget, outside the English part, speaks the page's Chinese.
  assert.equal(await page.getAttribute('#w >> [part~="root"]', 'lang'), 'zh-CN');
  const shown = () =>
    page.evaluate(() => {
      const root = window.__nested.widget.shadowRoot.querySelector('[part~="root"]');
      return { lang: root.getAttribute('lang'), text: root.textContent };
    });
  const until = (lang) =>
    page.waitForFunction((l) => window.__nested.widget.shadowRoot.querySelector('[part~="root"]').getAttribute('lang') === l, lang);
  const english = await shown();
  assert.equal(english.lang, 'en');

  // An ancestor inside the component's shadow root takes over …
  await page.evaluate(() => window.__nested.section.setAttribute('lang', 'zh'));
  await until('zh-CN');
  const chinese = await shown();
  assert.notEqual(chinese.text, english.text, 'the widget\'s own words changed language');
  // … and gives way again, to the one outside it, which changes too.
  await page.evaluate(() => window.__nested.section.removeAttribute('lang'));
  await until('en');
  assert.equal((await shown()).text, english.text);
  await page.evaluate(() => document.getElementById('outer').setAttribute('lang', 'zh-CN'));
  await until('zh-CN');
  assert.equal((await shown()).text, chinese.text);
  // A language is a re-render, not a new comparison.
  assert.equal((await events(page, 'notice-diff-compared')).length, 2);
  assert.deepEqual(errors, []);
  await page.close();
});

test('attribute changes in one task are one update; view and lang re-render without comparing', async () => {
  const { page, errors } = await open(s.context, `${s.host}empty.html`);
  await waitForEvents(page, 'notice-diff-ready', 1);
  await page.evaluate(() => document.getElementById('w').compare('一、春节：放假7天。', '一、春节：放假８天！'));
  // Counts the comparisons the widget starts: each one marks its root busy.
  await page.evaluate(() => {
    window.__busy = 0;
    const root = document.getElementById('w').shadowRoot.querySelector('[part~="root"]');
    new MutationObserver((records) => {
      for (const record of records) if (record.target.getAttribute('aria-busy') === 'true') window.__busy += 1;
    }).observe(root, { attributes: true, attributeFilter: ['aria-busy'] });
  });

  await page.evaluate(() => {
    const w = document.getElementById('w');
    w.setAttribute('ignore-whitespace', 'false');
    w.setAttribute('fold-width', 'false');
    w.setAttribute('ignore-punctuation', '');
    w.setAttribute('fold-numerals', 'true');
    w.setAttribute('time-budget-ms', '250');
  });
  await waitForEvents(page, 'notice-diff-compared', 2);
  const compared = (await events(page, 'notice-diff-compared')).at(-1).detail;
  assert.deepEqual(compared.options, {
    ignoreWhitespace: false, foldWidth: false, ignorePunctuation: true, foldNumerals: true, timeBudgetMs: 250,
  });
  assert.equal(await page.evaluate(() => window.__busy), 1, 'five attributes, one comparison');

  await page.evaluate(() => {
    const w = document.getElementById('w');
    w.setAttribute('view', 'inline');
    w.setAttribute('lang', 'en');
  });
  await page.waitForSelector('#w [part~="root"][lang="en"]');
  assert.equal(await page.evaluate(() => window.__busy), 1, 'view and lang do not compare again');
  assert.equal((await events(page, 'notice-diff-compared')).length, 2);

  // Removing an option attribute goes back to the default, which the engine applies.
  await page.evaluate(() => document.getElementById('w').removeAttribute('time-budget-ms'));
  await waitForEvents(page, 'notice-diff-compared', 3);
  assert.equal((await events(page, 'notice-diff-compared')).at(-1).detail.options.timeBudgetMs, undefined);
  assert.equal(await page.evaluate(() => window.__busy), 2);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a comparison that runs out of its time budget comes back coarse, and says so', async () => {
  const { page, errors } = await open(s.context, `${s.host}empty.html`);
  await waitForEvents(page, 'notice-diff-ready', 1);
  // A budget of 1 ms has run out before the outlines and the alignment of two 100 KB texts
  // are done, so every diff is cut short to one trimmed replacement (no timing involved: a
  // machine would need to outline and align 200 KB in under a millisecond to pass it).
  const statistics = await page.evaluate(() => {
    const text = (seed) => {
      const words = ['放假', '调休', '工会', '职工', '通知', '安排', '春节', '国庆', '上班', '值班'];
      let x = seed;
      let out = '';
      for (let i = 1; out.length < 50_000; i++) {
        if (i % 40 === 0) out += `${i / 40}、`;
        x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
        out += words[x % words.length] + (i % 40 === 39 ? '。\n' : '');
      }
      return out;
    };
    const w = document.getElementById('w');
    w.setAttribute('time-budget-ms', '1');
    return w.compare(text(1), text(2));
  });
  assert.equal(statistics.approximate, true);
  assert.equal(statistics.options.timeBudgetMs, 1);
  const note = page.locator('#w .nd-approximate');
  assert.ok(await note.isVisible(), 'the summary says the comparison is coarse');
  assert.match(await note.textContent(), /粗略/);
  assert.ok(await page.locator('#w .nd-approx').count() > 0, 'and so does each coarse pair');

  // Without the budget the same texts compare exactly.
  const exact = await page.evaluate(() => {
    const w = document.getElementById('w');
    w.removeAttribute('time-budget-ms');
    return w.compare(w.left, w.right);
  });
  assert.equal(exact.approximate, false);
  assert.equal(await page.locator('#w .nd-approximate').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('select: a click, next() and prev() report the pair; two widgets do not share a selection', async () => {
  const { page, errors } = await open(s.context, `${s.host}index.html`);
  await waitForEvents(page, 'notice-diff-compared', 2);

  const first = await page.evaluate(() => document.getElementById('inline').next());
  await waitForEvents(page, 'notice-diff-select', 1);
  const [event] = await events(page, 'notice-diff-select');
  assert.equal(event.target, 'inline');
  assert.ok(event.bubbles && event.composed);
  assert.deepEqual(event.detail, first);
  assert.deepEqual(Object.keys(first).sort(),
    ['change', 'kind', 'left', 'left_range', 'path', 'right', 'right_range', 'similarity', 'stats']);
  assert.notEqual(first.kind, 'identical', 'next() stops at changes');
  assert.equal(first.change.index, 0);
  const { total } = first.change;
  assert.ok(total >= 2, `the inline notices differ in several places (${total})`);

  // The detail is the pair at `path` in the comparison, minus its ops and children.
  const pair = await page.evaluate((path) => {
    let pairs = document.getElementById('inline').comparison.pairs;
    let pair;
    for (const index of path) { pair = pairs[index]; pairs = pair.children; }
    return pair;
  }, first.path);
  for (const key of ['kind', 'left', 'right', 'left_range', 'right_range', 'similarity', 'stats']) {
    assert.deepEqual(first[key], pair[key], key);
  }

  // Every change in reading order, then around again; prev() from the first is the last.
  const indices = await page.evaluate((n) => {
    const w = document.getElementById('inline');
    return Array.from({ length: n }, () => w.next().change.index);
  }, total);
  assert.deepEqual(indices, [...Array.from({ length: total - 1 }, (_, i) => i + 1), 0]);
  const back = await page.evaluate(() => document.getElementById('inline').prev());
  assert.deepEqual(back.change, { index: total - 1, total });
  assert.equal(await page.locator('#inline [part~="pair"][aria-current="true"]').count(), 1);

  // A click on a pair of the other widget selects it there, and only there.
  assert.equal(await page.locator('#fetched [aria-current="true"]').count(), 0);
  const before = (await events(page, 'notice-diff-select')).length;
  const row = page.locator('#fetched [part~="pair"]').nth(1);
  const key = await row.getAttribute('data-key');
  await row.locator('[part~="cell"]').first().click();
  await waitForEvents(page, 'notice-diff-select', before + 1);
  const clicked = (await events(page, 'notice-diff-select')).at(-1);
  assert.equal(clicked.target, 'fetched');
  assert.deepEqual(clicked.detail.path, key.split('-').map(Number));
  assert.equal(clicked.detail.change, null);
  assert.equal(await page.locator('#fetched [aria-current="true"]').count(), 1);
  assert.equal(await page.locator('#inline [aria-current="true"]').count(), 1);

  // The outline's links go to a pair too, and say so once.
  const link = page.locator('#fetched [part~="outline"] a').nth(3);
  const target = await link.getAttribute('data-key');
  await link.click();
  await waitForEvents(page, 'notice-diff-select', before + 2);
  const viaOutline = (await events(page, 'notice-diff-select')).slice(before + 1);
  assert.equal(viaOutline.length, 1);
  assert.deepEqual(viaOutline[0].detail.path, target.split('-').map(Number));
  assert.equal(await page.locator(`#fetched [part~="pair"][data-key="${target}"]`).getAttribute('aria-current'), 'true');
  assert.deepEqual(errors, []);
  await page.close();
});

test('registration: importing the define module twice is harmless; another tag gets its own subclass', async () => {
  const { page, errors } = await open(s.context, `${s.host}empty.html`);
  await waitForEvents(page, 'notice-diff-ready', 1);
  const result = await page.evaluate(async (widget) => {
    const original = customElements.get('notice-diff');
    // The define module evaluated a second time (another URL) …
    await import(`${widget}notice-diff-define.js?again`);
    // … and a second copy of the class itself: the first registration stays.
    const copy = await import(`${widget}notice-diff-element.js?copy`);
    const copyDefines = copy.NoticeDiff.define();
    const { NoticeDiff } = await import(`${widget}notice-diff-element.js`);
    const other = NoticeDiff.define('other-diff');
    const element = document.createElement('other-diff');
    const statistics = await element.compare('一、甲。', '一、乙。');
    return {
      kept: customElements.get('notice-diff') === original,
      copyKeepsTheFirst: copy.NoticeDiff !== original && copyDefines === original,
      sameClass: NoticeDiff === original,
      subclass: other !== NoticeDiff && element instanceof NoticeDiff,
      sameAgain: NoticeDiff.define('other-diff') === other,
      similarity: statistics.similarity,
    };
  }, s.widget);
  assert.deepEqual(result, {
    kept: true, copyKeepsTheFirst: true, sameClass: true, subclass: true, sameAgain: true,
    similarity: result.similarity,
  });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a widget whose engine cannot load says load_failed, and never that it is ready', async () => {
  // A deployment without the wasm: www/ as it is, but pkg/ holds only the JS glue.
  const dir = await mkdtemp(join(tmpdir(), 'notice-diff-nowasm-'));
  const www = join(repo, 'www');
  await mkdir(join(dir, 'widget/pkg'), { recursive: true });
  for (const name of await readdir(www)) {
    if (name !== 'pkg') await symlink(join(www, name), join(dir, 'widget', name));
  }
  await symlink(join(www, 'pkg/notice_diff.js'), join(dir, 'widget/pkg/notice_diff.js'));
  await mkdir(join(dir, 'host'));
  const body = (src) => `<!doctype html><meta charset="utf-8"><title>no wasm</title>
<script type="module" src="${src}"></script>
<notice-diff id="w"><script type="text/plain" slot="left">一、元旦：1月1日放假，共1天。</script>
<script type="text/plain" slot="right">一、元旦：1月1日至3日放假，共3天。</script></notice-diff>`;
  await writeFile(join(dir, 'widget/same-origin.html'), body('notice-diff-define.js'));
  const widget = await serve({ root: join(dir, 'widget'), port: 0, headers: { 'access-control-allow-origin': '*' } });
  const hostHeaders = { 'content-security-policy': hostPolicy(new URL(widget.url).origin, 'http://127.0.0.1:1') };
  const host = await serve({ root: join(dir, 'host'), port: 0, headers: hostHeaders });
  await writeFile(join(dir, 'host/cross-origin.html'), body(`${widget.url}notice-diff-define.js`));
  try {
    // The same origin runs the engine in a worker, the other on the main thread.
    for (const url of [`${widget.url}same-origin.html`, `${host.url}cross-origin.html`]) {
      const { page, errors } = await open(s.context, url);
      await waitForEvents(page, 'notice-diff-error', 1);
      const all = await events(page);
      assert.deepEqual(all.map((e) => [e.type, e.detail.code]), [['notice-diff-error', 'load_failed']], url);
      assert.equal(await page.locator('#w [part~="error"]').textContent(), all[0].detail.message);
      // In words a reader understands (the browser's reason goes to the console for the developer).
      assert.match(all[0].detail.message, /^对比引擎未能加载/, url);
      assert.equal(await page.evaluate(() => document.getElementById('w').comparison), null);
      const rejected = await page.evaluate(() => document.getElementById('w').compare('一、甲方。', '一、乙方。')
        .then(() => null, (error) => error.code));
      assert.equal(rejected, 'load_failed', url);
      // The browser reports the missing wasm (cross-origin, serve.mjs's 404 has no CORS header).
      assert.deepEqual(errors.filter((e) => !/status of 404|notice_diff_bg\.wasm|net::ERR_FAILED|^notice-diff: the engine could not be loaded/.test(e)), [], url);
      await page.close();
    }
  } finally {
    widget.server.close();
    host.server.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('properties a host set before the element was defined are taken up when it is', async () => {
  // plain.html has the widgets' markup and no widget script yet.
  const { page, errors } = await open(s.context, `${s.host}plain.html`);
  await page.evaluate(async (widget) => {
    const early = document.getElementById('inline');
    early.left = '一、春节：放假7天。';
    early.right = '一、春节：放假8天。';
    early.view = 'side-by-side';
    await import(`${widget}notice-diff-define.js`);
  }, s.widget);
  await waitForEvents(page, 'notice-diff-compared', 2);
  const taken = await page.evaluate(() => {
    const early = document.getElementById('inline');
    return [early.comparison.left.text, early.comparison.right.text, early.getAttribute('view'), Object.hasOwn(early, 'left')];
  });
  assert.deepEqual(taken, ['一、春节：放假7天。', '一、春节：放假8天。', 'side-by-side', false]);
  assert.deepEqual(errors, []);
  await page.close();
});
