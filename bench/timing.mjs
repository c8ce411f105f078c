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
export function timeCase(fn, policy, hooks) {
  return timeAlternating([fn], policy, hooks)[0];
}

/**
 * Times several functions as `timeCase` times one, in rounds of one run of each (after one
 * warm-up of each), so that the machine speeding up or slowing down during the measurement
 * (another process, a neighbour on the host) falls on all of them alike. This is how a
 * ratio between them is measured: timed one after the other, the sizes of one growth step
 * once read 113–128 ms for the first half of one's runs and 158–163 ms for the second.
 * The policy counts rounds; `onRun(ms, index)`.
 */
export function timeAlternating(fns, policy, { gc = () => {}, before = () => {}, onRun = () => {} } = {}) {
  const time = (fn, index) => {
    before();
    gc();
    const start = performance.now();
    fn();
    const ms = performance.now() - start;
    onRun(ms, index);
    return ms;
  };
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  const warmups = fns.map(time);
  const runs = fns.map(() => []);
  let spent = sum(warmups);
  while (runs[0].length < policy.maxRuns) {
    if (runs[0].length >= policy.minRuns && spent >= policy.budgetMs) break;
    const typical = runs[0].length > 0 ? sum(runs.map((r) => summarize(r).medianMs)) : sum(warmups);
    if (spent + typical > policy.hardMs) break;
    fns.forEach((fn, index) => {
      const ms = time(fn, index);
      runs[index].push(ms);
      spent += ms;
    });
  }
  return runs.map((measured, index) => {
    const used = measured.length > 0 ? measured : [warmups[index]];
    return { warmupMs: warmups[index], runs: used, warmupIncluded: measured.length === 0, ...summarize(used) };
  });
}
