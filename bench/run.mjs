// npm run bench [-- --quick] [--no-chromium] [--no-native] [--no-peers] [--out FILE]
//
// Times the project's wasm `compare` in Node and in headless Chromium, the native CLI, and
// the peers diff-match-patch (Timeout 0 and its default 1 s) and jsdiff (diffChars) on the
// same inputs: every pair of the seed notices and generated inputs of 10 KB … 5 MB per side
// (bench/gen.mjs). Prints medians, ratios, memory, sizes, page load, growth and the budgets,
// and writes everything to bench/results/latest.json.
//
// Peers run in child processes killed at a per-run ceiling (CAP): a run that would take
// longer is reported as "> CAP s" and the same tool is not tried on larger inputs.
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO, loadPool, scaled, seedFiles, utf8Length } from './gen.mjs';
import { summarize } from './timing.mjs';
import { report } from './report.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const QUICK = flag('--quick');
const OUT = args.includes('--out') ? args[args.indexOf('--out') + 1] : join(REPO, 'bench/results/latest.json');
const RESULTS = join(REPO, 'bench/results');
const INPUTS = join(RESULTS, 'inputs');

const KB = 1000;
const MB = 1000 * KB;

/**
 * Everything that decides how long the run takes. The full run stays near five minutes on
 * a quiet two-core machine; --quick is a smoke run of about a minute.
 * capMs: per-run ceiling of a peer on scaled inputs; seedCapMs: on a seed pair (ten of
 * them: jsdiff needs many seconds on each pair of unrelated notices); wasmCapMs: of ours,
 * only there so a hang cannot stall the run.
 */
const CONFIG = QUICK
  ? {
      sizes: [10 * KB, 100 * KB, 1 * MB],
      doubles: [],
      capMs: 5_000,
      seedCapMs: 1_500,
      wasmCapMs: 30_000,
      loads: 2,
      policy: {
        wasmSeeds: { minRuns: 3, maxRuns: 20, budgetMs: 300, hardMs: 1_000 },
        wasmSized: { minRuns: 2, maxRuns: 10, budgetMs: 600, hardMs: 3_000 },
        growth: { minRuns: 2, maxRuns: 10, budgetMs: 1_000, hardMs: 6_000 },
        peerSeeds: { minRuns: 0, maxRuns: 0, budgetMs: 0, hardMs: 0 },
        peerSized: { minRuns: 1, maxRuns: 5, budgetMs: 600, hardMs: 2_000 },
      },
    }
  : {
      sizes: [10 * KB, 100 * KB, 1 * MB, 5 * MB],
      // Measured for wasm and native only, to read time(2n)/time(n) directly.
      doubles: [20 * KB, 200 * KB, 2 * MB],
      capMs: 10_000,
      seedCapMs: 3_000,
      wasmCapMs: 60_000,
      loads: 11,
      policy: {
        wasmSeeds: { minRuns: 5, maxRuns: 50, budgetMs: 800, hardMs: 2_500 },
        // Five runs at least: at 1 and 2 MB the first runs after the warm-up are still
        // settling (wasm memory growing, late tier-ups: 1041, 868, 747 ms in one run), and a
        // median of three then leans on them; the growth budget read it as a 2.46× step.
        wasmSized: { minRuns: 5, maxRuns: 20, budgetMs: 1_500, hardMs: 10_000 },
        // Rounds of the two sizes of a growth step, timed in alternation (1 MB + 2 MB: ≈ 2.5 s a round).
        growth: { minRuns: 5, maxRuns: 20, budgetMs: 3_000, hardMs: 20_000 },
        peerSeeds: { minRuns: 2, maxRuns: 20, budgetMs: 800, hardMs: 2_500 },
        peerSized: { minRuns: 2, maxRuns: 10, budgetMs: 1_500, hardMs: 5_000 },
      },
    };
/** Peers at 1 MB and beyond run once: the one run already says what a user would wait. */
const SINGLE = { minRuns: 0, maxRuns: 0, budgetMs: 0, hardMs: 0 };
const PEERS = flag('--no-peers') ? [] : ['dmp0', 'dmp1', 'jsdiff'];

