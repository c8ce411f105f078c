// Styles stay on their side of the shadow boundary: a hostile host stylesheet changes nothing
// inside the widget, the widget changes nothing outside it, and the documented custom
// properties and parts are the ways in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { open } from './harness.mjs';
import { repo, sites } from './fixtures/host/sites.mjs';

let s;
before(async () => { s = await sites(); });
after(async () => { await s?.close(); });

const VIEWPORT = { width: 1400, height: 900 };

// Every property hostile.css sets, inherited ones above all: those cross the shadow boundary
// unless the widget stops them.
const PROPERTIES = [
  'color', 'background-color', 'font-family', 'font-size', 'font-weight', 'line-height',
  'letter-spacing', 'display', 'visibility', 'margin-top', 'margin-left', 'padding-top',
  'padding-left', 'border-top-width', 'text-decoration-line',
  'word-spacing', 'text-align', 'text-indent', 'text-transform', 'white-space', 'font-style',
  'font-variant', 'font-stretch', 'text-shadow', 'direction', 'word-break', 'overflow-wrap',
  'hyphens', 'tab-size', 'cursor', 'quotes', 'list-style-type', 'list-style-position',
  'border-collapse', 'caret-color', 'color-scheme', 'font-feature-settings', 'font-kerning',
  'text-underline-offset', 'text-emphasis-style', '-webkit-text-fill-color', '-webkit-text-stroke-width',
  'text-rendering', 'font-synthesis', 'line-break',
  '--nd-k', '--nd-chip', '--nd-sticky-top', '--nd-fg', '--_nd-rem',
];

/** Computed styles of every element in each widget's shadow root, in document order. */
function insides(page) {
  return page.evaluate((properties) => Object.fromEntries(
    [...document.querySelectorAll('notice-diff')].map((widget) => [widget.id,
      [...widget.shadowRoot.querySelectorAll('*')].map((node) => {
        const style = getComputedStyle(node);
        return [node.localName, node.getAttribute('part'), ...properties.map((p) => style.getPropertyValue(p))];
      })]),
  ), PROPERTIES);
}

async function loaded(url) {
  const opened = await open(s.context, url, { viewport: VIEWPORT });
  await opened.page.waitForFunction(() =>
    window.__events.filter((e) => e.type === 'notice-diff-compared').length === 2);
  return opened;
}

test('host CSS does not reach into the widget', async () => {
  const calm = await loaded(`${s.host}index.html`);
  const hostile = await loaded(`${s.host}hostile.html`);
  // The hostile sheet does apply to the host's own elements …
  assert.equal(await hostile.page.evaluate(() => getComputedStyle(document.querySelector('h1')).color), 'rgb(255, 0, 0)');
  assert.equal(await hostile.page.evaluate(() => getComputedStyle(document.querySelector('notice-diff')).fontSize), '40px');
  // … and to nothing of the widget's.
  const expected = await insides(calm.page);
  const actual = await insides(hostile.page);
  for (const id of ['fetched', 'inline']) {
    assert.ok(expected[id].length > 50, `${id} rendered a comparison (${expected[id].length} elements)`);
    assert.equal(actual[id].length, expected[id].length);
    actual[id].forEach((row, i) => assert.deepEqual(row, expected[id][i], `${id}, element ${i}`));
  }
  // The widget fills the element the same way: its root box starts where it did, as wide.
  // (Not as high: rows out of sight keep a placeholder height until they come near, and the
  // hostile page's larger heading puts other rows near.)
  const box = (page) => page.evaluate(() => [...document.querySelectorAll('notice-diff')].map((widget) => {
    const outer = widget.getBoundingClientRect();
    const inner = widget.shadowRoot.querySelector('[part~="root"]').getBoundingClientRect();
    return [inner.left - outer.left, inner.top - outer.top, inner.width];
  }));
  assert.deepEqual(await box(hostile.page), await box(calm.page));
  const text = actual.inline.find(([tag, part]) => tag === 'ins' && part === 'insert');
  assert.ok(text, 'an insertion is shown');
  assert.notEqual(text[2], 'rgb(255, 0, 0)');
  assert.deepEqual(calm.errors, []);
  assert.deepEqual(hostile.errors, []);
  await calm.page.close();
  await hostile.page.close();
});

