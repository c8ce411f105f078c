// The page as a user meets it: it opens on a comparison, texts are chosen from the examples,
// pasted or opened from files, and failures leave the last comparison on screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start } from './harness.mjs';
import { openPage, rendered, headings, fixture, exampleText, examplesIndex, recordWorkerMessages, holdRequests, serveExample } from './page-helpers.mjs';

let browser;
before(async () => {
  browser = await start();
});
after(async () => {
  await browser?.close();
});

const index = examplesIndex();
const titleOf = (file) => index.examples.find((e) => e.file === file).title;

/** What the engine itself says for these texts, computed in the page (main thread). */
async function engineCompare(page, left, right, options = {}) {
  return page.evaluate(
    async ([l, r, o]) => {
      const wasm = await import('/pkg/notice_diff.js');
      await wasm.default();
      return wasm.compare(l, r, o);
    },
    [left, right, options],
  );
}

/** Every pair, flattened in reading order with its key ("3", "3-1"). */
function flatten(pairs, parent = null, out = []) {
  pairs.forEach((pair, i) => {
    const key = parent === null ? String(i) : `${parent}-${i}`;
    out.push({ key, pair });
    flatten(pair.children, key, out);
  });
  return out;
}

/** The names of the page's own performance marks, without their prefix. */
const marks = (page) =>
  page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name.replace('notice-diff:', '')));

test('the page opens on the default example comparison, exactly as the engine computes it', async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  // What is checked below is the comparison the build made (scripts/build-default-comparison.mjs).
  assert.ok((await marks(page)).includes('prepared'), 'the page showed the comparison made at build time');
  const [leftFile, rightFile] = index.default;
  const comparison = await engineCompare(page, exampleText(leftFile), exampleText(rightFile), {
    ignoreWhitespace: true,
    foldWidth: true,
    ignorePunctuation: false,
    foldNumerals: false,
  });

  // The summary says what the engine said.
  const similarity = await page.textContent('.nd-score-value');
  assert.match(similarity, /^\d{1,3}%$/);
  const percent = Number(similarity.slice(0, -1));
  assert.ok(Math.abs(percent - comparison.similarity * 100) <= 1, `${similarity} vs ${comparison.similarity}`);
  assert.ok(percent > 0 && percent < 100, 'two different notices are neither identical nor unrelated');
  for (const [kind, n] of Object.entries(comparison.counts)) {
    assert.equal(await page.textContent(`.nd-count[data-kind="${kind}"] .nd-count-n`), String(n), kind);
  }

  // The columns are titled by the examples' readable titles.
  const [lh, rh] = await headings(page);
  assert.ok(lh.includes(titleOf(leftFile)), lh);
  assert.ok(rh.includes(titleOf(rightFile)), rh);
  assert.equal(await page.inputValue('.example-select[data-side="left"]'), leftFile);
  assert.equal(await page.inputValue('.example-select[data-side="right"]'), rightFile);

  // One row per pair; every leaf row shows its blocks' text, with the deleted and inserted
  // pieces of the ops marked — nothing more, nothing less.
  const flat = flatten(comparison.pairs);
  assert.equal(await page.locator('#pairs .nd-pair').count(), flat.length);
  const blocks = (outline) => {
    const map = new Map();
    const walk = (list) => list.forEach((b) => (map.set(b.id, b), walk(b.children)));
    walk(outline.blocks);
    return map;
  };
  const lb = blocks(comparison.left.outline);
  const rb = blocks(comparison.right.outline);
  for (const { key, pair } of flat.filter((f) => f.pair.children.length === 0)) {
    const shown = await page.$eval(`#nd-p-${key}`, (row) => ({
      left: Array.from(row.querySelectorAll('.nd-cell.nd-left .nd-text'), (n) => n.textContent),
      right: Array.from(row.querySelectorAll('.nd-cell.nd-right .nd-text'), (n) => n.textContent),
      del: Array.from(row.querySelectorAll('del'), (n) => n.textContent).join(''),
      ins: Array.from(row.querySelectorAll('ins'), (n) => n.textContent).join(''),
      label: row.getAttribute('aria-label'),
    }));
    const text = (side, map, ids) => ids.map((id) => side.text.slice(map.get(id).range.start, map.get(id).range.end));
    assert.deepEqual(shown.left, text(comparison.left, lb, pair.left), `left of pair ${key}`);
    assert.deepEqual(shown.right, text(comparison.right, rb, pair.right), `right of pair ${key}`);
    const spans = (kind, side) =>
      pair.ops.filter((op) => op.kind === kind).map((op) => comparison[side].text.slice(op[side].start, op[side].end)).join('');
    assert.equal(shown.del, spans('delete', 'left'), `deletions of pair ${key}`);
    assert.equal(shown.ins, spans('insert', 'right'), `insertions of pair ${key}`);
    if (pair.kind === 'modified') {
      assert.match(shown.label, new RegExp(`${pair.stats.changes} 处修改，相似度 \\d+%$`), `summary of pair ${key}`);
    }
  }
  assert.deepEqual(errors, []);
});

