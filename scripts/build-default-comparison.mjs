// Makes the comparison the page opens on, once, at build time: the wasm in www/pkg (the very
// engine the page loads) compares examples/index.json's default pair under the engine's
// default options, and the result goes to www/pkg/default-comparison.json. boot.js shows it
// when it is still exactly that comparison, so that a visitor waits for no compile and no
// compute before the first comparison is on screen. Run by scripts/build-wasm.sh, after the
// wasm; it takes well under a second.
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_OPTIONS } from '../www/engine.js';

const www = join(resolve(fileURLToPath(import.meta.url), '../..'), 'www');
const examples = join(www, 'examples');

const glue = await import(join(www, 'pkg/notice_diff.js'));
glue.initSync({ module: await readFile(join(www, 'pkg/notice_diff_bg.wasm')) });

const index = JSON.parse(await readFile(join(examples, 'index.json'), 'utf8'));
const [leftFile, rightFile] = index.default ?? [];
if (!leftFile || !rightFile) throw new Error('examples/index.json names no default pair');
const [left, right] = await Promise.all([leftFile, rightFile].map((file) => readFile(join(examples, file), 'utf8')));

const comparison = glue.compare(left, right, DEFAULT_OPTIONS);
const out = join(www, 'pkg/default-comparison.json');
await writeFile(out, JSON.stringify({ leftFile, rightFile, options: DEFAULT_OPTIONS, comparison }));
console.error(`${out.slice(www.length - 3)}: ${leftFile} ↔ ${rightFile}`);