test('the widget changes nothing of the host: its styles, its sheets, its globals', async () => {
  // Every property but sizes and positions, which the widget's own height moves.
  const probe = (page) => page.evaluate(() => ({
    styles: [...document.querySelectorAll('html, body, h1, .probes, .probes *')].map((node) => {
      const style = getComputedStyle(node);
      const stable = [...style].filter((p) => !/height|width|origin|^(top|bottom|left|right)$|block-size|inline-size/.test(p));
      return [node.localName, node.className, ...stable.map((p) => `${p}:${style.getPropertyValue(p)}`)].join('|');
    }),
    sheets: [...document.styleSheets].map((sheet) => sheet.href),
    adopted: document.adoptedStyleSheets.length,
    globals: Object.keys(window).sort(),
  }));
  const without = await open(s.context, `${s.host}plain.html`, { viewport: VIEWPORT });
  await without.page.waitForLoadState('load');
  const baseline = await probe(without.page);
  const withWidget = await loaded(`${s.host}index.html`);
  const after = await probe(withWidget.page);
  assert.equal(after.styles.length, baseline.styles.length);
  after.styles.forEach((row, i) => assert.equal(row, baseline.styles[i], `host element ${i}`));
  assert.deepEqual(after.sheets, baseline.sheets);
  assert.equal(after.adopted, 0);
  assert.deepEqual(after.globals.filter((name) => !baseline.globals.includes(name)), []);
  assert.deepEqual(without.errors, []);
  assert.deepEqual(withWidget.errors, []);
  await without.page.close();
  await withWidget.page.close();
});

