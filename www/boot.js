// The first few milliseconds: starts the engine and the default comparison as soon as this
// small module arrives. It is loaded `async` and render-blocking from the <head>, so it runs
// before the page's first layout (which takes tens of milliseconds) rather than after it; and
// it hands the worker everything the first comparison needs (the wasm's URL and the default
// pair's URLs) in one go, so the worker fetches, compiles and compares while this thread lays
// the page out, with no round trip through it. app.js imports the same instances from here.

import { Engine } from './engine.js';

/** What the option checkboxes say before anyone touches them (docs/schema.md defaults). */
export const DEFAULT_OPTIONS = Object.freeze({ ignoreWhitespace: true, foldWidth: true, ignorePunctuation: false, foldNumerals: false });

performance.mark('notice-diff:boot');
export const engine = new Engine();

const EXAMPLES = new URL('examples/', import.meta.url);

async function fetchOk(url, as) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname ?? url}: HTTP ${response.status}`);
  return as === 'json' ? response.json() : response.text();
}

export const examplesIndex = fetchOk(new URL('index.json', EXAMPLES), 'json');

const texts = new Map();

/** The text of a bundled example, fetched once. */
export function exampleText(file) {
  if (!texts.has(file)) {
    const promise = fetchOk(new URL(encodeURIComponent(file), EXAMPLES), 'text');
    promise.catch(() => texts.delete(file));
    texts.set(file, promise);
  }
  return texts.get(file);
}

/**
 * The default pair as index.html preloads it (`<link rel="preload" data-default="left|right">`),
 * known without waiting for index.json; index.json stays the authority (below).
 */
function preloadedPair() {
  const file = (side) => {
    const href = document.querySelector(`link[rel~="preload"][data-default="${side}"]`)?.getAttribute('href') ?? '';
    return href.startsWith('examples/') ? decodeURIComponent(href.slice('examples/'.length)) : null;
  };
  const pair = [file('left'), file('right')];
  return pair[0] && pair[1] ? pair : null;
}

const permalink = location.hash.startsWith('#z=');
const guess = permalink ? null : preloadedPair();
const early = guess
  ? engine.compareUrls(new URL(encodeURIComponent(guess[0]), EXAMPLES), new URL(encodeURIComponent(guess[1]), EXAMPLES), DEFAULT_OPTIONS)
  : null;
early?.catch(() => {});
if (early) performance.mark('notice-diff:compare-sent');

/**
 * The default comparison of index.json's two default examples, under the default options:
 * `{ leftFile, rightFile, left, right, comparison }`; null when the address holds a
 * permalink (the page shows that instead). Rejects with an AbortError if the page asked
 * for another comparison first.
 */
export const firstComparison = permalink
  ? null
  : examplesIndex.then(async (index) => {
      const [leftFile, rightFile] = index.default ?? [];
      if (!leftFile || !rightFile) return null;
      const [left, right] = await Promise.all([exampleText(leftFile), exampleText(rightFile)]);
      // index.html named another pair (out of date): compare the one index.json names.
      const same = guess && guess[0] === leftFile && guess[1] === rightFile;
      if (!same) performance.mark('notice-diff:compare-sent');
      const comparison = await (same ? early : engine.compare(left, right, DEFAULT_OPTIONS));
      performance.mark('notice-diff:compare-received');
      return { leftFile, rightFile, left, right, comparison };
    });
// Failures are the page's to report, when it looks.
firstComparison?.catch(() => {});
examplesIndex.catch(() => {});
