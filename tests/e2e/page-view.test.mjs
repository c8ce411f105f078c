// Reading a comparison: labels for every kind of pair, the alignment map, moving from change
// to change, folding, the inline view and narrow windows, keyboard and contrast. Uses the
// hand-designed fixture (tests/e2e/fixtures/sections.json) where the engine does not yet
// produce nested sections, moves, merges and splits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start } from './harness.mjs';
import { openPage, rendered, fixture, inViewport } from './page-helpers.mjs';

let browser;
before(async () => {
  browser = await start();
});
after(async () => {
  await browser?.close();
});

const SECTIONS = JSON.parse(readFileSync(fixture('sections.json'), 'utf8'));

async function openFixture(options = {}) {
  const opened = await openPage(browser.context, browser.url, options);
  await rendered(opened.page, () => opened.page.setInputFiles('.file-input[data-side="left"]', fixture('sections.json')));
  return opened;
}

const row = (key) => `#nd-p-${key}`;
const labels = (page, key, side) => page.$$eval(`${row(key)} > .nd-row > .nd-${side} .nd-label`, (n) => n.map((x) => x.textContent));

test('moves, merges, splits, additions and removals are labelled from the outlines', async () => {
  const { page, errors } = await openFixture();
  // The summary counts what the comparison counts.
  for (const [kind, n] of Object.entries(SECTIONS.counts)) {
    assert.equal(await page.textContent(`.nd-count[data-kind="${kind}"] .nd-count-n`), String(n), kind);
  }
  // Moved: 五、 on the left became 三、 on the right.
  assert.deepEqual(await labels(page, '6', 'right'), ['从「五、」移来']);
  assert.deepEqual(await labels(page, '6', 'left'), ['移至「三、」']);
  assert.match(await page.getAttribute(row('6'), 'aria-label'), /^三、营造节日氛围：移动，从「五、」移来，移至「三、」，1 处修改，相似度 94%$/);
  // Merged: 二、 and 三、 into one; both left blocks shown, one right block.
  assert.deepEqual(await labels(page, '4', 'right'), ['合并：二、+三、']);
  assert.equal(await page.locator(`${row('4')} .nd-left .nd-text`).count(), 2);
  assert.equal(await page.locator(`${row('4')} .nd-right .nd-text`).count(), 1);
  // Split: 六、 into 五、 and 六、.
  assert.deepEqual(await labels(page, '7', 'left'), ['拆分为：五、+六、']);
  assert.equal(await page.locator(`${row('7')} .nd-right .nd-text`).count(), 2);
  // Added and removed: the other side says there is nothing, and the kind is written, not only coloured.
  assert.match(await page.textContent(`${row('8')} .nd-left.nd-empty`), /左侧无对应内容/);
  assert.match(await page.textContent(`${row('8')} .nd-gutter`), /新增/);
  assert.match(await page.getAttribute(row('8'), 'aria-label'), /七、强化宣传引导：新增/);
  assert.match(await page.textContent(`${row('3-3')} .nd-right.nd-empty`), /右侧无对应内容/);
  assert.match(await page.textContent(`${row('3-3')} .nd-gutter`), /删除/);
  // A section with its own rows under a bar that sums them up.
  assert.match(await page.textContent(`${row('3')} > .nd-section-bar`), /一、加强安全生产.*3 处修改 · 相似度 78%/);
  assert.equal(await page.locator(`${row('3')} .nd-pair`).count(), 4);
  assert.deepEqual(errors, []);
});

test('the alignment map draws a ribbon per block pair: crossings for moves, forks for merges and splits', async () => {
  const { page, errors } = await openFixture();
  const ribbons = await page.$$eval('.nd-map .nd-ribbons a', (links) =>
    links.map((a) => ({ key: a.dataset.key, n: a.querySelectorAll('path').length, kind: a.querySelector('path').getAttribute('class') })),
  );
  const byKey = Object.fromEntries(ribbons.map((r) => [r.key, r]));
  assert.equal(ribbons.length, SECTIONS.pairs.length, 'one link per top-level pair');
  assert.equal(byKey['4'].n, 2, 'a merge fans from two left blocks');
  assert.equal(byKey['7'].n, 2, 'a split fans into two right blocks');
  assert.match(byKey['8'].kind, /right_only/, 'an addition is a loose end');
  // The moved ribbon crosses the identical one next to it.
  const ends = (key) =>
    page.$$eval(`.nd-map .nd-boxes a[data-key="${key}"] rect`, (rects) => rects.map((r) => ({ x: Number(r.getAttribute('x')), y: Number(r.getAttribute('y')) })));
  const moved = await ends('6');
  const still = await ends('5');
  const left = (list) => list.find((r) => r.x === 0).y;
  const right = (list) => list.find((r) => r.x > 0).y;
  assert.ok(left(moved) > left(still) && right(moved) < right(still), 'the ribbons cross');
  // Stronger similarity, deeper shade.
  const opacity = (key) => page.$eval(`.nd-map .nd-ribbons a[data-key="${key}"] path`, (p) => Number(p.getAttribute('fill-opacity')));
  assert.ok((await opacity('5')) > (await opacity('4')), 'identical is shaded deeper than an 86% merge');

  // Clicking a ribbon jumps to its pair.
  await page.click('.nd-map .nd-ribbons a[data-key="6"] path', { force: true });
  assert.ok(await inViewport(page, row('6')));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'nd-p-6');
  assert.deepEqual(errors, []);
});