test('index.html preloads the default pair index.json names, and index.json decides when they differ', async () => {
  // boot.js sends the preloaded pair to the engine before index.json arrives: the two must
  // agree, or every page load compares twice.
  const html = readFileSync(new URL('../../www/index.html', import.meta.url), 'utf8');
  const preloaded = (side) => html.match(new RegExp(`<link rel="preload" href="examples/([^"]+)"[^>]*data-default="${side}"`))?.[1];
  assert.deepEqual([preloaded('left'), preloaded('right')], index.default);

  // An index.json that names another pair (index.html out of date) still wins.
  const [a, b] = [index.examples[2].file, index.examples[3].file];
  assert.notDeepEqual([a, b], index.default);
  const page = await browser.context.newPage();
  await page.route(/\/examples\/index\.json$/, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ...index, default: [a, b] }) }),
  );
  await page.goto(browser.url);
  await page.waitForSelector('body[data-ready="true"]');
  const [lh, rh] = await headings(page);
  assert.ok(lh.includes(titleOf(a)), lh);
  assert.ok(rh.includes(titleOf(b)), rh);
  const rightText = await page.$$eval('#pairs .nd-right .nd-text', (n) => n.map((x) => x.textContent).join(''));
  assert.ok(rightText.includes(exampleText(b).trim().slice(0, 8)), 'the right column holds index.json\'s right notice');
  await page.close();
});

test('until the first comparison is in, only the header is shown; a slow engine shows the rest with its progress', async () => {
  const page = await browser.context.newPage();
  // Both ways to the first comparison held: the build's file and the engine.
  const release = await holdRequests(page, /\/pkg\/(notice_diff_bg\.wasm|default-comparison\.json)$/);
  await page.goto(browser.url, { waitUntil: 'domcontentloaded' });
  // Only the header is laid out while the engine loads (the first frame stays cheap).
  assert.ok(await page.isVisible('header.top'));
  assert.equal(await page.isVisible('#inputs'), false);
  assert.equal(await page.isVisible('#comparison'), false);
  // A slow engine: the page shows itself anyway, saying what it waits for.
  await page.waitForSelector('#inputs', { state: 'visible' });
  await page.waitForSelector('#progress.active', { state: 'visible' });
  assert.equal(await page.getAttribute('body', 'data-ready'), null, 'no comparison yet');
  release();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.isVisible('#pairs .nd-pair'), true);
  assert.equal(await page.getAttribute('body', 'class'), 'nd');
  await page.close();
});

test('the comparison made at build time is on screen before the engine has loaded', async () => {
  const page = await browser.context.newPage();
  const release = await holdRequests(page, /\/pkg\/notice_diff_bg\.wasm$/);
  await page.goto(browser.url);
  await page.waitForSelector('body[data-ready="true"]');
  assert.ok(await page.isVisible('#pairs .nd-pair'));
  assert.ok(!(await marks(page)).includes('engine-ready'), 'the engine was still loading');
  // Once it has loaded, everything else works as usual.
  release();
  await rendered(page, () => page.selectOption('.example-select[data-side="right"]', index.examples[0].file));
  const [, rh] = await headings(page);
  assert.ok(rh.includes(index.examples[0].title), rh);
  await page.close();
});

