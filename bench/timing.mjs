// The timing loop, shared by the Node jobs and the Chromium page so both measure alike.

/** Median, min and max of a list of milliseconds. */
export function summarize(runs) {
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { medianMs: median, minMs: sorted[0], maxMs: sorted[sorted.length - 1], n: sorted.length };
}

/**
 * Times `fn` repeatedly. One warm-up run first (JIT, wasm tier-up, first allocations), then
 * measured runs until `maxRuns`, or until at least `minRuns` ran and `budgetMs` is spent,
 * never starting a run expected to end past `hardMs` in all. When even the warm-up
 * used the whole allowance, it is the only sample (`warmupIncluded`).
 * A collection before every run keeps one run's garbage out of the next one's time.
 */
export function timeCase(fn, policy, { gc = () => {}, before = () => {}, onRun = () => {} } = {}) {
  const time = () => {
    before();
    gc();
    const start = performance.now();
    fn();
    const ms = performance.now() - start;
    onRun(ms);
    return ms;
  };
  const warmupMs = time();
  const runs = [];
  let spent = warmupMs;
  while (runs.length < policy.maxRuns) {
    if (runs.length >= policy.minRuns && spent >= policy.budgetMs) break;
    const typical = runs.length > 0 ? summarize(runs).medianMs : warmupMs;
    if (spent + typical > policy.hardMs) break;
    const ms = time();
    runs.push(ms);
    spent += ms;
  }
  const used = runs.length > 0 ? runs : [warmupMs];
  return { warmupMs, runs: used, warmupIncluded: runs.length === 0, ...summarize(used) };
}