test('n and p step through every change in reading order, as do the buttons', async () => {
  const { page, errors } = await openFixture();
  const total = SECTIONS.stats.changes;
  assert.equal(await page.textContent('#position'), `${total} 处改动`);
  await page.keyboard.press('n');
  assert.equal(await page.textContent('#position'), `第 1 / ${total} 处改动`);
  const current = () => page.$$eval('.nd-current', (n) => n.map((x) => x.closest('.nd-pair').dataset.key));
  assert.deepEqual([...new Set(await current())], ['0']);
  await page.keyboard.press('n');
  await page.keyboard.press('n');
  assert.equal(await page.textContent('#position'), `第 3 / ${total} 处改动`);
  // The (二) paragraph of section 一 has two changes; change 2 and 3 are its.
  assert.deepEqual([...new Set(await current())], ['3-2']);
  // Back before the first wraps to the last, which is scrolled into view.
  await page.keyboard.press('p');
  await page.keyboard.press('p');
  await page.keyboard.press('p');
  assert.equal(await page.textContent('#position'), `第 ${total} / ${total} 处改动`);
  assert.deepEqual([...new Set(await current())], ['10']);
  assert.ok(await inViewport(page, '.nd-current'));
  // A change shown on both sides is highlighted on both.
  assert.equal(await page.locator('.nd-current').count(), 2);
  await page.click('#next');
  assert.equal(await page.textContent('#position'), `第 1 / ${total} 处改动`);
  await page.click('#prev');
  assert.equal(await page.textContent('#position'), `第 ${total} / ${total} 处改动`);
  // Typing an n into a text box types it.
  await page.click('.paste-toggle[data-side="left"]');
  await page.keyboard.press('End');
  await page.keyboard.type('n');
  assert.equal(await page.textContent('#position'), `第 ${total} / ${total} 处改动`);
  assert.ok((await page.inputValue('.paste-text[data-side="left"]')).endsWith('n'));
  assert.deepEqual(errors, []);
});

test('identical parts are folded, and unfold one by one or all at once', async () => {
  const { page, errors } = await openFixture();
  const folds = page.locator('#pairs details.nd-same');
  const n = await folds.count();
  assert.equal(n, 4, 'addressee+preamble, heading+(一), 四、, signature');
  assert.equal(await page.locator('#pairs details.nd-same[open]').count(), 0);
  assert.equal(await page.isVisible(row('1')), false);
  assert.match(await page.textContent('#pairs details.nd-same >> nth=0'), /2 个相同部分（40 字）/);
  await page.click('#pairs details.nd-same >> nth=0 >> summary');
  assert.equal(await page.isVisible(row('1')), true);
  // By keyboard: the second fold's summary, Enter.
  await page.focus('#pairs details.nd-same >> nth=1 >> summary');
  await page.keyboard.press('Enter');
  assert.equal(await page.isVisible(row('3-0')), true);
  await page.click('#fold');
  assert.equal(await page.locator('#pairs details.nd-same[open]').count(), n);
  assert.equal(await page.getAttribute('#fold', 'aria-pressed'), 'true');
  assert.equal(await page.textContent('#fold'), '折叠相同段落');
  await page.click('#fold');
  assert.equal(await page.locator('#pairs details.nd-same[open]').count(), 0);
  // Jumping to a folded pair unfolds it.
  await page.click('.nd-outline a[data-key="5"]');
  assert.ok(await inViewport(page, row('5')));
  assert.deepEqual(errors, []);
});

