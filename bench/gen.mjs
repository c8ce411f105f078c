// Deterministic, realistic benchmark inputs built from the real notices in tests/fixtures.
//
// A scaled input is a long compilation: the seed notices and the regulations, one chapter
// each ("第N章　title" followed by the document's own paragraphs, which keep their own
// 一、/（一）/第X条 numbering), cycled in a pseudo-random order until the left side reaches
// the target size in UTF-8 bytes. Later cycles shift every number by the cycle index so the
// compilation is not a verbatim repetition. The right side is the left after the edits a
// revision makes: chapters deleted, inserted and moved (so every chapter after them is
// renumbered), paragraphs deleted, inserted and swapped, words, numbers and dates changed,
// sentences deleted and inserted.
//
// benches/corpus/mod.rs is a line-by-line Rust port; both must produce identical bytes
// (scripts/bench-check-gen.sh compares them). Keep every random draw in the same order.
//
//   node bench/gen.mjs 100000 left|right   prints one side of the 100 KB input
//   node bench/gen.mjs --dump DIR          writes every size as DIR/<size>.{left,right}.txt
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(fileURLToPath(import.meta.url), '../..');
export const SEEDS = join(REPO, 'tests/fixtures/seeds');
export const REGULATIONS = join(REPO, 'tests/fixtures/regulations');

/** Sizes per side, in UTF-8 bytes. */
export const SIZES = [10_000, 100_000, 1_000_000, 5_000_000];

/** xorshift32: tiny, and the same sequence in JavaScript and Rust (u32 arithmetic). */
export class Rng {
  constructor(seed) {
    this.state = seed >>> 0 || 1;
  }
  next() {
    let x = this.state;
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    this.state = x;
    return x;
  }
  /** Uniform-enough integer in [0, n); 0 when n is 0. */
  below(n) {
    return n === 0 ? 0 : this.next() % n;
  }
}

const BLANK = new Set([' ', '\t', '\r', '\u3000', '\u00a0', '\ufeff', '\u200b']);
const isBlank = (line) => [...line].every((c) => BLANK.has(c));

function trimBlank(s) {
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  while (a < b && BLANK.has(chars[a])) a++;
  while (b > a && BLANK.has(chars[b - 1])) b--;
  return chars.slice(a, b).join('');
}

/** UTF-8 length, as Rust's `str::len`. */
export function utf8Length(s) {
  let n = 0;
  for (const c of s) {
    const p = c.codePointAt(0);
    n += p < 0x80 ? 1 : p < 0x800 ? 2 : p < 0x10000 ? 3 : 4;
  }
  return n;
}

/** A document as a chapter: its title line and its other non-blank lines. */
export function parseDocument(text) {
  const lines = text
    .split('\n')
    .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
    .filter((l) => !isBlank(l) && !l.startsWith('<!--'));
  let title = trimBlank(lines[0] ?? '');
  if (title.startsWith('# ')) title = trimBlank(title.slice(2));
  return { title, paras: lines.slice(1) };
}

/** The seed notices and the regulations, by file name, as chapters. */
export function loadPool() {
  const files = (dir) => readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => join(dir, f));
  return [...files(SEEDS), ...files(REGULATIONS)]
    .map((f) => parseDocument(readFileSync(f, 'utf8')))
    .filter((d) => d.paras.length > 0);
}

/** Seed notice files, by name. */
export function seedFiles() {
  return readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().map((f) => join(SEEDS, f));
}

const DIGITS = '零一二三四五六七八九';
const UNITS = ['', '十', '百', '千'];

/** Chinese numeral for 1..9999 as written in headings (十一, 一百零一); digits beyond. */
export function chineseNumber(n) {
  if (n <= 0 || n >= 10000) return String(n);
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const pos = digits.length - 1 - i;
    if (d === 0) {
      zero = true;
      return;
    }
    if (zero) out += '零';
    zero = false;
    if (!(d === 1 && pos === 1 && i === 0)) out += DIGITS[d];
    out += UNITS[pos];
  });
  return out;
}

const isDigit = (c) => c >= '0' && c <= '9';

