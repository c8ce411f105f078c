// Change runs per 1000 characters: raw Myers, diff-match-patch + cleanupSemantic, notice-diff.
//
// A change run is a maximal run of non-equal operations: what a reader has to look at.
// Every differ sees the same two whole files (read as UTF-8), so the numbers compare the
// differs, not the segmentation. notice-diff runs through the CLI's hidden `diff-runs`
// subcommand, with the default options and with `--strict` (whitespace and width
// significant, like the other two).
//
// usage: node scripts/change-runs.mjs [--json]   (NOTICE_DIFF_BIN=… to use a prebuilt CLI)
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import DiffMatchPatch from 'diff-match-patch';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'tests', 'fixtures');

function pairs() {
  const seeds = readdirSync(join(fixtures, 'seeds'))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => join('seeds', f));
  const out = [];
  for (let i = 0; i < seeds.length; i++) {
    for (let j = i + 1; j < seeds.length; j++) out.push(['seed', seeds[i], seeds[j]]);
  }
  const regulations = [
    ['fangjia_banfa_2013', 'fangjia_banfa_2024'],
    ['guoji_shangshi_fating_2018', 'guoji_shangshi_fating_2023'],
    ['zhishichanquan_fating_2018', 'zhishichanquan_fating_2023'],
    ['jingyingzhe_jizhong_shenbao_2018', 'jingyingzhe_jizhong_shenbao_2024'],
    ['huanjing_wuran_jieshi_2016', 'huanjing_wuran_jieshi_2023'],
  ];
  for (const [a, b] of regulations) {
    out.push(['regulation', join('regulations', `${a}.txt`), join('regulations', `${b}.txt`)]);
  }
  return out;
}

function runs(diffs) {
  let count = 0;
  let inRun = false;
  for (const [op] of diffs) {
    const changed = op !== 0;
    if (changed && !inRun) count++;
    inRun = changed;
  }
  return count;
}

// NOTICE_DIFF_BIN=path/to/notice-diff skips `cargo run` (e.g. to try a debug build).
function noticeDiff(left, right, strict) {
  const bin = process.env.NOTICE_DIFF_BIN;
  const tail = ['diff-runs', left, right, ...(strict ? ['--strict'] : [])];
  const out = bin
    ? execFileSync(bin, tail, { encoding: 'utf8' })
    : execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'notice-diff', '--', ...tail], {
        cwd: root,
        encoding: 'utf8',
      });
  return JSON.parse(out);
}

const dmp = new DiffMatchPatch();
dmp.Diff_Timeout = 0;
const rows = [];
for (const [group, a, b] of pairs()) {
  const left = readFileSync(join(fixtures, a), 'utf8');
  const right = readFileSync(join(fixtures, b), 'utf8');
  const chars = ([...left].length + [...right].length) / 2;
  const per1000 = (n) => (n * 1000) / chars;
  const diffs = dmp.diff_main(left, right, false);
  const raw = runs(diffs);
  dmp.diff_cleanupSemantic(diffs);
  const semantic = runs(diffs);
  const nd = noticeDiff(join(fixtures, a), join(fixtures, b), false);
  const strict = noticeDiff(join(fixtures, a), join(fixtures, b), true);
  rows.push({
    group,
    left: a,
    right: b,
    chars,
    raw: per1000(raw),
    semantic: per1000(semantic),
    noticeDiff: per1000(nd.runs),
    noticeDiffStrict: per1000(strict.runs),
  });
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const name = (p) => p.replace(/^.*\//, '').replace(/\.txt$/, '');
  const f = (x) => x.toFixed(2).padStart(8);
  console.log(
    `${'pair'.padEnd(62)} ${'raw'.padStart(8)} ${'semantic'.padStart(8)} ${'nd'.padStart(8)} ${'nd-strict'.padStart(9)}`,
  );
  for (const r of rows) {
    const pair = `${name(r.left)} / ${name(r.right)}`;
    console.log(`${pair.padEnd(62)} ${f(r.raw)} ${f(r.semantic)} ${f(r.noticeDiff)} ${f(r.noticeDiffStrict).padStart(9)}`);
  }
  for (const group of ['seed', 'regulation']) {
    const g = rows.filter((r) => r.group === group);
    const mean = (k) => g.reduce((s, r) => s + r[k], 0) / g.length;
    console.log(
      `${`mean (${group})`.padEnd(62)} ${f(mean('raw'))} ${f(mean('semantic'))} ${f(mean('noticeDiff'))} ${f(mean('noticeDiffStrict')).padStart(9)}`,
    );
  }
}