test('the inline view shows one column by toggle, and by itself in a 600 px window', async () => {
  const { page, errors } = await openFixture();
  await rendered(page, () => page.click('[data-view="inline"]'));
  assert.equal(await page.getAttribute('body', 'data-view'), 'inline');
  assert.equal(await page.getAttribute('[data-view="inline"]', 'aria-pressed'), 'true');
  assert.equal(await page.locator('#pairs .nd-cell.nd-left, #pairs .nd-cell.nd-right').count(), 0);
  // A modified pair reads as one text with its deletions and insertions.
  assert.equal(await page.textContent(`${row('0')} del`), '4');
  assert.equal(await page.textContent(`${row('0')} ins`), '5');
  assert.match(await page.textContent(`${row('0')} .nd-inline`), /^关于做好20245年元旦春节期间有关工作的通知$/);
  assert.deepEqual(await page.$$eval(`${row('6')} .nd-label`, (n) => n.map((x) => x.textContent)), ['从「五、」移来']);
  await rendered(page, () => page.click('[data-view="columns"]'));
  assert.equal(await page.getAttribute('body', 'data-view'), 'columns');

  await rendered(page, () => page.setViewportSize({ width: 600, height: 900 }));
  assert.equal(await page.getAttribute('body', 'data-view'), 'inline');
  assert.equal(await page.isDisabled('[data-view="columns"]'), true);
  const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `nothing wider than the window: ${overflow}px`);
  await rendered(page, () => page.setViewportSize({ width: 1200, height: 900 }));
  assert.equal(await page.getAttribute('body', 'data-view'), 'columns', 'back to the chosen view');
  assert.deepEqual(errors, []);
});

test('opened in a narrow window the page starts inline, with the map and contents folded', async () => {
  const { page, errors } = await openPage(browser.context, browser.url, { viewport: { width: 600, height: 900 } });
  assert.equal(await page.getAttribute('body', 'data-view'), 'inline');
  assert.equal(await page.getAttribute('#map-panel', 'open'), null);
  const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `nothing wider than the window: ${overflow}px`);
  await page.keyboard.press('n');
  assert.match(await page.textContent('#position'), /^第 1 \/ \d+ 处改动$/);
  assert.ok(await inViewport(page, '.nd-current'));
  assert.deepEqual(errors, []);
});

test('pairs line up side by side, long lines wrap, and the page scrolls as one', async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  await page.click('.paste-toggle[data-side="left"]');
  await page.fill('.paste-text[data-side="left"]', `一、${'甲'.repeat(600)}${'x'.repeat(3000)}\n\n二、短段落。`);
  await rendered(page, () => page.click('.paste-apply[data-side="left"]'));
  const geometry = await page.$$eval('#pairs .nd-pair.nd-leaf > .nd-row', (rows) =>
    rows.map((r) => {
      const [a, , b] = r.children;
      const ra = a.getBoundingClientRect();
      const rb = b.getBoundingClientRect();
      return { top: ra.top - rb.top, height: ra.height - rb.height };
    }),
  );
  assert.ok(geometry.length > 0);
  for (const g of geometry) assert.deepEqual(g, { top: 0, height: 0 }, 'both cells of a row share top and height');
  const sideways = await page.evaluate(() => ({
    page: document.scrollingElement.scrollWidth - window.innerWidth,
    cells: Array.from(document.querySelectorAll('#pairs .nd-cell')).filter((c) => c.scrollWidth > c.clientWidth + 1).length,
  }));
  assert.deepEqual(sideways, { page: 0, cells: 0 }, 'no sideways scrolling anywhere');
  // One scroller: the document. The comparison has no scrollbars of its own.
  const scrollers = await page.$$eval('#pairs, #pairs *', (nodes) =>
    nodes.filter((n) => ['auto', 'scroll'].includes(getComputedStyle(n).overflowY) && n.scrollHeight > n.clientHeight).length,
  );
  assert.equal(scrollers, 0);
  assert.deepEqual(errors, []);
});