test('a comparison file that does not match the examples is not shown: the engine compares them', async () => {
  const prepared = JSON.parse(readFileSync(new URL('../../www/pkg/default-comparison.json', import.meta.url), 'utf8'));
  const rightFile = index.default[1];
  const edited = exampleText(rightFile).replace('十七', '十八');
  assert.notEqual(edited, exampleText(rightFile));
  const stale = [
    // An example edited after the build: the file still holds the old text.
    { text: JSON.stringify(prepared), example: edited },
    // Made under other options.
    { text: JSON.stringify({ ...prepared, options: { ...prepared.options, foldNumerals: true } }) },
    // Not there at all, or not JSON.
    { status: 404, text: 'not found' },
    { text: '{"leftFile":' },
  ];
  for (const { status = 200, text, example } of stale) {
    const page = await browser.context.newPage();
    await page.route(/\/pkg\/default-comparison\.json$/, (route) => route.fulfill({ status, contentType: 'application/json', body: text }));
    if (example) await serveExample(page, rightFile, example);
    await page.goto(browser.url);
    await page.waitForSelector('body[data-ready="true"]');
    const seen = await marks(page);
    assert.ok(seen.includes('engine-ready') && !seen.includes('prepared'), `${text.slice(0, 40)}: ${seen}`);
    const shown = await page.$$eval('#pairs .nd-right .nd-text', (nodes) => nodes.map((n) => n.textContent).join(''));
    assert.equal(shown.includes('十八'), Boolean(example), 'the right column shows the text as it is now');
    await page.close();
  }
});

test('without scripts the page says what it needs instead of showing controls that cannot work', async () => {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
  await page.goto(browser.url);
  const said = await page.$eval('.top .tagline', (node) => getComputedStyle(node, '::after').content);
  assert.match(said, /JavaScript/);
  assert.equal(await page.isVisible('#inputs'), false);
  await page.close();
});

test('choosing two other examples compares them', async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  const before = await page.textContent('.nd-score-value');
  const [a, b] = [index.examples[2].file, index.examples[3].file];
  await rendered(page, () => page.selectOption('.example-select[data-side="left"]', a));
  await rendered(page, () => page.selectOption('.example-select[data-side="right"]', b));
  const [lh, rh] = await headings(page);
  assert.ok(lh.includes(titleOf(a)), lh);
  assert.ok(rh.includes(titleOf(b)), rh);
  assert.match(await page.textContent('#source-left-info'), new RegExp(titleOf(a)));
  assert.ok((await page.textContent('#source-left-info')).endsWith(` · ${Array.from(exampleText(a)).length} 字`), 'its length in characters');
  const after = await page.textContent('.nd-score-value');
  assert.match(after, /^\d+%$/);
  assert.notEqual(after, before, 'other notices, another similarity');
  // The right column shows the right notice's text.
  const rightText = await page.$$eval('#pairs .nd-right .nd-text', (n) => n.map((x) => x.textContent).join(''));
  assert.ok(rightText.includes(exampleText(b).trim().slice(0, 20).trim().slice(0, 8)), 'right column holds the chosen notice');
  assert.deepEqual(errors, []);
});

test('swapping exchanges the sides', async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  const [lh, rh] = await headings(page);
  const counts = await page.$$eval('.nd-count', (n) => n.map((x) => [x.dataset.kind, x.querySelector('.nd-count-n').textContent]));
  await rendered(page, () => page.click('#swap'));
  const [lh2, rh2] = await headings(page);
  assert.equal(lh2.split(' · ')[1], rh.split(' · ')[1]);
  assert.equal(rh2.split(' · ')[1], lh.split(' · ')[1]);
  const counts2 = Object.fromEntries(await page.$$eval('.nd-count', (n) => n.map((x) => [x.dataset.kind, x.querySelector('.nd-count-n').textContent])));
  const before = Object.fromEntries(counts);
  // Added and removed trade places when the sides do.
  assert.equal(counts2.left_only, before.right_only);
  assert.equal(counts2.right_only, before.left_only);
  assert.deepEqual(errors, []);
});