const log = (message) => process.stderr.write(`${message}\n`);
const sizeLabel = (bytes) => (bytes >= MB ? `${bytes / MB}M` : `${bytes / KB}K`);
const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`);

// ---------------------------------------------------------------------------------------
// Inputs

function sha256(text) {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Writes every input to bench/results/inputs and describes it. */
function prepareInputs() {
  mkdirSync(INPUTS, { recursive: true });
  const describe = (id, group, left, right, leftText, rightText) => ({
    id,
    group,
    left,
    right,
    leftBytes: utf8Length(leftText),
    rightBytes: utf8Length(rightText),
    leftChars: [...leftText].length,
    rightChars: [...rightText].length,
    leftSha256: sha256(leftText),
    rightSha256: sha256(rightText),
  });
  const seeds = seedFiles();
  const seedCases = [];
  for (let i = 0; i < seeds.length; i++) {
    for (let j = i + 1; j < seeds.length; j++) {
      const name = (f) => basename(f).split('-')[0];
      seedCases.push(
        describe(`${name(seeds[i])}~${name(seeds[j])}`, 'seeds', seeds[i], seeds[j],
          readFileSync(seeds[i], 'utf8'), readFileSync(seeds[j], 'utf8')),
      );
    }
  }
  const pool = loadPool();
  const sized = [...CONFIG.sizes, ...CONFIG.doubles].sort((a, b) => a - b).map((target) => {
    const { left, right } = scaled(target, pool);
    const id = sizeLabel(target);
    const paths = [join(INPUTS, `${id}.left.txt`), join(INPUTS, `${id}.right.txt`)];
    writeFileSync(paths[0], left);
    writeFileSync(paths[1], right);
    return { ...describe(id, 'scaled', paths[0], paths[1], left, right), target, double: !CONFIG.sizes.includes(target) };
  });
  return { seedCases, sized };
}

// ---------------------------------------------------------------------------------------
// Node jobs

/**
 * Runs `tool` on `cases` in child processes (bench/job.mjs). A run that outlives `capMs`
 * kills the child; that case is a timeout and the remaining cases go to a fresh child.
 * Resolves to one record per case id. With `alternate`, the cases are timed in alternation
 * as one case, whose record is under their ids joined with '+' (bench/job.mjs).
 */
async function nodeJob(tool, cases, policy, capMs, { alternate = false } = {}) {
  const records = {};
  let remaining = alternate ? [{ id: cases.map((c) => c.id).join('+'), members: cases }] : [...cases];
  while (remaining.length > 0) {
    const listed = alternate ? remaining[0].members : remaining;
    const spec = { tool, policy, alternate, cases: listed.map(({ id, left, right }) => ({ id, left, right })) };
    const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=8192', join(REPO, 'bench/job.mjs'), JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let current = null;
    let timedOut = false;
    let timer = null;
    let stderr = '';
    let buffered = '';
    const finished = [];
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, capMs);
    };
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const event = JSON.parse(buffered.slice(0, nl));
        buffered = buffered.slice(nl + 1);
        if (event.type === 'start') {
          current = event.case;
          arm();
        } else if (event.type === 'run') {
          arm();
        } else if (event.type === 'case') {
          clearTimeout(timer);
          const { type, case: id, ...rest } = event;
          records[id] = { status: 'ok', ...rest };
          finished.push(id);
          current = null;
        } else if (event.type === 'done') {
          for (const id of finished) records[id].maxRssMb = event.maxRssMb;
        }
      }
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    remaining = remaining.filter((c) => !(c.id in records));
    if (timedOut && current !== null) {
      records[current] = { status: 'timeout', capMs };
      remaining = remaining.filter((c) => c.id !== current);
    } else if (remaining.length > 0) {
      const why = stderr.trim().split('\n').slice(-3).join(' ') || `exit code ${code}`;
      for (const c of remaining) records[c.id] = { status: 'error', error: why };
      remaining = [];
    }
  }
  return records;
}

// ---------------------------------------------------------------------------------------
// Native CLI

function nativeBinary() {
  const target = process.env.CARGO_TARGET_DIR ?? join(REPO, 'target');
  const path = process.env.NOTICE_DIFF_BIN ?? join(target, 'release/notice-diff');
  return existsSync(path) ? path : null;
}

/**
 * Times the native `compare` through `notice-diff compare --pairs`, which reports the time
 * of `compare` alone per line. Each case is listed 1 + n times; the first is the warm-up.
 * `repeats(case)` chooses n.
 */
async function nativeJob(binary, cases, repeats, capMs) {
  const list = join(INPUTS, 'native.tsv');
  const lines = [];
  for (const c of cases) for (let i = 0; i <= repeats(c); i++) lines.push(`${c.left}\t${c.right}`);
  writeFileSync(list, `${lines.join('\n')}\n`);
  const byPair = new Map(cases.map((c) => [`${c.left}\t${c.right}`, c.id]));
  const times = Object.fromEntries(cases.map((c) => [c.id, []]));
  const child = spawn(binary, ['compare', '--pairs', list, '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let timer = null;
  let timedOut = false;
  let last = null;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, capMs);
  };
  arm();
  let buffered = '';
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const record = JSON.parse(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
      arm();
      const id = byPair.get(`${record.left}\t${record.right}`);
      last = id;
      if (id !== undefined && record.elapsed_ms !== undefined) times[id].push(record.elapsed_ms);
    }
  });
  await new Promise((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  const records = {};
  for (const c of cases) {
    const [warmupMs, ...runs] = times[c.id];
    if (warmupMs === undefined) {
      records[c.id] = timedOut ? { status: 'timeout', capMs } : { status: 'error', error: 'no result' };
    } else {
      const used = runs.length > 0 ? runs : [warmupMs];
      records[c.id] = { status: 'ok', warmupMs, runs: used, warmupIncluded: runs.length === 0, ...summarize(used) };
    }
  }
  if (timedOut && last !== null) log(`  native: killed after ${capMs / 1000} s without a result`);
  return records;
}

// ---------------------------------------------------------------------------------------
// Main

function machine() {
  const run = (cmd, cmdArgs) => {
    try {
      return execFileSync(cmd, cmdArgs, { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    rustc: run('rustc', ['-V']),
    commit: run('git', ['rev-parse', '--short', 'HEAD']),
    dirty: (run('git', ['status', '--porcelain']) ?? '').length > 0,
    loadAverageAtStart: os.loadavg()[0],
  };
}

function bundleSizes() {
  const pkg = join(REPO, 'www/pkg');
  const one = (name) => {
    const bytes = readFileSync(join(pkg, name));
    return { file: `www/pkg/${name}`, rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  };
  const wasm = one('notice_diff_bg.wasm');
  const js = one('notice_diff.js');
  return { wasm, js, totalGzipBytes: wasm.gzipBytes + js.gzipBytes };
}

async function main() {
  const began = performance.now();
  const info = { ...machine(), date: new Date().toISOString(), quick: QUICK, capMs: CONFIG.capMs };
  log(`notice-diff bench${QUICK ? ' (--quick)' : ''}: ${info.cpu} ×${info.cores}, load ${info.loadAverageAtStart.toFixed(1)}`);
  const { seedCases, sized } = prepareInputs();
  const main = sized.filter((c) => !c.double);
  const results = [];
  const add = (engine, tool, c, record) => {
    const entry = { engine, tool, case: c.id, group: c.group, ...record };
    if (record.status === 'ok') entry.peakMb = (record.heapMb ?? 0) + (record.wasmMb ?? 0);
    results.push(entry);
    const what = record.status === 'ok' ? `${fmtMs(record.medianMs)} (n=${record.n})` : record.status === 'timeout' ? `> ${record.capMs / 1000} s` : `${record.status}${record.error ? `: ${record.error}` : ''}${record.note ? ` (${record.note})` : ''}`;
    log(`  ${tool}·${engine} ${c.id}: ${what}`);
  };

  log('node: wasm');
  const seedWasm = await nodeJob('wasm', seedCases, CONFIG.policy.wasmSeeds, CONFIG.wasmCapMs);
  for (const c of seedCases) add('node', 'wasm', c, seedWasm[c.id]);
  for (const c of sized) add('node', 'wasm', c, (await nodeJob('wasm', [c], CONFIG.policy.wasmSized, CONFIG.wasmCapMs))[c.id]);

  // The growth budget's steps, from 100 KB up to the last size that runs more than once: the
  // two sizes of each step timed in alternation in one process, so that the machine's drift
  // falls on both alike (bench/timing.mjs). Their medians above come from separate processes.
  log('node: wasm, growth steps (both sizes in alternation)');
  const growthRuns = [];
  const stepped = sized.filter((c) => c.target >= 100 * KB && c.target <= 2 * MB);
  for (let i = 0; i + 1 < stepped.length; i++) {
    const [from, to] = [stepped[i], stepped[i + 1]];
    const record = (await nodeJob('wasm', [from, to], CONFIG.policy.growth, CONFIG.wasmCapMs, { alternate: true }))[`${from.id}+${to.id}`];
    growthRuns.push({ from: from.id, to: to.id, ...record });
    const members = record.members ?? {};
    log(`  ${from.id}→${to.id}: ${record.status === 'ok' ? `${fmtMs(members[from.id].medianMs)} → ${fmtMs(members[to.id].medianMs)} (n=${members[to.id].n})` : record.status}`);
  }

  for (const tool of PEERS) {
    log(`node: ${tool}`);
    const seeds = await nodeJob(tool, seedCases, CONFIG.policy.peerSeeds, CONFIG.seedCapMs);
    for (const c of seedCases) add('node', tool, c, seeds[c.id]);
    let exceededAt = null;
    for (const c of main) {
      if (exceededAt) {
        add('node', tool, c, { status: 'skipped', capMs: CONFIG.capMs, note: `over the ${CONFIG.capMs / 1000} s ceiling already at ${exceededAt}` });
        continue;
      }
      const policy = c.target >= MB ? SINGLE : CONFIG.policy.peerSized;
      const record = (await nodeJob(tool, [c], policy, CONFIG.capMs))[c.id];
      add('node', tool, c, record);
      if (record.status !== 'ok') exceededAt = c.id;
    }
  }

  const binary = flag('--no-native') ? null : nativeBinary();
  if (binary) {
    log('native: notice-diff compare --pairs');
    const wasmMedian = (id) => results.find((r) => r.engine === 'node' && r.tool === 'wasm' && r.case === id)?.medianMs ?? 1000;
    const policyOf = (c) => (c.group === 'seeds' ? CONFIG.policy.wasmSeeds : CONFIG.policy.wasmSized);
    const repeats = (c) => {
      const p = policyOf(c);
      return Math.max(p.minRuns, Math.min(p.maxRuns, Math.floor(p.budgetMs / Math.max(wasmMedian(c.id), 0.01))));
    };
    const native = await nativeJob(binary, [...seedCases, ...sized], repeats, CONFIG.wasmCapMs);
    for (const c of [...seedCases, ...sized]) add('native', 'cli', c, native[c.id]);
  } else if (!flag('--no-native')) {
    log('native: skipped, no release build of notice-diff (cargo build --release --bin notice-diff)');
  }

  let chromiumInfo = null;
  let loads = [];
  if (!flag('--no-chromium')) {
    const { launch, benchPage, pageLoads } = await import('./chromium.mjs');
    log('chromium: page load');
    const browser = await launch();
    try {
      chromiumInfo = { version: browser.version };
      loads = await pageLoads(browser, CONFIG.loads);
      log(`  loads: ${loads.map((l) => (l.ms == null ? l.error : fmtMs(l.ms))).join(', ')}`);
      log('chromium: wasm');
      // One tab per group, so each size's wasm memory high-water mark is its own.
      const groups = [seedCases, ...sized.filter((c) => !c.double).map((c) => [c])];
      let hung = false;
      for (const group of groups) {
        if (hung) {
          for (const c of group) add('chromium', 'wasm', c, { status: 'skipped', note: 'an earlier case hung the tab' });
          continue;
        }
        const tab = await benchPage(browser);
        for (const c of group) {
          const policy = c.group === 'seeds' ? CONFIG.policy.wasmSeeds : CONFIG.policy.wasmSized;
          const limitMs = policy.hardMs + CONFIG.wasmCapMs * 2;
          const record = await tab.run(c.left, c.right, policy, limitMs);
          if (record.status === 'timeout') {
            add('chromium', 'wasm', c, { status: 'timeout', capMs: limitMs });
            hung = true;
            break;
          }
          add('chromium', 'wasm', c, record);
        }
        if (tab.errors.length > 0) log(`  page errors: ${tab.errors.join('; ')}`);
        await tab.close();
      }
    } finally {
      await browser.close();
    }
  }

  const output = {
    schema: 'notice-diff-bench/1',
    machine: { ...info, chromium: chromiumInfo?.version ?? null, loadAverageAtEnd: os.loadavg()[0] },
    config: CONFIG,
    inputs: [...seedCases, ...sized].map(({ left, right, ...rest }) => ({
      ...rest,
      left: left.slice(REPO.length + 1),
      right: right.slice(REPO.length + 1),
    })),
    results,
    sizes: bundleSizes(),
    pageLoad: loads,
    growthRuns,
    elapsedSeconds: 0,
  };
  Object.assign(output, report(output));
  output.elapsedSeconds = Math.round((performance.now() - began) / 1000);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(output, null, 1)}\n`);
  log(`\nwrote ${OUT.startsWith(REPO) ? OUT.slice(REPO.length + 1) : OUT} in ${output.elapsedSeconds} s`);
}

await main();
