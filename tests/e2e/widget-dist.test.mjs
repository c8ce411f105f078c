// `npm run build`'s dist/: the files the package ships, within the size budget, and a host
// that loads the widget and the embed from a built copy on another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from './harness.mjs';
import { repo, sites } from './fixtures/host/sites.mjs';
import { BUDGET } from '../../scripts/build-dist.mjs';

let out;
let build;
let s;
before(async () => {
  out = join(await mkdtemp(join(tmpdir(), 'notice-diff-dist-')), 'dist');
  // Over budget, the build still writes dist/ and then (with --check-budget) fails: the other tests use the files.
  build = spawnSync(process.execPath, [join(repo, 'scripts/build-dist.mjs'), '--out', out, '--check-budget'], { encoding: 'utf8' });
  s = await sites({ widgetRoot: out });
});
after(async () => {
  await s?.close();
  if (out) await rm(join(out, '..'), { recursive: true, force: true });
});

test('the build stays within the size budget it prints', () => {
  const total = build.stdout.match(/^total \(wasm \+ js \+ css\): ([\d.]+) KB gzip, (within|OVER) the/m);
  assert.ok(total, build.stdout + build.stderr);
  assert.equal(build.status, total[2] === 'within' ? 0 : 1, 'the build fails exactly when over budget');
  assert.ok(Number(total[1]) * 1024 <= BUDGET, `${total[1]} KB gzip is over the ${BUDGET / 1024} KB budget`);
});

test('the build holds the widget, its engine, styles and types, and no more', async () => {
  const printed = build.stdout;
  for (const file of ['notice-diff-define.js', 'notice-diff-element.js', 'worker.js', 'notice-diff.css', 'embed.html',
    'embed.js', 'pkg/notice_diff.js', 'pkg/notice_diff_bg.wasm',
    'notice-diff-define.d.ts', 'notice-diff-element.d.ts', 'comparison.d.ts']) {
    assert.ok(existsSync(join(out, file)), file);
    assert.match(printed, new RegExp(`^${file.replaceAll('.', '\\.')} `, 'm'));
  }
  for (const file of ['index.html', 'app.js', 'page-strings.js', 'page.css', 'examples']) assert.ok(!existsSync(join(out, file)), `${file} is the page's`);
  // The element's static imports are bundled into it; the modules a host loads by URL stay apart.
  for (const file of ['render.js', 'i18n.js', 'engine.js']) assert.ok(!existsSync(join(out, file)), `${file} is bundled`);
  for (const file of ['notice-diff-define.js', 'embed.js']) {
    assert.match(await readFile(join(out, file), 'utf8'), /from\s*"\.\/notice-diff-element\.js"/, `${file} imports the element`);
  }
  const element = await readFile(join(out, 'notice-diff-element.js'), 'utf8');
  let sources = 0;
  for (const file of ['notice-diff-element.js', 'render.js', 'i18n.js', 'engine.js']) sources += (await readFile(join(repo, 'www', file), 'utf8')).length;
  assert.ok(element.length < sources * 0.6, 'bundled and minified');

  // package.json points every export at a file of the build.
  const pkg = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8'));
  // The package ships the build, its licences and the schema the README links to: nothing of the page.
  assert.ok(pkg.files.includes('dist'), 'files ships dist/');
  for (const file of pkg.files) {
    // dist/ is what this test built (into a temporary directory); the rest is in the repository.
    assert.ok(existsSync(file === 'dist' ? out : join(repo, file)), `files lists ${file}, which exists`);
    assert.ok(!file.startsWith('www') && !file.startsWith('src'), `files ships ${file}, not the sources`);
  }
  const inDist = (target) => join(out, target.replace(/^\.\/dist\//, ''));
  assert.ok(existsSync(inDist(pkg.types)));
  for (const [name, target] of Object.entries(pkg.exports)) {
    if (name.includes('*') || name === './package.json') continue;
    for (const path of typeof target === 'string' ? [target] : Object.values(target)) {
      assert.ok(existsSync(inDist(path)), `${name} → ${path}`);
    }
  }
});

test('a host on another origin uses the built widget under its strict CSP', async () => {
  const { page, errors } = await open(s.context, `${s.host}index.html`);
  await page.waitForFunction(() => window.__events.filter((e) => e.type === 'notice-diff-compared').length === 2);
  const shown = await page.evaluate(() => [...document.querySelectorAll('notice-diff')].map((w) =>
    w.shadowRoot.querySelectorAll('[part~="pair"]').length));
  assert.ok(shown.every((n) => n > 0), `pairs shown: ${shown}`);
  const sheet = await page.evaluate(() => document.getElementById('inline').shadowRoot.adoptedStyleSheets.length);
  assert.equal(sheet, 2, 'the renderer\'s sheet and the widget\'s');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a host frames the built embed', async () => {
  const { page, errors } = await open(s.context, `${s.host}iframe.html`);
  await page.waitForFunction(() => window.__messages.some((m) => m.data?.type === 'notice-diff:compared'));
  const [ready, compared] = await page.evaluate(() => window.__messages);
  assert.equal(ready.data.type, 'notice-diff:ready');
  assert.equal(compared.origin, new URL(s.widget).origin);
  assert.ok(compared.data.detail.similarity < 1);
  assert.deepEqual(errors, []);
  await page.close();
});