test('pasted text is compared, shown as text (never as markup), and identical parts fold away', async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  const left = exampleText(index.default[0]);
  // The same notice with one sentence changed, and some markup that must stay text.
  const changed = left.replace('胜利召开', '隆重召开𠀀<img src=x onerror="document.body.dataset.pwned=1"><script>document.body.dataset.pwned=2</script>');
  assert.notEqual(changed, left);
  await page.click('.paste-toggle[data-side="right"]');
  assert.equal(await page.getAttribute('.paste-toggle[data-side="right"]', 'aria-expanded'), 'true');
  await page.fill('.paste-text[data-side="right"]', changed);
  await rendered(page, () => page.click('.paste-apply[data-side="right"]'));
  assert.match(await page.textContent('#source-right-info'), /粘贴的文本/);
  // Characters, not UTF-16 code units: 𠀀 (outside the BMP) counts once.
  assert.ok((await page.textContent('#source-right-info')).endsWith(` · ${Array.from(changed).length} 字`));
  assert.notEqual(Array.from(changed).length, changed.length);
  assert.ok((await page.textContent('#pairs .nd-right')).length > 0);
  const inserted = await page.$$eval('#pairs ins', (n) => n.map((x) => x.textContent).join(''));
  assert.ok(inserted.includes('<img src=x'), `the markup is shown as typed: ${inserted.slice(0, 80)}`);
  assert.equal(await page.locator('#pairs img, #pairs script').count(), 0);
  assert.equal(await page.getAttribute('body', 'data-pwned'), null);
  // Everything else is identical and folded.
  const folded = await page.locator('#pairs details.nd-same:not([open])').count();
  assert.ok(folded >= 1, 'identical pairs are folded');
  const changedRows = await page.locator('#pairs .nd-pair.nd-k-modified').count();
  assert.ok(changedRows >= 1 && changedRows <= 3, `only the changed paragraph differs: ${changedRows}`);
  assert.deepEqual(errors, []);
});

test('a GBK text file is read by the engine and compared', async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  // The fixture is a revision of this example, whichever pair the page opens on.
  if ((await page.inputValue('.example-select[data-side="left"]')) !== 'guangyuan-2016-gonghui-7th.txt') {
    await rendered(page, () => page.selectOption('.example-select[data-side="left"]', 'guangyuan-2016-gonghui-7th.txt'));
  }
  await rendered(page, () => page.setInputFiles('.file-input[data-side="right"]', fixture('guangyuan-revised-gbk.txt')));
  const info = await page.textContent('#source-right-info');
  assert.match(info, /guangyuan-revised-gbk\.txt/);
  assert.match(info, /GB/i, `the encoding is shown: ${info}`);
  const right = await page.textContent('#pairs');
  assert.ok(right.includes('12月16日至18日'), 'the GBK text is decoded');
  assert.ok(!right.includes('\uFFFD'), 'no replacement characters');
  const similarity = Number((await page.textContent('.nd-score-value')).slice(0, -1));
  assert.ok(similarity >= 90, `a lightly edited copy is very similar: ${similarity}%`);
  assert.deepEqual(errors, []);
});

test('the same notice as .docx, GBK web page or UTF-16 text compares as (nearly) identical to its .txt', async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  const formats = fixture('../../fixtures/formats/');
  for (const [example, file, format, least] of [
    ['fangshan-2019-beijing-14th.txt', 'fangshan-2019-beijing-14th.docx', /DOCX/, 95],
    // Line breaks and, for the web page, a little of the page around it may differ.
    ['wujin-2018-gonghui-17th.txt', 'wujin-2018-gonghui-17th.gbk.html', /HTML · GBK/, 95],
    ['quzhou-2018-speech-17th.txt', 'quzhou-2018-speech-17th.utf16be-bom.txt', /UTF-16/, 95],
  ]) {
    await rendered(page, () => page.selectOption('.example-select[data-side="left"]', example));
    await rendered(page, () => page.setInputFiles('.file-input[data-side="right"]', `${formats}${file}`));
    assert.match(await page.textContent('#source-right-info'), format);
    const similarity = Number((await page.textContent('.nd-score-value')).slice(0, -1));
    assert.ok(similarity >= least, `${file}: ${similarity}%`);
  }
  assert.deepEqual(errors, []);
});

