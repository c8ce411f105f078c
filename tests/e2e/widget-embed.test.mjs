// The iframe embed: a host under a strict CSP frames embed.html from the widget's origin,
// configures it by URL parameters or drives it by postMessage, and only the origins the embed
// trusts can drive it or hear from it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { open } from './harness.mjs';
import { NOTICES, sites } from './fixtures/host/sites.mjs';

let s;
let page;
let errors;
before(async () => {
  s = await sites();
  ({ page, errors } = await open(s.context, `${s.host}frames.html`, { viewport: { width: 1400, height: 900 } }));
  await waitFor({ from: 'params', type: 'notice-diff:compared' });
  await waitFor({ from: 'crossorigin', type: 'notice-diff:compared' });
  await waitFor({ from: 'driven', type: 'notice-diff:ready' });
});
after(async () => { await s?.close(); });

const widgetOrigin = () => new URL(s.widget).origin;
const messages = (from) => page.evaluate((f) => window.__messages.filter((m) => m.from === f), from);
/** Waits for a message to the host matching every field of `like` ({ from, type, id }). */
const waitFor = (like) => page.waitForFunction((want) => window.__messages.some((m) =>
  Object.entries(want).every(([key, value]) => (key === 'from' ? m.from : m.data?.[key]) === value)), like);
const frame = (name) => page.frame({ name });

/** Wraps the frame's Worker so that `window.workerCounts` counts the workers created and terminated from
 * now on; `window.restoreWorker()` puts the original back. */
function countWorkers(name) {
  return frame(name).evaluate(() => {
    const made = { created: 0, terminated: 0 };
    const Original = window.Worker;
    window.Worker = class extends Original {
      constructor(...args) { super(...args); made.created += 1; }
      terminate() { made.terminated += 1; super.terminate(); }
    };
    window.workerCounts = made;
    window.restoreWorker = () => { window.Worker = Original; };
  });
}

/** Posts `message` to the frame `to`, from the host page itself. */
const post = (to, message) => page.evaluate(([name, data, origin]) => {
  document.getElementById(name).contentWindow.postMessage(data, origin);
}, [to, message, widgetOrigin()]);

test('URL parameters: the notices, the view, the language and the options', async () => {
  const received = await messages('params');
  assert.deepEqual(received.map((m) => m.data.type), ['notice-diff:ready', 'notice-diff:compared']);
  for (const message of received) assert.equal(message.origin, widgetOrigin());
  const { detail } = received[1].data;
  assert.deepEqual(detail.options, { ignorePunctuation: true });
  assert.ok(detail.similarity > 0 && detail.similarity < 1);
  assert.equal(received[1].data.id, undefined, 'not an answer to a message');

  const inside = await frame('params').evaluate(() => {
    const widget = document.querySelector('notice-diff');
    return {
      view: widget.shadowRoot.querySelector('.nd-pairs').classList.contains('nd-view-inline'),
      lang: widget.shadowRoot.querySelector('[part~="root"]').getAttribute('lang'),
      left: widget.comparison.left.text,
      // Same origin as its files: the engine runs in a worker.
      worker: performance.getEntriesByType('resource').some((e) => e.name.endsWith('/worker.js')),
    };
  });
  assert.deepEqual({ ...inside, left: undefined }, { view: true, lang: 'en', left: undefined, worker: true });
  assert.equal(inside.left, await readFile(new URL('../../www/examples/guangyuan-2016-gonghui-7th.txt', import.meta.url), 'utf8'));
});

test('URL parameters may name the host\'s own notices, which it serves with CORS', async () => {
  const [, compared] = await messages('crossorigin');
  assert.equal(compared.data.type, 'notice-diff:compared');
  const texts = await frame('crossorigin').evaluate(() => {
    const { comparison } = document.querySelector('notice-diff');
    return [comparison.left.text, comparison.right.text];
  });
  assert.deepEqual(texts, [await readFile(NOTICES['left.txt'], 'utf8'), await readFile(NOTICES['right.txt'], 'utf8')]);
});

test('postMessage: compare, navigate, and every request answered once, with its id', async () => {
  await post('driven', {
    type: 'notice-diff:compare',
    id: 'h1',
    left: '一、元旦：1月1日放假，共1天。\n二、春节：2月10日至17日放假调休，共8天。',
    right: '一、元旦：1月1日放假，共1天。\n二、春节：2月9日至17日放假调休，共9天。',
    options: { ignorePunctuation: true, view: 'inline', lang: 'en' },
  });
  await waitFor({ id: 'h1' });
  let received = await messages('driven');
  const answers = received.filter((m) => m.data.id === 'h1');
  assert.equal(answers.length, 1);
  assert.equal(answers[0].data.type, 'notice-diff:compared');
  assert.equal(answers[0].origin, widgetOrigin());
  assert.deepEqual(answers[0].data.detail.options, { ignorePunctuation: true });
  assert.equal(received.filter((m) => m.data.type === 'notice-diff:compared').length, 1,
    'the element\'s own compared event is not forwarded as well');
  assert.equal(await frame('driven').evaluate(() =>
    document.querySelector('notice-diff').shadowRoot.querySelector('[part~="root"]').lang), 'en');

  await post('driven', { type: 'notice-diff:next' });
  await waitFor({ from: 'driven', type: 'notice-diff:select' });
  received = await messages('driven');
  const select = received.find((m) => m.data.type === 'notice-diff:select').data.detail;
  assert.equal(select.kind, 'modified');
  assert.deepEqual(select.change, { index: 0, total: select.change.total });

  await post('driven', { type: 'notice-diff:compare', id: 'bad', left: 42 });
  await post('driven', { type: 'notice-diff:frobnicate', id: 'odd' });
  await waitFor({ id: 'odd' });
  received = await messages('driven');
  for (const id of ['bad', 'odd']) {
    const answer = received.filter((m) => m.data.id === id);
    assert.equal(answer.length, 1);
    assert.equal(answer[0].data.type, 'notice-diff:error');
    assert.equal(answer[0].data.detail.code, 'bad_message');
    assert.equal(typeof answer[0].data.detail.message, 'string');
  }
});

