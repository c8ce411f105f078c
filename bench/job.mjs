// One benchmark job in its own Node process: one tool on a list of cases.
//
// The parent (bench/run.mjs) starts it as `node --expose-gc bench/job.mjs SPEC-JSON`, reads
// one JSON line per event from stdout and kills it when a single run outlives the ceiling,
// so a peer that would take minutes costs the ceiling, not the minutes. A process of its
// own per job also makes its peak RSS (`resourceUsage().maxRSS`) that job's alone.
//
// Events: {type:'start', case}, {type:'run', case, ms}, {type:'case', case, ...stats},
// {type:'done', maxRssMb}. With `alternate` in the spec its cases are timed in alternation
// (timing.mjs) as one case named by their ids joined with '+', whose 'case' event carries
// each one's stats under `members`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO } from './gen.mjs';
import { timeAlternating, timeCase } from './timing.mjs';

const spec = JSON.parse(process.argv[2]);
const emit = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);
const gc = globalThis.gc ?? (() => {});

/** The tool as `(left, right) => result`, plus its wasm memory when it has one. */
async function load(name) {
  if (name === 'wasm') {
    const pkg = join(REPO, 'www/pkg');
    const glue = await import(pathToFileURL(join(pkg, 'notice_diff.js')).href);
    const exports = glue.initSync({ module: readFileSync(join(pkg, 'notice_diff_bg.wasm')) });
    return { run: (a, b) => glue.compare(a, b, {}), memory: exports.memory };
  }
  if (name === 'dmp0' || name === 'dmp1') {
    const { default: DiffMatchPatch } = await import('diff-match-patch');
    const dmp = new DiffMatchPatch();
    // 0: run to the optimum however long it takes; 1: the library's default one second.
    dmp.Diff_Timeout = name === 'dmp0' ? 0 : 1;
    return {
      run: (a, b) => {
        const diffs = dmp.diff_main(a, b);
        dmp.diff_cleanupSemantic(diffs);
        return diffs;
      },
    };
  }
  if (name === 'jsdiff') {
    const { diffChars } = await import('diff');
    return { run: (a, b) => diffChars(a, b) };
  }
  throw new Error(`unknown tool ${name}`);
}

const tool = await load(spec.tool);
if (spec.alternate) {
  const id = spec.cases.map((c) => c.id).join('+');
  const runs = spec.cases.map((c) => {
    const [left, right] = [readFileSync(c.left, 'utf8'), readFileSync(c.right, 'utf8')];
    return () => tool.run(left, right);
  });
  emit({ type: 'start', case: id });
  const results = timeAlternating(runs, spec.policy, { gc, onRun: (ms) => emit({ type: 'run', case: id, ms }) });
  emit({ type: 'case', case: id, members: Object.fromEntries(spec.cases.map((c, i) => [c.id, results[i]])) });
}
for (const c of spec.alternate ? [] : spec.cases) {
  const left = readFileSync(c.left, 'utf8');
  const right = readFileSync(c.right, 'utf8');
  emit({ type: 'start', case: c.id });
  let last;
  const result = timeCase(() => (last = tool.run(left, right)), spec.policy, {
    gc,
    before: () => (last = undefined),
    onRun: (ms) => emit({ type: 'run', case: c.id, ms }),
  });
  // The memory a comparison holds: its result alive in the JS heap after a collection,
  // plus the wasm linear memory, which only grows, so its size is the high-water mark.
  gc();
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  const wasmMb = tool.memory ? tool.memory.buffer.byteLength / 2 ** 20 : 0;
  emit({ type: 'case', case: c.id, ...result, heapMb, wasmMb, resultKept: last !== undefined });
  last = undefined;
}
emit({ type: 'done', maxRssMb: process.resourceUsage().maxRSS / 1024 });
