// Refreshes docs/screenshot.png: the page as it opens (the default comparison), in Chromium.
//
//   node scripts/screenshot.mjs [out.png] [--width=1440] [--height=1000] [--dark] [--full] [--url=…]
//                               [--comparison=saved.json] [--lang=en] [--view=inline] [--scroll=px]
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, open } from '../tests/e2e/harness.mjs';

const repo = resolve(fileURLToPath(import.meta.url), '../..');
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const out = resolve(args.find((a) => !a.startsWith('--')) ?? `${repo}/docs/screenshot.png`);
const width = Number(flag('width', 1440));
const height = Number(flag('height', 1000));

const browser = await start();
try {
  const { page, errors } = await open(browser.context, 'about:blank', { viewport: { width, height } });
  if (args.includes('--dark')) await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(new URL(flag('url', ''), browser.url).href);
  await page.waitForSelector('body[data-ready="true"]');
  const first = await page.evaluate(() => performance.getEntriesByName('notice-diff:first-comparison')[0]?.startTime);
  const renders = async () => Number(await page.getAttribute('body', 'data-renders'));
  const rerender = async (action) => {
    const before = await renders();
    await action();
    await page.waitForFunction((n) => Number(document.body.dataset.renders) > n, before);
  };
  const saved = flag('comparison');
  if (saved) await rerender(() => page.setInputFiles('.file-input[data-side="left"]', resolve(saved)));
  if (flag('lang') === 'en') await rerender(() => page.click('#lang'));
  if (flag('view') === 'inline') await rerender(() => page.click('[data-view="inline"]'));
  if (flag('scroll')) await page.evaluate((y) => window.scrollTo(0, y), Number(flag('scroll')));
  await page.screenshot({ path: out, fullPage: args.includes('--full') });
  console.log(`${out}  (${width}×${height}; first comparison shown ${Math.round(first)} ms after navigation)`);
  if (errors.length) {
    console.error('console errors:', errors);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
}