/** Runs of ASCII digits: [start, end) in code-point indices of `chars`. */
function digitRuns(chars) {
  const runs = [];
  let i = 0;
  while (i < chars.length) {
    if (isDigit(chars[i])) {
      const start = i;
      while (i < chars.length && isDigit(chars[i])) i++;
      runs.push([start, i]);
    } else {
      i++;
    }
  }
  return runs;
}

/** Adds `delta` to every run of at most nine digits (years, dates, amounts). */
function shiftNumbers(s, delta) {
  const chars = [...s];
  let out = '';
  let last = 0;
  for (const [a, b] of digitRuns(chars)) {
    out += chars.slice(last, a).join('');
    const run = chars.slice(a, b).join('');
    out += b - a <= 9 ? String(Number(run) + delta) : run;
    last = b;
  }
  return out + chars.slice(last).join('');
}

/** Endless chapters: the pool in a fresh shuffled order each cycle, numbers shifted per cycle. */
class ChapterStream {
  constructor(pool, rng) {
    this.pool = pool;
    this.rng = rng;
    this.cycle = 0;
    this.order = [];
  }
  next() {
    if (this.order.length === 0) {
      const order = this.pool.map((_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = this.rng.below(i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
      this.order = order.reverse();
      this.cycle += 1;
    }
    const doc = this.pool[this.order.pop()];
    const delta = this.cycle - 1;
    if (delta === 0) return { title: doc.title, paras: [...doc.paras] };
    return { title: shiftNumbers(doc.title, delta), paras: doc.paras.map((p) => shiftNumbers(p, delta)) };
  }
}

const heading = (k, title) => `第${chineseNumber(k + 1)}章\u3000${title}`;

/** The compilation's text: numbered chapter headings, paragraphs separated by blank lines. */
export function render(chapters) {
  const parts = [];
  chapters.forEach((ch, k) => {
    parts.push(heading(k, ch.title), '\n\n');
    for (const p of ch.paras) parts.push(p, '\n\n');
  });
  return parts.join('');
}

/** Chapters whose rendering is at most `target` bytes (cut at a paragraph), at least one paragraph. */
function takeChapters(stream, target) {
  const chapters = [];
  let bytes = 0;
  for (;;) {
    const ch = stream.next();
    const head = utf8Length(heading(chapters.length, ch.title)) + 2;
    if (bytes + head > target && chapters.length > 0) return chapters;
    bytes += head;
    const kept = { title: ch.title, paras: [] };
    chapters.push(kept);
    for (const p of ch.paras) {
      const size = utf8Length(p) + 2;
      if (bytes + size > target && (kept.paras.length > 0 || chapters.length > 1)) {
        if (kept.paras.length === 0) chapters.pop();
        return chapters;
      }
      bytes += size;
      kept.paras.push(p);
    }
  }
}

const WORDS = [
  ['加强', '强化'], ['认真', '切实'], ['应当', '应'], ['进一步', '更加'], ['组织', '单位'],
  ['职工', '劳动者'], ['规定', '办法'], ['有关', '相关'], ['按照', '依照'], ['及时', '尽快'],
  ['开展', '推进'], ['重要', '重大'], ['各级', '各地'], ['负责', '承担'], ['建立', '健全'], ['工作', '任务'],
];
const NUMERALS = [...'一二三四五六七八九十'];

/** Sentences of a paragraph, each ending with its '。' (the last may not). */
function sentences(p) {
  const out = [];
  let start = 0;
  for (;;) {
    const i = p.indexOf('。', start);
    if (i < 0) break;
    out.push(p.slice(start, i + 1));
    start = i + 1;
  }
  if (start < p.length) out.push(p.slice(start));
  return out;
}

function changeWord(p, rng) {
  const first = rng.below(WORDS.length);
  for (let k = 0; k < WORDS.length; k++) {
    const [a, b] = WORDS[(first + k) % WORDS.length];
    if (p.includes(a)) return p.replace(a, b);
  }
  return changeNumber(p, rng);
}

function changeNumber(p, rng) {
  const chars = [...p];
  const runs = digitRuns(chars).filter(([a, b]) => b - a <= 9);
  if (runs.length > 0) {
    const [a, b] = runs[rng.below(runs.length)];
    const value = Number(chars.slice(a, b).join('')) + 1 + rng.below(9);
    return chars.slice(0, a).join('') + String(value) + chars.slice(b).join('');
  }
  const at = [];
  chars.forEach((c, i) => {
    if (NUMERALS.includes(c)) at.push(i);
  });
  if (at.length === 0) return p;
  const i = at[rng.below(at.length)];
  const old = NUMERALS.indexOf(chars[i]);
  chars[i] = NUMERALS[(old + 1 + rng.below(NUMERALS.length - 1)) % NUMERALS.length];
  return chars.join('');
}

function donorParagraph(pool, rng) {
  const doc = pool[rng.below(pool.length)];
  return doc.paras[rng.below(doc.paras.length)];
}

/** The revision: the edits listed at the top of this file, drawn from `rng`. */
function revise(chapters, pool, stream, rng) {
  const out = chapters.map((c) => ({ title: c.title, paras: [...c.paras] }));
  if (out.length >= 3) {
    const k = Math.max(1, Math.floor(out.length / 10));
    for (let i = 0; i < k; i++) out.splice(1 + rng.below(out.length - 1), 1);
    for (let i = 0; i < k; i++) {
      const spare = stream.next();
      spare.paras = spare.paras.slice(0, 1 + rng.below(spare.paras.length));
      out.splice(1 + rng.below(out.length), 0, spare);
    }
    for (let i = 0; i < k; i++) {
      const [moved] = out.splice(rng.below(out.length), 1);
      out.splice(rng.below(out.length + 1), 0, moved);
    }
  }
  for (const ch of out) {
    const paras = [];
    let i = 0;
    while (i < ch.paras.length) {
      let p = ch.paras[i];
      const r = rng.below(1000);
      if (r < 15) {
        i += 1;
        continue;
      } else if (r < 30) {
        paras.push(donorParagraph(pool, rng));
      } else if (r < 40 && i + 1 < ch.paras.length) {
        paras.push(ch.paras[i + 1], p);
        i += 2;
        continue;
      } else if (r < 120) {
        p = changeWord(p, rng);
      } else if (r < 170) {
        p = changeNumber(p, rng);
      } else if (r < 210) {
        const s = sentences(p);
        if (s.length >= 2) {
          s.splice(rng.below(s.length), 1);
          p = s.join('');
        }
      } else if (r < 250) {
        const s = sentences(p);
        const donor = sentences(donorParagraph(pool, rng));
        if (donor.length > 0) {
          s.splice(rng.below(s.length + 1), 0, donor[rng.below(donor.length)]);
          p = s.join('');
        }
      }
      paras.push(p);
      i += 1;
    }
    ch.paras = paras;
  }
  return out;
}

/** The left and right texts of the input whose left side is at most `target` UTF-8 bytes. */
export function scaled(target, pool = loadPool()) {
  const rng = new Rng(0x5eed ^ target);
  const stream = new ChapterStream(pool, rng);
  const chapters = takeChapters(stream, target);
  const right = revise(chapters, pool, stream, rng);
  return { left: render(chapters), right: render(right) };
}

/** Every size the benchmarks use, by label. */
export const DUMPED = { '10K': 10_000, '20K': 20_000, '100K': 100_000, '200K': 200_000, '1M': 1_000_000, '2M': 2_000_000, '5M': 5_000_000 };

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--dump') {
    const dir = process.argv[3];
    mkdirSync(dir, { recursive: true });
    const pool = loadPool();
    for (const [name, target] of Object.entries(DUMPED)) {
      const { left, right } = scaled(target, pool);
      writeFileSync(join(dir, `${name}.left.txt`), left);
      writeFileSync(join(dir, `${name}.right.txt`), right);
    }
  } else {
    const { left, right } = scaled(Number(process.argv[2] ?? 100_000));
    process.stdout.write(process.argv[3] === 'right' ? right : left);
  }
}