test('postMessage from a third origin is ignored; so is the host when the embed trusts another origin', async () => {
  // The third origin's frame posts a well-formed request to the driven frame …
  await page.evaluate(([third]) => {
    document.getElementById('third').contentWindow.postMessage({
      to: 'driven',
      post: { type: 'notice-diff:compare', id: 'c1', left: '第三方甲', right: '第三方乙' },
    }, third);
  }, [new URL(s.third).origin]);
  await waitFor({ from: 'third', type: 'third:sent', id: 'c1' });
  // … then the host posts its own; only the host's is answered and shown.
  await post('driven', { type: 'notice-diff:compare', id: 'h2', left: '一、甲方。', right: '一、乙方。' });
  await waitFor({ id: 'h2' });
  const received = await messages('driven');
  assert.deepEqual(received.filter((m) => m.data.id === 'c1'), []);
  const shown = await frame('driven').evaluate(() => document.querySelector('notice-diff').comparison.left.text);
  assert.equal(shown, '一、甲方。');

  // The restricted frame trusts only the third origin: the host's request does not even
  // reach the element, and the frame never posts to the host, not even `ready`.
  await post('restricted', { type: 'notice-diff:compare', id: 'r1', left: '一、甲。', right: '一、乙。' });
  await post('driven', { type: 'notice-diff:compare', id: 'h3', left: '一、丙方。', right: '一、丁方。' });
  await waitFor({ id: 'h3' });
  const restricted = await frame('restricted').evaluate(() => {
    const widget = document.querySelector('notice-diff');
    return { left: widget.left, defined: customElements.get('notice-diff') !== undefined };
  });
  assert.deepEqual(restricted, { left: null, defined: true });
  assert.deepEqual(await messages('restricted'), []);
  assert.deepEqual(errors, []);
});

test('on its own origin each widget has a worker: kept when moved, given back when removed', async () => {
  await countWorkers('params');
  const counts = await frame('params').evaluate(async () => {
    const made = window.workerCounts;
    const snapshot = () => ({ ...made });
    const first = document.querySelector('notice-diff');
    first.remove();
    document.body.append(first);
    await first.compare('一、春节：2月10日至17日放假，共8天。', '一、春节：2月9日至17日放假，共9天。');
    const moved = snapshot();

    const second = document.createElement('notice-diff');
    document.body.append(second);
    await second.compare('一、元旦：1月1日放假，共1天。', '一、元旦：1月1日至3日放假，共3天。');
    const added = snapshot();

    second.remove();
    await new Promise((resolve) => { queueMicrotask(resolve); });
    await Promise.resolve();
    const removed = snapshot();
    const detached = await second.compare('一、清明节：4月4日至6日放假，共3天。', '一、清明节：4月5日至6日放假，共2天。');
    const borrowed = snapshot();
    window.restoreWorker();
    return { moved, added, removed, borrowed, similarity: detached.similarity };
  });
  assert.deepEqual(counts.moved, { created: 0, terminated: 0 }, 'a move keeps the worker');
  assert.deepEqual(counts.added, { created: 1, terminated: 0 }, 'a second widget, a second worker');
  assert.equal(counts.removed.terminated, 1, 'a removed widget gives its worker back');
  assert.deepEqual(counts.borrowed, { created: 2, terminated: 2 }, 'compare() outside the document borrows one');
  assert.ok(counts.similarity > 0 && counts.similarity < 1, `similarity ${counts.similarity}`);
  assert.deepEqual(errors, []);
});

test('a widget removed while it compares gives its worker back, and its compare() still resolves', async () => {
  await countWorkers('params');
  const counts = await frame('params').evaluate(async () => {
    const made = window.workerCounts;
    const widget = document.createElement('notice-diff');
    document.body.append(widget);
    await widget.compare('一、元旦：1月1日放假，共1天。', '一、元旦：1月1日至3日放假，共3天。');
    // Removed in the same task as the request: the update starts on the worker being given back.
    const pending = widget.compare('一、春节：2月10日至17日放假，共8天。', '一、春节：2月9日至17日放假，共9天。');
    widget.remove();
    const statistics = await pending;
    await new Promise((resolve) => { queueMicrotask(resolve); });
    window.restoreWorker();
    return { ...made, similarity: statistics.similarity, shown: widget.comparison.left.text };
  });
  assert.ok(counts.similarity > 0 && counts.similarity < 1, `similarity ${counts.similarity}`);
  assert.equal(counts.shown, '一、春节：2月10日至17日放假，共8天。');
  assert.ok(counts.created >= 1);
  assert.equal(counts.terminated, counts.created, 'every worker started is given back');
  assert.deepEqual(errors, []);
});
