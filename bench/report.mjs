// Turns the raw records of bench/run.mjs into the printed report and the derived figures
// (aggregates, ratios, growth, budgets) that go into the JSON next to the raw records.

const TOOLS = {
  wasm: 'notice-diff wasm',
  cli: 'notice-diff native',
  dmp0: 'diff-match-patch, Timeout 0',
  dmp1: 'diff-match-patch, Timeout 1 s',
  jsdiff: 'jsdiff diffChars',
};
const ROWS = [
  ['node', 'wasm'],
  ['chromium', 'wasm'],
  ['native', 'cli'],
  ['node', 'dmp0'],
  ['node', 'dmp1'],
  ['node', 'jsdiff'],
];
const label = (engine, tool) => `${TOOLS[tool]}${engine === 'native' ? '' : ` · ${engine}`}`;

const fmtMs = (ms) => {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
};
const fmtRatio = (r) => (r >= 100 ? `${Math.round(r)}×` : r >= 0.1 ? `${r.toFixed(r >= 10 ? 0 : 1)}×` : `${r.toPrecision(2)}×`);
/** Milliseconds as a bare number, for compact min–max cells. */
const bare = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

/** Median of values where `Infinity` stands for "over the ceiling". */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A record's time for comparisons: its median, `Infinity` past the ceiling, null if absent. */
function timeOf(record) {
  if (!record) return null;
  if (record.status === 'ok') return record.medianMs;
  if (record.status === 'timeout' || record.status === 'skipped') return Infinity;
  return null;
}

/** "> 10 s" for censored times, else the time. */
function showTime(record) {
  if (!record) return '–';
  if (record.status === 'ok') return fmtMs(record.medianMs);
  if (record.status === 'timeout') return `> ${record.capMs / 1000} s`;
  if (record.status === 'skipped') return record.capMs ? `> ${record.capMs / 1000} s*` : 'skipped';
  return 'error';
}

