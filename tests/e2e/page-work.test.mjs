// Work in the background: the comparison runs in a worker, long work shows progress, the
// page stays usable meanwhile, and a newer request replaces an older one. The test holds
// the worker's answers back (instead of waiting on a clock) to make work "long".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './harness.mjs';
import { openPage } from './page-helpers.mjs';

let browser;
before(async () => {
  browser = await start();
});
after(async () => {
  await browser?.close();
});

/** Runs before the page: answers from any worker wait while `window.__hold` is true. */
function holdWorkerAnswers() {
  const Native = window.Worker;
  window.__hold = false;
  window.__held = [];
  window.__release = () => {
    window.__hold = false;
    for (const deliver of window.__held.splice(0)) deliver();
  };
  window.Worker = class HeldWorker extends Native {
    set onmessage(listener) {
      super.onmessage = (event) => {
        if (window.__hold && event.data && event.data.id !== undefined) window.__held.push(() => listener.call(this, event));
        else listener.call(this, event);
      };
    }
  };
}

const renders = (page) => page.evaluate(() => Number(document.body.dataset.renders));

test('long work shows progress, leaves the page usable, and only the newest result is shown', async () => {
  const { page, errors } = await openPage(browser.context, browser.url, { initScript: holdWorkerAnswers });
  const before = await renders(page);
  const pairs = await page.innerHTML('#pairs');
  await page.evaluate(() => {
    window.__hold = true;
  });
  await page.check('#options input[name="ignorePunctuation"]');
  // Progress appears (after a short delay, so quick work shows none) and is announced.
  await page.waitForSelector('#progress.active');
  assert.equal(await page.textContent('#progress .progress-text'), '正在对比…');
  assert.equal(await page.getAttribute('#comparison', 'aria-busy'), 'true');
  // The page still answers: the language switches and the folded parts unfold meanwhile.
  await page.click('#fold');
  assert.equal(await page.getAttribute('#fold', 'aria-pressed'), 'true');
  await page.keyboard.press('n');
  assert.match(await page.textContent('#position'), /^第 1 \/ \d+ 处改动$/);
  // A second request while the first is out: the first is cancelled.
  await page.check('#options input[name="foldNumerals"]');
  assert.equal(await page.innerHTML('#pairs').then((html) => html.includes('nd-current')), true, 'the old comparison is still shown');
  assert.ok(pairs.length > 0);
  await page.evaluate(() => window.__release());
  await page.waitForFunction(() => !document.querySelector('#progress.active'));
  await page.waitForFunction((n) => Number(document.body.dataset.renders) > n, before);
  assert.equal(await renders(page), before + 1, 'rendered once, for the newest request');
  assert.equal(await page.getAttribute('#comparison', 'aria-busy'), null);
  assert.deepEqual(errors, []);
});

test('an engine that fails leaves the comparison on screen and says so', async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  const pairs = await page.innerHTML('#pairs');
  // An option the engine cannot read makes it throw.
  await page.evaluate(() => {
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function broken(message, transfer) {
      if (message?.type === 'compare') message = { ...message, options: 'not an options object' };
      return post.call(this, message, transfer);
    };
  });
  await page.check('#options input[name="ignorePunctuation"]');
  await page.waitForSelector('#message:not([hidden])');
  assert.match(await page.textContent('#message-text'), /^对比引擎出错：/);
  assert.equal(await page.innerHTML('#pairs'), pairs);
  assert.ok(await page.isVisible('#message-kept'));
  assert.deepEqual(errors, []);
});
