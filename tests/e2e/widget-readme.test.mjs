// The README's embedding snippets, run as a stranger would paste them: the script, CSS and
// CSP snippets on a host page with the widget on another origin, the iframe and its
// postMessage code, and the npm way (the package's dist/ served by the host itself). Only
// the placeholders change (https://cdn.example, the example notices, leftText/rightText),
// so the README cannot drift from what works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open, start } from './harness.mjs';
import { CSP, serve } from '../../scripts/serve.mjs';
import { NOTICES, repo } from './fixtures/host/sites.mjs';

/** The fenced code blocks of the README's "Embedding" section: `{ lang, code }`. */
async function snippets() {
  const readme = await readFile(join(repo, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Embedding'), readme.indexOf('\n## ', readme.indexOf('\n## Embedding') + 1));
  return [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(([, lang, code]) => ({ lang, code }));
}

/** The one block of `lang` that contains `marker`. */
function block(all, lang, marker) {
  const found = all.filter((b) => b.lang === lang && b.code.includes(marker));
  assert.equal(found.length, 1, `one \`\`\`${lang} block with ${marker} in the README's Embedding section`);
  return found[0].code;
}

// What a host defines around the README's JS, which leaves these to the reader; the log
// stands in for the console so that the test can read what the snippets print.
const PRELUDE = `window.__log = [];
const console = { log: (...args) => window.__log.push(args) };
const leftText = '一、春节：2月10日至17日放假，共8天。';
const rightText = '一、春节：2月9日至17日放假，共9天。';
`;

const page = (head, body) => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>A stranger's page</title>
<link rel="icon" href="favicon.svg" type="image/svg+xml">
${head}
</head>
<body>
${body}
</body>
</html>
`;

let widget;
let host;
let npmHost;
let root;
before(async () => {
  const all = await snippets();
  const widgetHeaders = { 'access-control-allow-origin': '*' };
  widget = await start({ root: join(repo, 'www'), headers: widgetHeaders });
  const hostHeaders = {};
  root = await mkdtemp(join(tmpdir(), 'notice-diff-readme-'));
  host = await serve({ root: join(root, 'host'), port: 0, headers: hostHeaders });
  // The npm host sends the page's own strict policy (serve.mjs's default):
  // script-src 'self' 'wasm-unsafe-eval', worker-src 'self'.
  npmHost = await serve({ root: join(root, 'npm'), port: 0 });
  const W = new URL(widget.url).origin;
  const H = new URL(host.url).origin;
  const fill = (code) => {
    const filled = code
      .replaceAll('https://cdn.example/notice-diff/', widget.url)
      .replaceAll('https://cdn.example', W)
      .replaceAll('https://www.example.gov.cn/a.txt', `${H}/notices/2023.txt`)
      .replaceAll('https://www.example.gov.cn/b.txt', `${H}/notices/2024.txt`);
    assert.doesNotMatch(filled, /example\./, 'every placeholder the test knows');
    return filled;
  };

  // The host's policy is the README's, plus the frame-src it asks for with the iframe; it
  // serves its notices with CORS for the embed, and the embed's server lets it connect there,
  // as the README says.
  const policy = block(all, '', 'Content-Security-Policy:').replace('Content-Security-Policy:', '').replace(/\s+/g, ' ').trim();
  hostHeaders['content-security-policy'] = `${fill(policy)}; frame-src ${W}`;
  hostHeaders['access-control-allow-origin'] = W;
  widgetHeaders['content-security-policy'] = CSP.replace("connect-src 'self'", `connect-src 'self' ${H}`);

  for (const dir of ['host/notices', 'npm/notices', 'npm/node_modules/notice-diff']) await mkdir(join(root, dir), { recursive: true });
  for (const dir of ['host', 'npm']) {
    await cp(NOTICES['left.txt'], join(root, dir, 'notices/2023.txt'));
    await cp(NOTICES['right.txt'], join(root, dir, 'notices/2024.txt'));
    await cp(join(repo, 'www/favicon.svg'), join(root, dir, 'favicon.svg'));
  }
  const write = (path, text) => writeFile(join(root, path), text);
  // The host's own module comes first: the README's code waits for the element itself.
  await write('host/script.html', page('<link rel="stylesheet" href="theme.css">\n<script type="module" src="app.js"></script>',
    fill(block(all, 'html', 'cdn.example/notice-diff/notice-diff-define.js'))));
  await write('host/app.js', PRELUDE + fill(block(all, 'js', '.compare(')));
  await write('host/theme.css', block(all, 'css', '::part('));
  await write('host/frame.html', page('<script type="module" src="frame.js"></script>', fill(block(all, 'html', '<iframe'))));
  await write('host/frame.js', PRELUDE + fill(block(all, 'js', 'postMessage(')));
  // `npm install notice-diff` puts dist/ here; www/ is the same module graph unminified
  // (widget-dist.test.mjs runs the built copy).
  await symlink(join(repo, 'www'), join(root, 'npm/node_modules/notice-diff/dist'));
  await write('npm/index.html', page('<script type="module" src="app.js"></script>',
    `${block(all, 'html', '/node_modules/notice-diff/')}\n<notice-compare left-src="notices/2024.txt" right-src="notices/2023.txt"></notice-compare>`));
  await write('npm/app.js', block(all, 'js', 'NoticeDiff.define('));
});
after(async () => {
  await widget?.close();
  host?.server.close();
  npmHost?.server.close();
  if (root) await rm(root, { recursive: true, force: true });
});

test('README, by script: the snippets work on a host under the README\'s CSP, the widget on another origin', async () => {
  const { page: tab, errors } = await open(widget.context, `${host.url}script.html`);
  await tab.waitForFunction(() => window.__log?.length >= 2
    && [...document.querySelectorAll('notice-diff')].every((w) => w.comparison));
  const result = await tab.evaluate(() => {
    const [first, second] = document.querySelectorAll('notice-diff');
    const style = (widget, selector, property) =>
      getComputedStyle(widget.shadowRoot.querySelector(selector)).getPropertyValue(property);
    return {
      log: window.__log,
      similarity: first.comparison.similarity,
      left: first.comparison.left.text,
      second: second.comparison.left.text,
      secondLang: second.shadowRoot.querySelector('[part~="root"]').getAttribute('lang'),
      insert: style(second, '[part~="insert"]', 'background-color'),
      score: style(second, '[part~="similarity"]', 'color'),
    };
  });
  // compare() replaced the fetched notices; the events printed what the README says.
  assert.equal(result.left, '一、春节：2月10日至17日放假，共8天。');
  assert.ok(result.similarity > 0 && result.similarity < 1, `similarity ${result.similarity}`);
  assert.deepEqual(result.log[0], [result.similarity]);
  assert.equal(result.log[1][0], 'modified');
  assert.deepEqual(Object.keys(result.log[1][1]).sort(), ['end', 'start']);
  assert.equal(result.second, '一、元旦：1月1日放假，共1天。');
  assert.equal(result.secondLang, 'en');
  // The README's theme.
  assert.equal(result.insert, 'rgb(218, 251, 225)');
  assert.equal(result.score, 'rgb(9, 105, 218)');
  assert.deepEqual(errors, []);
  await tab.close();
});

test('README, by iframe: the URL parameters load the host\'s notices, and the message code gets its answer', async () => {
  const { page: tab, errors } = await open(widget.context, `${host.url}frame.html`);
  await tab.waitForFunction(() => window.__log?.length >= 1);
  const log = await tab.evaluate(() => window.__log);
  assert.equal(log.length, 1);
  assert.equal(log[0][0], 1, 'the answer to request 1');
  assert.ok(log[0][1] > 0 && log[0][1] < 1, `similarity ${log[0][1]}`);
  const frame = tab.frames().find((f) => f !== tab.mainFrame());
  // The embed's view is the one the message asked for; before it, the parameters' notices
  // were fetched and compared without an error (the console would say).
  const shown = await frame.evaluate(() => {
    const w = document.querySelector('notice-diff');
    return [w.comparison.left.text, w.getAttribute('view'), w.getAttribute('left-src')];
  });
  assert.deepEqual(shown, ['一、春节：2月10日至17日放假，共8天。', 'inline', `${host.url}notices/2023.txt`]);
  // The parameters' fetches may still be finishing when the message's answer arrives.
  await frame.waitForFunction(() => performance.getEntriesByType('resource')
    .filter((e) => e.name.includes('/notices/')).length === 2);
  assert.deepEqual(await frame.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.name.includes('/notices/')).map((e) => e.responseStatus)), [200, 200]);
  assert.deepEqual(errors, []);
  await tab.close();
});

test('README, from npm: the package served by the host itself, under the strict page policy', async () => {
  const { page: tab, errors } = await open(widget.context, `${npmHost.url}index.html`);
  await tab.waitForFunction(() => ['notice-diff', 'notice-compare']
    .every((tag) => document.querySelector(tag)?.comparison));
  const result = await tab.evaluate(() => ({
    texts: ['notice-diff', 'notice-compare'].map((tag) => document.querySelector(tag).comparison.left.text.length),
    workers: performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/worker.js')).length,
  }));
  const [left, right] = await Promise.all([readFile(NOTICES['left.txt'], 'utf8'), readFile(NOTICES['right.txt'], 'utf8')]);
  assert.deepEqual(result.texts, [left.length, right.length]);
  assert.ok(result.workers >= 1, 'same origin: the engine runs in a worker');
  assert.deepEqual(errors, []);
  await tab.close();
});
