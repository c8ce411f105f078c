import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open } from './harness.mjs';

let browser;
before(async () => { browser = await start(); });
after(async () => { await browser?.close(); });

test('the page opens on a comparison the wasm computed, with no console error', async () => {
  const { page, errors } = await open(browser.context, browser.url);
  await page.waitForSelector('body[data-ready="true"]');
  const similarity = await page.textContent('#similarity');
  assert.match(similarity, /^\d{1,3}%$/);
  const percent = Number(similarity.slice(0, -1));
  assert.ok(percent > 0 && percent < 100, `two different notices are neither identical nor unrelated: ${similarity}`);
  assert.deepEqual(errors, []);
});
