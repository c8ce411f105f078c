// Taking a comparison away: the exported report, the permalink, printing; and the language
// switch, which is remembered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { start } from './harness.mjs';
import { openPage, rendered, headings, fixture } from './page-helpers.mjs';

let browser;
before(async () => {
  browser = await start();
});
after(async () => {
  await browser?.close();
});

test('the exported report is one self-contained HTML file with no script, its text escaped', async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  // Both sides pasted, so the report holds what this test needs whichever pair is the
  // default: an inline edit (hostile text inserted inside a paragraph) and identical parts folded.
  const hostile = '</div><script>document.title="pwned"</script><img src=x onerror="alert(1)">&amp;';
  const body =
    '各单位要高度重视节日期间的安全工作，认真落实值班制度，明确带班领导和值班人员，确保通讯畅通；遇有突发事件，要按规定及时报告，妥善处置，不得迟报、漏报、瞒报。';
  const notice = (paragraph) => `关于做好节日期间安全工作的通知\n\n一、${paragraph}\n\n二、其他事项另行通知。`;
  const left = notice(body);
  const right = notice(body.replace('确保通讯畅通；', `确保通讯畅通${hostile}；`));
  for (const [side, text] of [['left', left], ['right', right]]) {
    await page.click(`.paste-toggle[data-side="${side}"]`);
    await page.fill(`.paste-text[data-side="${side}"]`, text);
    await rendered(page, () => page.click(`.paste-apply[data-side="${side}"]`));
  }
  assert.ok((await page.locator('#pairs ins:not(.nd-whole)').count()) > 0, 'the page shows an inline insertion');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  assert.match(download.suggestedFilename(), /^notice-diff-\d{8}-\d{4}\.html$/);
  const dir = await mkdtemp(join(tmpdir(), 'notice-diff-report-'));
  try {
    const path = join(dir, download.suggestedFilename());
    await download.saveAs(path);
    const html = await readFile(path, 'utf8');
    assert.match(html, /^<!doctype html>/i);
    assert.doesNotMatch(html, /<script/i, 'no script element, not even from the text');
    assert.doesNotMatch(html, /<img/i);
    assert.ok(html.includes('&lt;script&gt;document.title="pwned"&lt;/script&gt;'), 'the text is escaped');
    assert.ok(html.includes('&amp;amp;'));
    assert.doesNotMatch(html, /<link[^>]+stylesheet|src="(?!data:)/i, 'nothing loaded from elsewhere');
    assert.match(html, /<style>[\s\S]*\.nd ins/);
    assert.match(html, /Content-Security-Policy/);

    // Opened from disk it shows the comparison, styled, without errors.
    const report = await browser.context.newPage();
    const reportErrors = [];
    report.on('console', (m) => m.type() === 'error' && reportErrors.push(m.text()));
    report.on('pageerror', (e) => reportErrors.push(String(e)));
    await report.goto(pathToFileURL(path).href);
    assert.equal(await report.title(), await report.evaluate(() => document.title));
    assert.doesNotMatch(await report.title(), /pwned/);
    assert.equal(await report.textContent('.nd-score-value'), await page.textContent('.nd-score-value'));
    assert.equal(await report.locator('.nd-pair').count(), await page.locator('#pairs .nd-pair').count());
    assert.ok((await report.textContent('.nd-pairs')).includes('<script>document.title="pwned"</script>'));
    assert.equal(await report.locator('.nd-map svg').count(), 1);
    const inserted = report.locator('ins:not(.nd-whole)');
    assert.ok((await inserted.count()) > 0, 'the inline insertion is in the report');
    assert.ok((await inserted.allTextContents()).join('').includes('<script>document.title="pwned"</script>'));
    const underline = await inserted.first().evaluate((n) => getComputedStyle(n).textDecorationLine);
    assert.equal(underline, 'underline', 'the inline CSS applies');
    // Folded identical parts open without script.
    const folded = report.locator('details.nd-same');
    if (await folded.count()) {
      await folded.first().locator('summary').click();
      assert.equal(await folded.first().getAttribute('open'), '');
    }
    assert.deepEqual(reportErrors, []);
    await report.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  assert.deepEqual(errors, []);
});

test('a permalink carries both texts in the fragment and restores the comparison', async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  await rendered(page, () => page.setInputFiles('.file-input[data-side="left"]', fixture('sections.json')));
  await rendered(page, () => page.check('#options input[name="ignorePunctuation"]'));
  const [lh, rh] = await headings(page);
  const pairs = await page.locator('#pairs .nd-pair').count();
  const leftText = await page.$$eval('#pairs .nd-left .nd-text', (n) => n.map((x) => x.textContent).join('|'));
  await page.click('#permalink');
  await page.waitForFunction(() => location.hash.startsWith('#z='));
  const url = await page.evaluate(() => location.href);
  assert.match(await page.textContent('#info'), /链接已(复制|放入地址栏)（[\d.]+ KB）/);
  assert.doesNotMatch(url, /%E5|一、/, 'the texts are compressed, not spelled out');

  const restored = await openPage(browser.context, url);
  const p = restored.page;
  const [lh2, rh2] = await headings(p);
  assert.equal(lh2, lh);
  assert.equal(rh2, rh);
  assert.equal(await p.isChecked('#options input[name="ignorePunctuation"]'), true);
  assert.match(await p.textContent('#info'), /已从链接恢复对比/);
  assert.equal(await p.$$eval('#pairs .nd-left .nd-text', (n) => n.map((x) => x.textContent).join('|')), leftText);
  assert.ok((await p.locator('#pairs .nd-pair').count()) > 0);
  assert.ok(pairs > 0);
  // Choosing something else forgets the link, which no longer describes the page.
  await rendered(p, () => p.selectOption('.example-select[data-side="left"]', { index: 1 }));
  assert.equal(await p.evaluate(() => location.hash), '');
  assert.deepEqual(restored.errors, []);
  assert.deepEqual(errors, []);
});