test('custom properties and ::part() theme one widget, and only that one', async () => {
  const { page, errors } = await open(s.context, `${s.host}themed.html`, { viewport: VIEWPORT });
  await page.waitForFunction(() => window.__events.filter((e) => e.type === 'notice-diff-compared').length === 2);
  await page.evaluate(() => document.getElementById('themed').next());
  const look = (id) => page.evaluate((which) => {
    const root = document.getElementById(which).shadowRoot;
    const style = (selector, property) => getComputedStyle(root.querySelector(selector)).getPropertyValue(property);
    return {
      insert: style('[part~="insert"]', 'background-color'),
      delete: style('[part~="delete"]', 'background-color'),
      font: style('[part~="summary"]', 'font-family'),
      text: style('.nd-text', 'font-size'),
      color: style('[part~="root"]', 'color'),
      root: style('[part~="root"]', 'background-color'),
      similarity: style('[part~="similarity"]', 'color'),
    };
  }, id);
  const themed = await look('themed');
  assert.deepEqual(themed, {
    insert: 'rgb(0, 200, 0)',
    delete: 'rgb(200, 0, 0)',
    font: 'monospace',
    text: '20px',
    color: 'rgb(10, 20, 30)',
    root: 'rgb(250, 250, 240)',
    similarity: 'rgb(1, 2, 3)',
  });
  const plain = await look('default');
  for (const key of Object.keys(themed)) assert.notEqual(plain[key], themed[key], key);
  // The accent marks the selected pair.
  const outline = await page.evaluate(() => getComputedStyle(document.getElementById('themed').shadowRoot
    .querySelector('[part~="pair"][aria-current="true"] > .nd-row')).outlineColor);
  assert.equal(outline, 'rgb(0, 0, 200)');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the host can still hide the element and switch its pointer events off', async () => {
  const { page, errors } = await loaded(`${s.host}index.html`);
  const inside = () => page.evaluate(() => {
    const cell = document.getElementById('inline').shadowRoot.querySelector('[part~="cell"]');
    const style = getComputedStyle(cell);
    return [style.visibility, style.pointerEvents];
  });
  assert.deepEqual(await inside(), ['visible', 'auto']);
  await page.evaluate(() => {
    const { style } = document.getElementById('inline');
    style.visibility = 'hidden';
    style.pointerEvents = 'none';
  });
  assert.deepEqual(await inside(), ['hidden', 'none']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('every custom property and part the README documents is there and takes effect', async () => {
  const readme = await readFile(join(repo, 'README.md'), 'utf8');
  const styles = readme.slice(readme.indexOf('**Styles**'), readme.indexOf('```css', readme.indexOf('**Styles**')));
  const properties = [...new Set([...styles.matchAll(/`(--notice-diff-[a-z-]+)`/g)].map((m) => m[1]))];
  const partList = styles.slice(styles.indexOf('::part()'), styles.indexOf('To scroll'));
  const parts = [...partList.matchAll(/`([a-z]+)`/g)].map((m) => m[1]);
  assert.ok(properties.length >= 15 && parts.length >= 20, `${properties.length} properties, ${parts.length} parts`);

  const { page, errors } = await open(s.context, `${s.host}empty.html`, { viewport: VIEWPORT });
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'notice-diff-ready'));
  // Unchanged, changed, moved (labelled) and added items, and a change navigated to: every
  // part is drawn.
  await page.evaluate(async () => {
    const w = document.getElementById('w');
    await w.compare(
      '一、元旦：1月1日放假，共1天。\n二、春节：2月10日至17日放假调休，共8天。\n三、清明节：4月4日至6日放假，共3天。',
      '一、元旦：1月1日放假，共1天。\n二、清明节：4月4日至6日放假，共3天。\n三、春节：2月9日至17日放假调休，共9天。\n四、劳动节：5月1日至5日放假调休，共5天。',
    );
    w.next();
  });
  const present = await page.evaluate(() => [...document.getElementById('w').shadowRoot.querySelectorAll('[part]')]
    .flatMap((node) => [...node.part]));
  for (const part of parts) assert.ok(present.includes(part), `::part(${part})`);

  // Each property, set on the element, changes some computed style inside.
  const SNAPSHOT = [...PROPERTIES.filter((p) => !p.startsWith('--')), 'border-top-color', 'border-left-color',
    'outline-color', 'text-decoration-color', 'fill', 'stroke', 'box-shadow', 'padding-right'];
  const snapshot = () => page.evaluate((names) => [...document.getElementById('w').shadowRoot.querySelectorAll('*')]
    .map((node) => { const style = getComputedStyle(node); return names.map((p) => style.getPropertyValue(p)).join('|'); })
    .join('\n'), SNAPSHOT);
  const before = await snapshot();
  for (const property of properties) {
    const value = /font-size|padding/.test(property) ? '23px' : /font/.test(property) ? 'monospace' : 'rgb(1, 2, 3)';
    await page.evaluate(([name, v]) => document.getElementById('w').style.setProperty(name, v), [property, value]);
    assert.notEqual(await snapshot(), before, `${property}: ${value} changes nothing`);
    await page.evaluate((name) => document.getElementById('w').style.removeProperty(name), property);
  }
  assert.equal(await snapshot(), before);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the rest of a long block, shown on request, has its parts too', async () => {
  const { page, errors } = await open(s.context, `${s.host}empty.html`, { viewport: VIEWPORT });
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'notice-diff-ready'));
  // One paragraph longer than the renderer lays out at first (20 000 characters), with its
  // one change past that point.
  const parts = await page.evaluate(async () => {
    const w = document.getElementById('w');
    const sentence = '各级工会要切实维护职工合法权益，做好困难职工帮扶工作。';
    const long = sentence.repeat(1200);
    await w.compare(long, `${long.slice(0, 30_000)}并按时足额发放${long.slice(30_000)}`);
    const root = w.shadowRoot;
    const inserted = () => [...root.querySelectorAll('ins')].map((node) => [...node.part]);
    const before = inserted();
    root.querySelector('.nd-cell.nd-right .nd-more').click();
    await new Promise(requestAnimationFrame);
    return { before, after: inserted() };
  });
  assert.deepEqual(parts.before, [], 'the change is past the first piece');
  assert.ok(parts.after.length >= 1, 'shown with the rest');
  for (const names of parts.after) assert.ok(names.includes('insert'), `ins part: ${names}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a text decoration on the host does not show inside the widget', async () => {
  // Decorations are not inherited but drawn through every in-flow descendant, shadow trees
  // included, so no computed style shows them: the pixels, before and after, on one page.
  const { page, errors } = await loaded(`${s.host}index.html`);
  const widget = page.locator('#inline');
  const heading = page.locator('h1');
  // A screenshot scrolls its element into view, which moves the widget's sticky column
  // heads: the widget's two are taken at one scroll position.
  const headingBefore = await heading.screenshot();
  await widget.screenshot();
  const before = [await widget.screenshot(), headingBefore];
  await page.evaluate(() => { document.body.style.textDecoration = 'underline wavy rgb(255, 0, 0) 3px'; });
  await page.evaluate(() => new Promise((resolve) => { requestAnimationFrame(() => requestAnimationFrame(resolve)); }));
  const after = [await widget.screenshot(), await heading.screenshot()];
  assert.ok(!after[1].equals(before[1]), 'the host\'s own heading is underlined');
  assert.ok(after[0].equals(before[0]), 'the widget is not');
  assert.deepEqual(errors, []);
  await page.close();
});
