// Recovery: when the engine fails, the worker reports it, the page says so, and the next
// comparison works. Failures are forced from outside, with no hook in the page: the browser
// is served a wasm glue whose compare hits a real WebAssembly trap (`unreachable`), or a
// corrupt wasm that cannot even compile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './harness.mjs';
import { openPage, rendered, exampleText, examplesIndex, serveExample } from './page-helpers.mjs';
import { t } from '../../www/i18n.js';

let browser;
before(async () => {
  browser = await start();
});
after(async () => {
  await browser?.close();
});

// (module (func (export "trap") unreachable)): calling it throws WebAssembly.RuntimeError,
// exactly what a panic in the release build (panic = "abort") does.
const TRAP_WASM = [
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00,
  0x07, 0x08, 0x01, 0x04, 0x74, 0x72, 0x61, 0x70, 0x00, 0x00, 0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b,
];

const MARK = '引发引擎故障';

/**
 * The real glue, except that compare traps on a text holding MARK: served in place of
 * pkg/notice_diff.js, so every worker the page starts imports it.
 */
const TRAPPING_GLUE = `
import * as real from './notice_diff.js?real';
export * from './notice_diff.js?real';
export { default } from './notice_diff.js?real';
const trap = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(${JSON.stringify(TRAP_WASM)}))).exports.trap;
export function compare(left, right, options) {
  if (String(left).includes(${JSON.stringify(MARK)}) || String(right).includes(${JSON.stringify(MARK)})) trap();
  return real.compare(left, right, options);
}
`;

async function paste(page, side, text) {
  await page.click(`.paste-toggle[data-side="${side}"]`);
  await page.fill(`.paste-text[data-side="${side}"]`, text);
  await page.click(`.paste-apply[data-side="${side}"]`);
}

test('a trap in the engine is reported, the last comparison stays, and the next compare works', async () => {
  let served = 0;
  const glue = /\/pkg\/notice_diff\.js$/;
  const handler = (route) => {
    served++;
    return route.fulfill({ status: 200, contentType: 'text/javascript', body: TRAPPING_GLUE });
  };
  // On the context, so that requests from the page's workers are routed too.
  await browser.context.route(glue, handler);
  try {
    const { page, errors } = await openPage(browser.context, browser.url);
    const before = await page.textContent('#pairs');

    await paste(page, 'left', `一、放假时间：2月10日至17日。${MARK}\n二、注意事项。`);
    await page.waitForSelector('#message:not([hidden])');
    assert.ok(served > 0, 'the worker imported the trapping glue');
    assert.equal(
      await page.textContent('#message-text'),
      t('zh', 'error.engineCrash'),
      'the page says the engine stopped and was restarted',
    );
    assert.equal(await page.textContent('#pairs'), before, 'the last comparison stays on screen');

    // The engine comes back: a normal compare afterwards renders, in a fresh worker.
    await rendered(page, () => paste(page, 'left', '一、放假时间：2月10日至18日。\n二、注意事项。'));
    assert.ok(await page.isHidden('#message'), 'the error is cleared');
    assert.ok((await page.textContent('#pairs')).includes('18'), 'the new comparison is shown');
    assert.ok(served >= 2, 'a new worker was started after the trap');
    // The page reports the failure itself: no uncaught error.
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await browser.context.unroute(glue, handler);
  }
});

test('a trap in the page\'s own first comparison is reported as one in the worker is', async () => {
  // The build's comparison missing, the page compares the default pair itself, and the right
  // example holds the text that makes the glue trap.
  const [, rightFile] = examplesIndex().default;
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.route(/\/pkg\/default-comparison\.json$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.route(/\/pkg\/notice_diff\.js$/, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: TRAPPING_GLUE }),
  );
  await serveExample(page, rightFile, `${exampleText(rightFile)}${MARK}`);
  await page.goto(browser.url);
  await page.waitForSelector('#message:not([hidden])');
  assert.equal(await page.textContent('#message-text'), t('zh', 'error.engineCrash'), 'in words, not "unreachable"');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a wasm that cannot compile is reported, and a later compare works once it can', async () => {
  let corrupt = true;
  const page = await browser.context.newPage();
  await page.route(/\/pkg\/notice_diff_bg\.wasm$/, (route) =>
    corrupt
      ? route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('\0asm\x01\0\0\0garbage') })
      : route.continue(),
  );
  await page.goto(browser.url);
  await page.waitForSelector('#message:not([hidden])');
  // In words, not a CompileError.
  assert.equal(await page.textContent('#message-text'), t('zh', 'error.load_failed'), 'the page says the engine failed');
  // Said at once, though the default comparison, made at build time, needed no engine.
  await page.waitForSelector('body[data-ready="true"]');
  assert.ok(await page.isVisible('#message-kept'), 'the comparison on screen stays');
  // The page still responds: the controls work and a paste box opens, and once both sides
  // are pasted the comparison of the two must show.
  corrupt = false;
  await paste(page, 'left', '一、放假时间：2月10日至17日。');
  await paste(page, 'right', '一、放假时间：2月10日至18日。');
  await page.waitForFunction(() => {
    const text = document.querySelector('#pairs')?.textContent ?? '';
    return text.includes('17日') && text.includes('18日');
  });
  assert.ok((await page.textContent('#pairs')).includes('18'));
  await page.close();
});
