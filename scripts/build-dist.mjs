// Builds dist/: the <notice-diff> widget and its iframe embed as the npm package ships them
// and a CDN serves them. Run after scripts/build-wasm.sh (`npm run build` does both).
//
//   node scripts/build-dist.mjs [--out DIR] [--check-budget]
//
// No bundling: the files keep their names and relative places, because the modules find each
// other, the worker, the wasm and the stylesheet through `import.meta.url`. The set of files
// is the module graph reachable from the entry points (imports, dynamic imports,
// `new URL('…', import.meta.url)`, and the page's <script>/<link>), so whatever render.js or
// engine.js come to need follows along, and nothing of the full page does. JS and CSS are
// minified with esbuild's transform (one file at a time); the wasm, HTML and types are copied.
// Prints every file's size and the gzip total of the wasm, JS and CSS against the budget;
// with --check-budget it fails above it.
import { transform } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const repo = resolve(fileURLToPath(import.meta.url), '../..');
const www = join(repo, 'www');

/** What a host loads; everything else is reached from these. */
const ENTRIES = ['notice-diff-define.js', 'notice-diff-element.js', 'embed.html'];
/** Hand-written declarations: the element, its events and messages, and the Comparison schema. */
const TYPES = ['notice-diff-define.d.ts', 'notice-diff-element.d.ts', 'comparison.d.ts'];
/** wasm + JS + CSS, gzipped. */
export const BUDGET = 150 * 1024;

const JS_REFERENCES = [
  /\bimport\s*(?:[\w*{}\s,$]+?\s*from\s*)?['"]([^'"]+)['"]/g,
  /\bexport\s*[\w*{}\s,$]+?\s*from\s*['"]([^'"]+)['"]/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bnew\s+URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g,
];
const HTML_REFERENCES = [
  /<script\b[^>]*\bsrc="([^"]+)"/g,
  /<link\b[^>]*\bhref="([^"]+)"/g,
];

function references(file, text) {
  const patterns = extname(file) === '.html' ? HTML_REFERENCES : extname(file) === '.js' ? JS_REFERENCES : [];
  const found = new Set();
  for (const pattern of patterns) {
    for (const [, target] of text.matchAll(pattern)) {
      // Only the package's own files: no URLs, no bare module names.
      if (/^[a-z][a-z\d+.-]*:/i.test(target) || target.startsWith('/') || target.startsWith('#')) continue;
      if (extname(file) === '.js' && !target.startsWith('.') && !pattern.source.includes('URL')) continue;
      found.add(target.split(/[?#]/)[0]);
    }
  }
  return [...found];
}

/** The files reachable from the entry points, as paths relative to www/. */
async function graph() {
  const seen = new Set();
  const queue = [...ENTRIES];
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    const path = join(www, file);
    if (!path.startsWith(www + sep)) throw new Error(`${file} is outside www/`);
    if (!existsSync(path)) throw new Error(`${file} is referenced but missing (run scripts/build-wasm.sh first?)`);
    seen.add(file);
    if (['.js', '.html'].includes(extname(file))) {
      const text = await readFile(path, 'utf8');
      for (const target of references(file, text)) {
        queue.push(relative(www, resolve(dirname(path), target)).split(sep).join('/'));
      }
    }
  }
  return [...seen].sort();
}

async function output(file) {
  const source = await readFile(join(www, file));
  const loader = { '.js': 'js', '.css': 'css' }[extname(file)];
  if (!loader) return source;
  const { code } = await transform(source.toString('utf8'), {
    loader,
    minify: true,
    format: loader === 'js' ? 'esm' : undefined,
    target: loader === 'js' ? 'es2022' : undefined,
    legalComments: 'none',
    sourcefile: file,
  });
  return Buffer.from(code);
}

/** Builds into `out`; returns `{ files: [{ file, raw, gzip }], total }` (total: wasm + JS + CSS gzip). */
export async function build(out = join(repo, 'dist')) {
  if (existsSync(out) && (await readdir(out)).length && !existsSync(join(out, 'notice-diff-define.js'))) {
    throw new Error(`${out} is not empty and holds no earlier build; refusing to replace it`);
  }
  await rm(out, { recursive: true, force: true });
  const files = [];
  for (const file of [...(await graph()), ...TYPES]) {
    const bytes = await output(file);
    await mkdir(dirname(join(out, file)), { recursive: true });
    await writeFile(join(out, file), bytes);
    files.push({ file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  const counted = files.filter(({ file }) => /\.(js|css|wasm)$/.test(file));
  const total = counted.reduce((sum, { gzip }) => sum + gzip, 0);
  return { files, total };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const out = at > 0 ? resolve(process.argv[at + 1]) : join(repo, 'dist');
  const { files, total } = await build(out);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  for (const { file, raw, gzip } of files) {
    console.log(`${file.padEnd(28)} ${kb(raw).padStart(10)} raw ${kb(gzip).padStart(10)} gzip`);
  }
  const verdict = total <= BUDGET ? 'within' : 'OVER';
  console.log(`total (wasm + js + css): ${kb(total)} gzip, ${verdict} the ${kb(BUDGET)} budget → ${relative(process.cwd(), out) || '.'}`);
  // Over budget the build still succeeds (dist/ works; the figure is printed for all to see);
  // `--check-budget` makes it fail instead, as the dist test runs it.
  if (total > BUDGET && process.argv.includes('--check-budget')) process.exitCode = 1;
}