test('a long permalink comes with a warning; a damaged one with an error', async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  // Text that does not compress: distinct characters.
  const noise = Array.from({ length: 30000 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20000))).join('');
  await page.click('.paste-toggle[data-side="left"]');
  await page.fill('.paste-text[data-side="left"]', noise);
  await rendered(page, () => page.click('.paste-apply[data-side="left"]'));
  await page.click('#permalink');
  await page.waitForSelector('#info[data-tone="warning"]');
  assert.match(await page.textContent('#info'), /32 KB/);

  const damaged = await openPage(browser.context, `${browser.url}#z=AAAAnot-deflate`, { wait: false });
  await damaged.page.waitForSelector('#message:not([hidden])');
  assert.match(await damaged.page.textContent('#message-text'), /链接中的对比数据已损坏/);
  assert.deepEqual(damaged.errors, []);
  assert.deepEqual(errors, []);
});

test('the interface switches to English and back, and remembers the choice', async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await rendered(page, () => page.click('#lang'));
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.textContent('h1 [data-i18n="app.title"]'), 'Notice comparison');
  assert.match(await page.textContent('.nd-score-label'), /Overall similarity/);
  assert.match(await page.getAttribute('#pairs .nd-pair.nd-leaf', 'aria-label'), /(changes?|identical|added|removed)/);
  assert.equal(await page.textContent('#lang'), '中文');
  // The document text stays marked as Chinese for screen readers and fonts.
  assert.equal(await page.getAttribute('#pairs .nd-text', 'lang'), 'zh-CN');

  const again = await openPage(browser.context, browser.url);
  assert.equal(await again.page.getAttribute('html', 'lang'), 'en');
  assert.match(await again.page.textContent('#position'), /change/);
  // Errors, too, are in the chosen language.
  await again.page.setInputFiles('.file-input[data-side="left"]', fixture('empty.txt'));
  await again.page.waitForSelector('#message:not([hidden])');
  assert.match(await again.page.textContent('#message-text'), /Could not read “empty\.txt”/);
  await rendered(again.page, () => again.page.click('#lang'));
  assert.equal(await again.page.getAttribute('html', 'lang'), 'zh-CN');
  assert.deepEqual(again.errors, []);
  assert.deepEqual(errors, []);
});

test('printing shows only the comparison, every part unfolded', async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  await rendered(page, () => page.setInputFiles('.file-input[data-side="left"]', fixture('sections.json')));
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.inputs', '.toolbar', '.sidebar', '.top-actions']) {
    assert.equal(await page.isVisible(hidden), false, `${hidden} is not printed`);
  }
  assert.equal(await page.isVisible('#pairs'), true);
  // What was compared is said on paper, since the pickers are not printed.
  assert.equal(await page.isVisible('#print-sides'), true);
  assert.match(await page.textContent('#print-sides'), /^左 · sections\.json\n右 · sections\.json$/);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await page.locator('#pairs details.nd-same:not([open])').count(), 0);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.ok((await page.locator('#pairs details.nd-same:not([open])').count()) > 0, 'folded again after printing');
  // A PDF can be made from it.
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10000);
  assert.deepEqual(errors, []);
});
