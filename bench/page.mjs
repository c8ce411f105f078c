// The in-page half of the Chromium benchmark: the wasm loaded as the real page loads it,
// timed with performance.now() inside the page so no driver round trip counts.
import init, { compare } from '../www/pkg/notice_diff.js';
import { timeCase } from './timing.mjs';

const exports = await init();
let last;

async function text(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

window.bench = {
  /** Times compare(left, right) on two URLs' texts; the last result stays alive for memory. */
  async run(leftUrl, rightUrl, policy) {
    const [left, right] = await Promise.all([text(leftUrl), text(rightUrl)]);
    last = undefined;
    return timeCase(() => (last = compare(left, right, {})), policy, {
      gc: globalThis.gc ?? (() => {}),
      before: () => (last = undefined),
    });
  },
  /** Size of the wasm linear memory: it only grows, so this is its high-water mark. */
  wasmMb: () => exports.memory.buffer.byteLength / 2 ** 20,
  release: () => (last = undefined),
};
document.body.dataset.ready = 'true';