test('a .docx file, opened or dropped, is read by the engine and compared', async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  await rendered(page, () => page.setInputFiles('.file-input[data-side="left"]', fixture('holiday-notice.docx')));
  const info = await page.textContent('#source-left-info');
  assert.match(info, /holiday-notice\.docx/);
  assert.match(info, /DOCX/);
  const left = await page.$$eval('#pairs .nd-left .nd-text', (n) => n.map((x) => x.textContent).join('\n'));
  assert.ok(left.includes('强化宣传引导'), 'the document text is shown');
  assert.ok(!left.includes('w:document') && !left.includes('PK'), 'not the raw zip');

  // Dropping the same file on the right side reads it there.
  const { readFileSync } = await import('node:fs');
  const bytes = Array.from(readFileSync(fixture('holiday-notice.docx')));
  const drop = await page.evaluateHandle((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], 'dropped.docx'));
    return transfer;
  }, bytes);
  await rendered(page, async () => {
    await page.dispatchEvent('#source-right', 'dragenter', { dataTransfer: drop });
    await page.dispatchEvent('#source-right', 'dragover', { dataTransfer: drop });
    await page.dispatchEvent('#source-right', 'drop', { dataTransfer: drop });
  });
  assert.match(await page.textContent('#source-right-info'), /dropped\.docx/);
  assert.equal(await page.textContent('.nd-score-value'), '100%');
  assert.deepEqual(errors, []);
});

test('a PDF is refused with a clear message, and the previous comparison stays', async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  const before = await page.innerHTML('#pairs');
  const score = await page.textContent('.nd-score-value');
  await page.setInputFiles('.file-input[data-side="right"]', fixture('scanned-notice.pdf'));
  await page.waitForSelector('#message:not([hidden])');
  const message = await page.textContent('#message-text');
  assert.match(message, /scanned-notice\.pdf/);
  assert.match(message, /这是PDF 文件/, `worded in the page's language: ${message}`);
  assert.match(message, /请从 PDF 中复制文字后粘贴/, `it says what to do: ${message}`);
  assert.ok(await page.isVisible('#message-kept'));
  assert.equal(await page.innerHTML('#pairs'), before, 'the old comparison is untouched');
  assert.equal(await page.textContent('.nd-score-value'), score);
  assert.doesNotMatch(await page.textContent('#source-right-info'), /pdf/);
  // Dismissable, and keyboard reachable.
  await page.click('#message-close');
  assert.equal(await page.isVisible('#message'), false);
  assert.deepEqual(errors, []);
});

test('an empty file is refused in the page language, the comparison kept', async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  const before = await page.innerHTML('#pairs');
  await page.setInputFiles('.file-input[data-side="left"]', fixture('empty.txt'));
  await page.waitForSelector('#message:not([hidden])');
  assert.match(await page.textContent('#message-text'), /empty\.txt/);
  assert.match(await page.textContent('#message-text'), /空|empty/);
  assert.equal(await page.innerHTML('#pairs'), before);
  assert.deepEqual(errors, []);
});

test('options re-run the comparison at once with the chosen settings', async () => {
  const { page, errors } = await openPage(browser.context, browser.url, { initScript: recordWorkerMessages });
  const compares = async () => page.evaluate(() => window.__posted.filter((m) => m.type === 'compare'));
  // The default pair is compared by the page itself (boot.js), under the defaults the boxes show;
  // the worker gets every comparison after it.
  assert.deepEqual(await compares(), []);
  const boxes = await page.$$eval('#options input', (inputs) => Object.fromEntries(inputs.map((i) => [i.name, i.checked])));
  assert.deepEqual(boxes, { ignoreWhitespace: true, foldWidth: true, ignorePunctuation: false, foldNumerals: false });
  await rendered(page, () => page.check('#options input[name="ignorePunctuation"]'));
  assert.equal((await compares()).at(-1).options.ignorePunctuation, true);
  await rendered(page, () => page.uncheck('#options input[name="ignoreWhitespace"]'));
  assert.deepEqual((await compares()).at(-1).options, { ignoreWhitespace: false, foldWidth: true, ignorePunctuation: true, foldNumerals: false });
  await rendered(page, () => page.check('#options input[name="foldNumerals"]'));
  assert.equal((await compares()).at(-1).options.foldNumerals, true);
  assert.deepEqual(errors, []);
});