test('every control is reachable by keyboard and named; landmarks are present', async () => {
  const { page, errors } = await openFixture();
  const seen = new Set();
  for (let i = 0; i < 160; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const a = document.activeElement;
      return a.id || a.dataset?.view || (a.className?.baseVal ?? a.className) + (a.dataset?.side ? `:${a.dataset.side}` : '') + (a.name ? `:${a.name}` : '');
    });
    seen.add(id);
  }
  for (const expected of ['permalink', 'export', 'print', 'lang', 'example-select:left', 'open-file:right', 'paste-toggle:left', 'swap',
    ':ignorePunctuation', 'columns', 'inline', 'prev', 'next', 'fold', 'nd-outline-link', 'nd-map-link']) {
    assert.ok([...seen].some((s) => s === expected || s.startsWith(expected) || s.endsWith(expected)), `${expected} is reachable (${[...seen].join(', ')})`);
  }
  const unnamed = await page.$$eval('button, select, a, input:not([type=file]), textarea, summary', (nodes) =>
    nodes
      .filter((n) => n.getClientRects().length)
      .filter((n) => !(n.getAttribute('aria-label') || n.textContent.trim() || n.labels?.length || n.getAttribute('aria-labelledby')))
      .map((n) => n.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unnamed, []);
  for (const landmark of ['header', 'main', 'nav', 'aside', 'footer']) assert.equal(await page.locator(landmark).count() >= 1, true, landmark);
  assert.deepEqual(errors, []);
});

/** Contrast ratio of two CSS colours (rgb/rgba, alpha composed over `under`). */
function contrastScript() {
  const parse = (c) => c.match(/[\d.]+/g).map(Number);
  const over = (fg, bg) => {
    const a = fg[3] ?? 1;
    return [0, 1, 2].map((i) => fg[i] * a + bg[i] * (1 - a));
  };
  const lum = ([r, g, b]) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const page = parse(getComputedStyle(document.body).backgroundColor);
  const background = (node) => {
    for (let n = node; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if ((c[3] ?? 1) > 0) return over(c, page);
    }
    return page;
  };
  const out = [];
  const selectors = ['.nd-text', 'ins:not(.nd-whole)', 'del:not(.nd-whole)', 'ins.nd-whole', 'del.nd-whole', '.nd-chip', '.nd-count', '.nd-label', '.nd-stats',
    '.nd-empty-note', '.source-info', '.tagline', '.position', '.nd-outline-note', '.nd-section-stat', '.nd-nchanges', 'button', '.drop-hint', '.nd-map-legend', '.nd-same-summary'];
  for (const selector of selectors) {
    for (const node of document.querySelectorAll(selector)) {
      if (!node.getClientRects().length || node.closest('[hidden]') || node.disabled) continue;
      const fg = over(parse(getComputedStyle(node).color), background(node));
      out.push({ selector, ratio: ratio(fg, background(node)), text: node.textContent.slice(0, 20) });
    }
  }
  return out;
}

for (const scheme of ['light', 'dark']) {
  test(`text meets WCAG AA contrast in the ${scheme} scheme`, async () => {
    const { page, errors } = await openFixture({ colorScheme: scheme });
    await page.click('#fold');
    const results = await page.evaluate(contrastScript);
    assert.ok(results.length > 50);
    const failing = results.filter((r) => r.ratio < 4.5).map((r) => `${r.selector} ${r.ratio.toFixed(2)} «${r.text}»`);
    assert.deepEqual([...new Set(failing)], []);
    assert.deepEqual(errors, []);
  });
}

test('render.js draws into a shadow root too, styled by notice-diff.css, with working links', async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  const result = await page.evaluate(async (comparison) => {
    const { renderComparison } = await import('/render.js');
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(await fetch('/notice-diff.css').then((r) => r.text()));
    shadow.adoptedStyleSheets = [sheet];
    const container = document.createElement('div');
    shadow.append(container);
    const view = renderComparison(container, comparison, { view: 'columns', lang: 'en' });
    shadow.querySelector('a.nd-outline-link[data-key="6"]').click();
    const moved = shadow.getElementById('nd-p-6');
    const step = view.next();
    return {
      rows: shadow.querySelectorAll('.nd-pair').length,
      outsideRows: document.querySelectorAll('#pairs .nd-pair').length > 0,
      focused: shadow.activeElement?.id,
      label: moved.querySelector('.nd-right .nd-label').textContent,
      underline: getComputedStyle(shadow.querySelector('ins:not(.nd-whole)')).textDecorationLine,
      step,
      headingEntries: shadow.querySelectorAll('a.nd-outline-link[data-key="3-0"]').length,
    };
  }, SECTIONS);
  assert.equal(result.rows, 15);
  assert.equal(result.outsideRows, true, 'the page itself is untouched');
  assert.equal(result.focused, 'nd-p-6', 'an outline link jumps within the shadow root');
  assert.equal(result.label, 'moved from 五、');
  assert.equal(result.underline, 'underline');
  assert.deepEqual(result.step, { index: 7, total: 13, key: '6' }, 'n continues from the pair jumped to');
  assert.equal(result.headingEntries, 0, "a section's heading row has no entry of its own in the contents");
  assert.deepEqual(errors, []);
});