export function report(output) {
  const { results, inputs, machine, sizes, pageLoad, growthRuns = [] } = output;
  const capMs = output.config.capMs;
  const find = (engine, tool, id) => results.find((r) => r.engine === engine && r.tool === tool && r.case === id);
  const seeds = inputs.filter((i) => i.group === 'seeds');
  const scaled = inputs.filter((i) => i.group === 'scaled');
  const main = scaled.filter((i) => !i.double);
  const lines = [];
  const say = (line = '') => lines.push(line);

  const day = machine.date.slice(0, 10);
  say(`notice-diff benchmark · ${day} · ${machine.cpu} ×${machine.cores}, ${machine.memoryGb} GB · ${machine.os}`);
  say(`node ${machine.node} · chromium ${machine.chromium ?? '–'} · ${machine.rustc ?? ''} · commit ${machine.commit}${machine.dirty ? '+' : ''}`);
  say(`load average ${machine.loadAverageAtStart.toFixed(1)} at start, ${machine.loadAverageAtEnd.toFixed(1)} at end${machine.loadAverageAtStart > machine.cores ? ' (a busy machine: absolute times are inflated, ratios less so)' : ''}`);
  say(`peers run in child processes killed at a per-run ceiling: ${output.config.seedCapMs / 1000} s on a seed pair, ${capMs / 1000} s on a scaled input; * = not run, over the ceiling on a smaller input already`);

  // Seed pairs -------------------------------------------------------------------------
  const aggregates = { seeds: {}, scaled: {} };
  const seedBytes = seeds.flatMap((s) => [s.leftBytes, s.rightBytes]);
  say();
  say(`Seed pairs: ${seeds.length} pairs of different notices, ${kb(Math.min(...seedBytes))}–${kb(Math.max(...seedBytes))} per side`);
  say(`  (each pair: median of its runs; shown: median, min and max over the pairs; ratio = peer·node / wasm·node per pair)`);
  say(`  ${pad('', 40)}${lpad('median', 10)}${lpad('min', 10)}${lpad('max', 10)}${lpad('runs', 7)}   ratio (median, min)`);
  for (const [engine, tool] of ROWS) {
    const records = seeds.map((s) => find(engine, tool, s.id)).filter(Boolean);
    if (records.length === 0) continue;
    const times = records.map(timeOf).filter((t) => t !== null);
    const ok = records.filter((r) => r.status === 'ok');
    const over = records.filter((r) => r.status === 'timeout' || r.status === 'skipped').length;
    const med = median(times);
    const agg = {
      medianMs: med === Infinity ? null : med,
      medianOverCap: med === Infinity,
      minMs: ok.length ? Math.min(...ok.map((r) => r.minMs)) : null,
      maxMs: over ? null : ok.length ? Math.max(...ok.map((r) => r.maxMs)) : null,
      runs: ok.reduce((n, r) => n + r.n, 0),
      overCap: over,
      pairs: records.length,
    };
    let ratioText = '';
    if (tool !== 'wasm' && tool !== 'cli') {
      const ratios = seeds
        .map((s) => {
          const base = timeOf(find('node', 'wasm', s.id));
          const record = find(engine, tool, s.id);
          const t = timeOf(record);
          if (!base || base === Infinity || t === null) return null;
          return { ratio: (t === Infinity ? record.capMs : t) / base, lowerBound: t === Infinity };
        })
        .filter(Boolean);
      if (ratios.length) {
        const mid = median(ratios.map((r) => r.ratio));
        const least = ratios.reduce((a, b) => (b.ratio < a.ratio ? b : a));
        agg.ratioMedian = mid;
        agg.ratioMin = least.ratio;
        agg.ratioMinIsLowerBound = least.lowerBound;
        agg.ratioLowerBounds = ratios.filter((r) => r.lowerBound).length;
        ratioText = `${ratios.some((r) => r.lowerBound) ? '≥' : ''}${fmtRatio(mid)}, ${least.lowerBound ? '≥' : ''}${fmtRatio(least.ratio)}`;
      }
    }
    aggregates.seeds[`${tool}·${engine}`] = agg;
    const cap = records.find((r) => r.capMs)?.capMs ?? capMs;
    const medText = med === Infinity ? `> ${cap / 1000} s` : fmtMs(med);
    const maxText = over ? `> ${cap / 1000} s` : fmtMs(agg.maxMs);
    say(`  ${pad(label(engine, tool), 40)}${lpad(medText, 10)}${lpad(fmtMs(agg.minMs), 10)}${lpad(maxText, 10)}${lpad(agg.runs, 7)}   ${ratioText}${over ? `  (${over} of ${records.length} pairs over ${cap / 1000} s)` : ''}`);
  }

  // Scaled inputs ----------------------------------------------------------------------
  say();
  say(`Scaled inputs: compilations of the real notices and regulations with a revision's edits (bench/gen.mjs)`);
  say(`  ${pad('left / right', 40)}${main.map((m) => lpad(`${m.id}`, 12)).join('')}`);
  say(`  ${pad('', 40)}${main.map((m) => lpad(`${(m.leftBytes / 1000).toFixed(0)}/${(m.rightBytes / 1000).toFixed(0)}K`, 12)).join('')}`);
  for (const [engine, tool] of ROWS) {
    const records = main.map((m) => find(engine, tool, m.id));
    if (records.every((r) => !r)) continue;
    say(`  ${pad(label(engine, tool), 40)}${records.map((r) => lpad(showTime(r), 12)).join('')}`);
    say(`  ${pad('    min–max ms', 40)}${records.map((r) => lpad(r?.status === 'ok' ? (r.n > 1 ? `${bare(r.minMs)}–${bare(r.maxMs)}` : `(n=1)`) : '', 12)).join('')}`);
    if (tool === 'wasm') {
      say(`  ${pad('    peak MB (JS heap + wasm memory)', 40)}${records.map((r) => lpad(r?.status === 'ok' ? `${r.peakMb.toFixed(0)}` : '–', 12)).join('')}`);
    }
    if (engine === 'node' && tool === 'wasm') {
      say(`  ${pad('    max RSS MB of the process', 40)}${records.map((r) => lpad(r?.maxRssMb ? r.maxRssMb.toFixed(0) : '–', 12)).join('')}`);
    }
    if (tool !== 'wasm' && tool !== 'cli') {
      const ratios = main.map((m) => {
        const base = timeOf(find('node', 'wasm', m.id));
        const record = find(engine, tool, m.id);
        const t = timeOf(record);
        if (!base || base === Infinity || t === null) return null;
        return t === Infinity ? { ratio: record.capMs / base, lowerBound: true } : { ratio: t / base, lowerBound: false };
      });
      say(`  ${pad('    × wasm·node', 40)}${ratios.map((r) => lpad(r ? `${r.lowerBound ? '> ' : ''}${fmtRatio(r.ratio)}` : '–', 12)).join('')}`);
      aggregates.scaled[`${tool}·${engine}`] = Object.fromEntries(main.map((m, i) => [m.id, ratios[i]]));
    }
  }

  // Growth -----------------------------------------------------------------------------
  const growth = [];
  const step = (fields, a, b, timeA, timeB) => {
    const doublings = Math.log2(b.leftBytes / a.leftBytes);
    const ratio = timeB / timeA;
    return { ...fields, from: a.id, to: b.id, direct: Math.abs(doublings - 1) < 0.1, perDoubling: ratio ** (1 / doublings), ratio, doublings };
  };
  for (const [engine, tool] of [['node', 'wasm'], ['chromium', 'wasm'], ['native', 'cli']]) {
    const ok = scaled
      .map((s) => ({ s, r: find(engine, tool, s.id) }))
      .filter(({ r }) => r?.status === 'ok')
      .sort((a, b) => a.s.leftBytes - b.s.leftBytes);
    for (let i = 0; i + 1 < ok.length; i++) {
      const [a, b] = [ok[i], ok[i + 1]];
      const g = step({ engine, tool }, a.s, b.s, a.r.medianMs, b.r.medianMs);
      if (g.doublings >= 0.5) growth.push(g);
    }
  }
  // The same steps with both sizes timed in alternation, in one process (run.mjs).
  for (const run of growthRuns) {
    const [a, b] = [scaled.find((s) => s.id === run.from), scaled.find((s) => s.id === run.to)];
    const [ra, rb] = [run.members?.[run.from], run.members?.[run.to]];
    if (run.status === 'ok' && a && b && ra && rb) {
      growth.push(step({ engine: 'node', tool: 'wasm', alternating: true, n: Math.min(ra.n, rb.n) }, a, b, ra.medianMs, rb.medianMs));
    }
  }
  const stepsText = (steps) => steps.map((g) => `${g.from}→${g.to} ${g.perDoubling.toFixed(2)}×${g.direct ? '' : '/2n'}`).join('  ');
  say();
  say(`Growth: time(2n)/time(n), directly where both were measured (≈2×), else per doubling (ratio^(1/log2(size ratio)))`);
  for (const [engine, tool] of [['node', 'wasm'], ['chromium', 'wasm'], ['native', 'cli']]) {
    const steps = growth.filter((g) => g.engine === engine && g.tool === tool && !g.alternating);
    if (steps.length) say(`  ${pad(label(engine, tool), 40)}${stepsText(steps)}`);
  }
  const alternated = growth.filter((g) => g.alternating);
  if (alternated.length) say(`  ${pad(`${label('node', 'wasm')}, alternating`, 40)}${stepsText(alternated)}`);

  // Size and page load -----------------------------------------------------------------
  say();
  say(`Bundle: ${sizes.wasm.file} ${kb(sizes.wasm.rawBytes)} (${kb(sizes.wasm.gzipBytes)} gzip) + ${sizes.js.file} ${kb(sizes.js.rawBytes)} (${kb(sizes.js.gzipBytes)} gzip) = ${kb(sizes.totalGzipBytes)} gzip`);
  const loadTimes = pageLoad.filter((l) => typeof l.ms === 'number').map((l) => l.ms);
  if (pageLoad.length) {
    say(`Page load → first comparison (${pageLoad[0]?.via ?? 'n/a'}): ${pageLoad.map((l) => (typeof l.ms === 'number' ? fmtMs(l.ms) : `error: ${l.error}`)).join(', ')}  (first is cold)`);
    // Where the time goes, by the page's own marks (medians over the loads).
    const names = [...new Set(pageLoad.flatMap((l) => Object.keys(l.marks ?? {})))];
    const steps = [['HTML received', 'responseEndMs'], ['DOMContentLoaded', 'domContentLoadedMs']]
      .map(([name, key]) => [name, median(pageLoad.map((l) => l[key]).filter((v) => typeof v === 'number'))])
      .concat(names.map((n) => [n.replace(/^notice-diff:/, ''), median(pageLoad.map((l) => l.marks?.[n]).filter((v) => typeof v === 'number'))]))
      .filter(([, v]) => v !== null)
      .sort((a, b) => a[1] - b[1]);
    if (steps.length) say(`  median timeline: ${steps.map(([n, v]) => `${n} ${fmtMs(v)}`).join(' → ')}`);
    const painted = median(pageLoad.map((l) => l.paintedMs).filter((v) => typeof v === 'number'));
    if (painted !== null) say(`  on screen (the first largest-contentful-paint after the mark): median ${fmtMs(painted)}`);
  }

  // Budgets ----------------------------------------------------------------------------
  const budgets = [];
  const budget = (name, measured, pass, detail) => budgets.push({ name, measured, pass, detail });
  const seedChromium = aggregates.seeds['wasm·chromium'];
  budget('seed pair, wasm in Chromium ≤ 5 ms median', seedChromium?.medianMs ?? null,
    seedChromium?.medianMs == null ? null : seedChromium.medianMs <= 5,
    seedChromium ? `median ${fmtMs(seedChromium.medianMs)} over ${seedChromium.pairs} pairs (max ${fmtMs(seedChromium.maxMs)})` : 'not measured');
  const dmp = aggregates.seeds['dmp0·node'];
  // The typical pair, as for the 5 ms budget: the median of the per-pair ratios.
  budget('seed pairs ≥ 100× faster than diff-match-patch (Timeout 0)', dmp?.ratioMedian ?? null,
    dmp?.ratioMedian == null ? null : dmp.ratioMedian >= 100,
    dmp ? `wasm·node vs dmp·node, per pair: median ${dmp.ratioLowerBounds ? '≥' : ''}${fmtRatio(dmp.ratioMedian)}, worst pair ${dmp.ratioMinIsLowerBound ? '≥' : ''}${fmtRatio(dmp.ratioMin)}` : 'not measured');
  const oneMb = main.find((m) => m.target === 1_000_000);
  const mbRecord = oneMb && (find('chromium', 'wasm', oneMb.id) ?? find('node', 'wasm', oneMb.id));
  budget('1 MB vs 1 MB, wasm ≤ 1 s', mbRecord?.medianMs ?? null,
    mbRecord?.status === 'ok' ? mbRecord.medianMs <= 1000 : null,
    mbRecord ? `${mbRecord.engine}: ${showTime(mbRecord)}${mbRecord.engine === 'node' ? '' : `; node: ${showTime(find('node', 'wasm', oneMb.id))}`}` : 'not measured');
  budget('1 MB vs 1 MB, peak memory ≤ 200 MB', mbRecord?.peakMb ?? null,
    mbRecord?.status === 'ok' ? mbRecord.peakMb <= 200 : null,
    mbRecord?.status === 'ok' ? `${mbRecord.engine}: JS heap ${mbRecord.heapMb.toFixed(0)} MB + wasm memory ${mbRecord.wasmMb.toFixed(0)} MB; node process max RSS ${find('node', 'wasm', oneMb.id)?.maxRssMb?.toFixed(0) ?? '–'} MB` : 'not measured');
  // Steps from 100 KB up, where both ends had at least two measured runs: a single run on
  // a busy machine says little about a ratio. Judged on the steps timed in alternation when
  // there are any; those timed apart are shown too.
  const runsOf = (g) => (g.alternating ? g.n : Math.min(find('node', 'wasm', g.from)?.n ?? 0, find('node', 'wasm', g.to)?.n ?? 0));
  const fromUp = (g) => g.engine === 'node' && g.tool === 'wasm' && scaled.find((s) => s.id === g.from).leftBytes >= 90_000;
  const apart = growth.filter((g) => fromUp(g) && !g.alternating);
  const together = growth.filter((g) => fromUp(g) && g.alternating);
  const nodeGrowth = together.length ? together : apart;
  const steady = nodeGrowth.filter((g) => runsOf(g) >= 2);
  const judged = steady.length ? steady : nodeGrowth;
  const worst = judged.reduce((a, g) => (!a || g.perDoubling > a.perDoubling ? g : a), null);
  const list = (steps) => steps.map((g) => `${g.from}→${g.to} ${g.perDoubling.toFixed(2)}×${runsOf(g) < 2 ? ' (n=1)' : ''}`).join(', ');
  budget('doubling the input ≤ 2.3× the time (from 100 KB up)', worst?.perDoubling ?? null,
    worst ? worst.perDoubling <= 2.3 : null,
    worst
      ? `wasm·node${worst.alternating ? ' (sizes in alternation)' : ''}, worst step with ≥2 runs each ${worst.from}→${worst.to}: ${worst.perDoubling.toFixed(2)}×${worst.direct ? '' : ' per doubling'}; all: ${list(nodeGrowth)}${together.length ? `; timed apart: ${list(apart)}` : ''}`
      : 'not measured');
  budget('wasm + js gzip ≤ 150 KB', sizes.totalGzipBytes / 1000, sizes.totalGzipBytes <= 150_000,
    `${kb(sizes.wasm.gzipBytes)} + ${kb(sizes.js.gzipBytes)}`);
  const loadMedian = median(loadTimes);
  budget('page load → first comparison ≤ 300 ms', loadMedian,
    loadMedian === null ? null : loadMedian <= 300,
    loadTimes.length ? `median of ${loadTimes.length} loads ${fmtMs(loadMedian)}, cold ${fmtMs(loadTimes[0])}, via ${pageLoad[0].via}` : `not measured${pageLoad[0]?.error ? `: ${pageLoad[0].error}` : ''}`);

  say();
  say(`Budgets (${day}, ${machine.cpu} ×${machine.cores})`);
  for (const b of budgets) {
    const verdict = b.pass === null ? 'n/a ' : b.pass ? 'pass' : 'FAIL';
    say(`  ${verdict}  ${pad(b.name, 58)} ${b.detail}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return { aggregates, growth, budgets, text: lines.join('\n') };
}
