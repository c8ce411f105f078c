import init, { compare } from './pkg/notice_diff.js';

const EXAMPLES = ['guangyuan-2016-gonghui-7th.txt', 'dalian-2020-gonghui-17th.txt'];

async function text(name) {
  const response = await fetch(new URL(`examples/${name}`, import.meta.url));
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return response.text();
}

await init();
const [left, right] = await Promise.all(EXAMPLES.map(text));
const comparison = compare(left, right, {});
document.getElementById('similarity').textContent = `${Math.round(comparison.similarity * 100)}%`;
document.getElementById('left-title').textContent = EXAMPLES[0];
document.getElementById('right-title').textContent = EXAMPLES[1];
document.getElementById('summary').hidden = false;
document.getElementById('status').textContent = `${comparison.pairs.length} pairs`;
document.body.dataset.ready = 'true';