test('a new request cancels the one still running; only the last result is shown', async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  const outcome = await page.evaluate(async () => {
    const { Engine } = await import('/engine.js');
    const engine = new Engine();
    const long = '一、'.concat('通知正文内容。'.repeat(4000));
    const first = engine.compare(long, long.replace('正文', '全文'), {});
    const second = engine.compare('甲、乙', '甲、丙', {});
    const results = await Promise.allSettled([first, second]);
    engine.terminate();
    return results.map((r) => (r.status === 'fulfilled' ? `ok ${r.value.right.text}` : `${r.reason.name}`));
  });
  assert.deepEqual(outcome, ['AbortError', 'ok 甲、丙']);
  assert.deepEqual(errors, []);
});

test('a file over the reader’s limit is refused, saying how large it is', async () => {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = await mkdtemp(join(tmpdir(), 'notice-diff-large-'));
  try {
    const path = join(dir, 'huge.txt');
    await writeFile(path, Buffer.alloc(21 * 1024 * 1024, '通'));
    const { page, errors } = await openPage(browser.context, browser.url);
    const before = await page.innerHTML('#pairs');
    await page.setInputFiles('.file-input[data-side="left"]', path);
    await page.waitForSelector('#message:not([hidden])');
    // The size and the reader's limit, both.
    assert.match(await page.textContent('#message-text'), /^无法读取文件“huge\.txt”：文件太大（21\.0 MB），最多可读取 20\.0 MB。/);
    assert.equal(await page.innerHTML('#pairs'), before);
    assert.deepEqual(errors, []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('page clutter on one side is labelled as such, not as added or removed', async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  // The dalian notice was copied from its web page ("发布时间:…", "上一篇:…"); fangshan was not.
  for (const [side, file] of [['left', 'fangshan-2019-beijing-14th.txt'], ['right', 'dalian-2020-gonghui-17th.txt']]) {
    if ((await page.inputValue(`.example-select[data-side="${side}"]`)) !== file) {
      await rendered(page, () => page.selectOption(`.example-select[data-side="${side}"]`, file));
    }
  }
  const rows = (selector) =>
    page.$$eval(selector, (nodes) =>
      nodes.map((row) => ({ chip: row.querySelector('.nd-gutter .nd-chip')?.textContent ?? '', label: row.getAttribute('aria-label'), text: row.textContent })),
    );
  const clutter = await rows('#pairs .nd-pair.nd-clutter');
  assert.ok(clutter.some((row) => row.text.includes('发布时间')), JSON.stringify(clutter));
  assert.ok(clutter.some((row) => row.text.includes('上一篇')), JSON.stringify(clutter));
  for (const row of clutter) {
    assert.match(row.chip, /网页杂项/);
    assert.match(row.label, /网页杂项，仅右侧有$/);
  }
  // Content that is only on one side is still an addition.
  const added = (await rows('#pairs .nd-pair.nd-k-right_only:not(.nd-clutter)')).find((row) => row.text.includes('大工发'));
  assert.ok(added, 'the document number is an addition');
  assert.match(added.chip, /新增/);
  const outline = await page.$$eval('#outline .nd-outline-item.nd-clutter > a', (n) => n.map((x) => x.textContent));
  assert.equal(outline.length, clutter.length);
  for (const entry of outline) assert.ok(entry.includes('网页杂项') && !entry.includes('新增'), entry);
  // Swapped, the clutter is on the left; in English, it is page clutter.
  await rendered(page, () => page.click('#swap'));
  await rendered(page, () => page.click('#lang'));
  const swapped = await rows('#pairs .nd-pair.nd-clutter');
  assert.ok(swapped.length === clutter.length);
  for (const row of swapped) {
    assert.match(row.chip, /Page clutter/);
    assert.match(row.label, /page clutter, left only$/);
  }
  await rendered(page, () => page.click('#lang')); // the choice is remembered: back to Chinese
  assert.deepEqual(errors, []);
});
