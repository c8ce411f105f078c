// The first few milliseconds: fetches the default comparison and compiles the engine as soon
// as this small module arrives. It is loaded `async` and render-blocking from the <head>, so
// it runs before the page's first layout rather than after it.
//
// The page opens on the comparison of two bundled notices, which is the same on every visit,
// so the build makes it once (scripts/build-default-comparison.mjs runs the wasm in Node) and
// the page shows that file: nothing to compile or compute before the first comparison is on
// screen. It is used only when it is exactly what the engine would say now: made from these
// two texts, under these options. Otherwise (an edited example, a page served without its
// build step, index.json naming another pair) the pair is compared here, on the main thread,
// not in the worker: two notices of about 10 KB are a few milliseconds of work once compiled,
// and a worker would first have to start (tens of milliseconds on a two-core machine) and
// compile the wasm again. The wasm is compiled once, from the fetch index.html preloads, and
// handed to the worker, which starts once the comparison is on screen and does all the work
// after it (user input, which may be large, never runs on this thread). app.js imports the
// same instances from here.

import { Engine, EngineError, WASM_URL, DEFAULT_OPTIONS, plainError } from './engine.js';

export { DEFAULT_OPTIONS };

performance.mark('notice-diff:boot');
const wasm = WebAssembly.compileStreaming(fetch(WASM_URL));
export const engine = new Engine({ module: wasm });

/** Settles once the engine is compiled; rejects with an EngineError (`loadFailed`) if it cannot be. */
export const engineLoaded = wasm.then(
  () => {
    performance.mark('notice-diff:engine-compiled');
  },
  (error) => {
    throw new EngineError({ message: String(error?.message ?? error), loadFailed: true });
  },
);
engineLoaded.catch(() => {}); // reported by the page, once it shows something

const EXAMPLES = new URL('examples/', import.meta.url);
const PREPARED = new URL('pkg/default-comparison.json', import.meta.url);

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

/** Compares two bundled examples on this thread (see the top of this file). */
async function compareHere(left, right) {
  let api;
  try {
    const [module, glue] = await Promise.all([wasm, import('./pkg/notice_diff.js')]);
    glue.initSync({ module });
    api = glue;
  } catch (error) {
    throw new EngineError({ message: String(error?.message ?? error), loadFailed: true });
  }
  performance.mark('notice-diff:engine-ready');
  try {
    return api.compare(left, right, DEFAULT_OPTIONS);
  } catch (error) {
    // As from the worker: the reader's machine fields (`code`, …), a trap's RuntimeError.
    throw new EngineError(plainError(error));
  }
}

/** Whether options `a` say what `b` says for every option `b` names. */
export const sameOptions = (a, b) => Object.keys(b).every((key) => a?.[key] === b[key]);

/**
 * The comparison of two bundled examples under the default options: the build's own when it
 * is of exactly these texts and options (a missing or unreadable file counts as stale), or
 * else the engine's, computed now.
 */
async function defaultComparison(leftFile, rightFile, prepared) {
  const [left, right, made] = await Promise.all([exampleText(leftFile), exampleText(rightFile), prepared]);
  const comparison = made?.comparison;
  const fresh =
    made?.leftFile === leftFile &&
    made?.rightFile === rightFile &&
    sameOptions(made.options, DEFAULT_OPTIONS) &&
    comparison?.left?.text === left &&
    comparison?.right?.text === right;
  if (fresh) {
    performance.mark('notice-diff:prepared');
    return comparison;
  }
  return compareHere(left, right);
}

const permalink = location.hash.startsWith('#z=');
const guess = permalink ? null : preloadedPair();
const prepared = permalink ? null : fetchOk(PREPARED, 'json').catch(() => null);
const early = guess ? defaultComparison(guess[0], guess[1], prepared) : null;
early?.catch(() => {});

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
      const comparison = await (same ? early : defaultComparison(leftFile, rightFile, prepared));
      performance.mark('notice-diff:compared');
      return { leftFile, rightFile, left, right, comparison };
    });
// Failures are the page's to report, when it looks.
firstComparison?.catch(() => {});
examplesIndex.catch(() => {});
