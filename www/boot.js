// The first few milliseconds: starts the engine and the default comparison as soon as this
// small module arrives (it is loaded `async`, ahead of the page's other modules), so the
// wasm, the examples and the worker all load while app.js and the renderer still download.
// app.js imports the same instances from here.

import { Engine } from './engine.js';

/** What the option checkboxes say before anyone touches them (docs/schema.md defaults). */
export const DEFAULT_OPTIONS = Object.freeze({ ignoreWhitespace: true, foldWidth: true, ignorePunctuation: false, foldNumerals: false });

performance.mark('notice-diff:boot');
export const engine = new Engine();

async function fetchOk(path, as) {
  const response = await fetch(new URL(path, import.meta.url));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return as === 'json' ? response.json() : response.text();
}

export const examplesIndex = fetchOk('examples/index.json', 'json');

const texts = new Map();

/** The text of a bundled example, fetched once. */
export function exampleText(file) {
  if (!texts.has(file)) {
    const promise = fetchOk(`examples/${encodeURIComponent(file)}`, 'text');
    promise.catch(() => texts.delete(file));
    texts.set(file, promise);
  }
  return texts.get(file);
}

/**
 * The default comparison of index.json's two default examples, under the default options:
 * `{ leftFile, rightFile, left, right, comparison }`; null when the address holds a
 * permalink (the page shows that instead). Rejects with an AbortError if the page asked
 * for another comparison first.
 */
export const firstComparison = location.hash.startsWith('#z=')
  ? null
  : examplesIndex.then(async (index) => {
      const [leftFile, rightFile] = index.default ?? [];
      if (!leftFile || !rightFile) return null;
      const [left, right] = await Promise.all([exampleText(leftFile), exampleText(rightFile)]);
      performance.mark('notice-diff:compare-sent');
      const comparison = await engine.compare(left, right, DEFAULT_OPTIONS);
      performance.mark('notice-diff:compare-received');
      return { leftFile, rightFile, left, right, comparison };
    });
// Failures are the page's to report, when it looks.
firstComparison?.catch(() => {});
examplesIndex.catch(() => {});
