// Builds dist/: the <notice-diff> widget and its iframe embed as the npm package ships them
// and a CDN serves them. Run after scripts/build-wasm.sh (`npm run build` does both).
//
//   node scripts/build-dist.mjs [--out DIR] [--check-budget]
//
// Every module a host or the browser loads by URL keeps its name and place, because the modules
// find each other, the worker, the wasm and the stylesheet through `import.meta.url`: the entry
// points, whatever is loaded with `import()` or `new URL('…', import.meta.url)` (the worker, the
// wasm-bindgen glue), and the page's <script>/<link>. Each such JS module is bundled with the
// modules it imports statically (render.js, i18n.js, engine.js go into the element: one request,
// and gzip shares their vocabulary), minified by esbuild; a static import of another URL-loaded
// module stays an import. The files are found by following the references in the output, so
// whatever the widget comes to need follows along, and nothing of the full page does. CSS is
// minified; the wasm, HTML and types are copied. Prints every file's size and the gzip total of
// the wasm, JS and CSS against the budget; with --check-budget it fails above it.
import { build as esbuild, transform } from 'esbuild';
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

/** A path relative to www/, with forward slashes. */
const inWww = (path) => relative(www, path).split(sep).join('/');

/**
 * `file` bundled with the modules it imports statically, minified. What is loaded by URL stays
 * external: `import()` targets and the entry points, which a host may load on their own.
 */
async function bundle(file) {
  const keepUrls = {
    name: 'keep-urls',
    setup(build) {
      build.onResolve({ filter: /^\./ }, ({ kind, path, resolveDir }) => {
        const target = inWww(resolve(resolveDir, path));
        const loadedByUrl = kind === 'dynamic-import' || (ENTRIES.includes(target) && target !== file);
        return loadedByUrl ? { path, external: true } : undefined;
      });
    },
  };
  const { outputFiles, metafile } = await esbuild({
    entryPoints: [file],
    absWorkingDir: www,
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    plugins: [keepUrls],
  });
  // A bundled module's `import.meta.url` becomes the bundle's: the same URL only for a module
  // in the same folder.
  for (const input of Object.keys(metafile.inputs)) {
    if (dirname(input) !== dirname(file)) throw new Error(`${file} imports ${input} from another folder; it cannot be bundled`);
  }
  return Buffer.from(outputFiles[0].contents);
}

async function output(file) {
  const path = join(www, file);
  if (!path.startsWith(www + sep)) throw new Error(`${file} is outside www/`);
  if (!existsSync(path)) throw new Error(`${file} is referenced but missing (run scripts/build-wasm.sh first?)`);
  if (extname(file) === '.js') return bundle(file);
  const source = await readFile(path);
  if (extname(file) !== '.css') return source;
  const { code } = await transform(source.toString('utf8'), { loader: 'css', minify: true, legalComments: 'none', sourcefile: file });
  return Buffer.from(code);
}

/** Builds into `out`; returns `{ files: [{ file, raw, gzip }], total }` (total: wasm + JS + CSS gzip). */
export async function build(out = join(repo, 'dist')) {
  if (existsSync(out) && (await readdir(out)).length && !existsSync(join(out, 'notice-diff-define.js'))) {
    throw new Error(`${out} is not empty and holds no earlier build; refusing to replace it`);
  }
  await rm(out, { recursive: true, force: true });
  const files = [];
  // The files reachable from the entry points, found in what the build writes: a bundle's
  // references are those of everything bundled into it.
  const queue = [...ENTRIES, ...TYPES];
  while (queue.length) {
    const file = queue.shift();
    if (files.some((built) => built.file === file)) continue;
    const bytes = await output(file);
    for (const target of references(file, bytes.toString('utf8'))) {
      queue.push(inWww(resolve(dirname(join(www, file)), target)));
    }
    await mkdir(dirname(join(out, file)), { recursive: true });
    await writeFile(join(out, file), bytes);
    files.push({ file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  files.sort((a, b) => Number(a.file.endsWith('.d.ts')) - Number(b.file.endsWith('.d.ts')) || (a.file < b.file ? -1 : 1));
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
