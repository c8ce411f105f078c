// TEMPORARY stand-in for www/render.js (branch `page`), deleted once that lands. Only enough
// rendering for the widget's tests: pairs with their inline edits, text through text nodes.

function node(tag, part, ...children) {
  const element = document.createElement(tag);
  if (part) element.setAttribute('part', part);
  element.append(...children);
  return element;
}

function sideText(comparison, pair, side) {
  const text = comparison[side].text;
  const range = pair[`${side}_range`];
  if (!range) return [];
  if (pair.ops.length === 0) {
    const whole = text.slice(range.start, range.end);
    if (pair.kind === 'left_only') return [node('del', 'delete', whole)];
    if (pair.kind === 'right_only') return [node('ins', 'insert', whole)];
    return [whole];
  }
  const out = [];
  for (const op of pair.ops) {
    const slice = text.slice(op[side].start, op[side].end);
    if (!slice) continue;
    if (op.kind === 'equal') out.push(slice);
    else if (op.kind === 'delete' && side === 'left') out.push(node('del', 'delete', slice));
    else if (op.kind === 'insert' && side === 'right') out.push(node('ins', 'insert', slice));
  }
  return out;
}

function pairRows(comparison, pairs, path, view, rows) {
  pairs.forEach((pair, index) => {
    const here = [...path, index];
    if (pair.children.length > 0) {
      pairRows(comparison, pair.children, here, view, rows);
      return;
    }
    const row = node('div', 'pair');
    row.className = `pair ${pair.kind}`;
    row.dataset.pair = here.join('.');
    if (view === 'inline') {
      row.append(node('div', 'cell', ...sideText(comparison, pair, 'left'), ...sideText(comparison, pair, 'right')));
    } else {
      row.append(node('div', 'cell left', ...sideText(comparison, pair, 'left')),
        node('div', 'cell right', ...sideText(comparison, pair, 'right')));
    }
    rows.push(row);
  });
  return rows;
}

export function renderComparison(container, comparison, { view = 'side-by-side', lang = 'zh' } = {}) {
  const percent = `${Math.round(comparison.similarity * 100)}%`;
  const summary = node('p', 'summary', lang === 'en' ? 'Similarity ' : '相似度 ', node('strong', 'similarity', percent));
  const rows = node('div', 'pairs', ...pairRows(comparison, comparison.pairs, [], view, []));
  rows.className = `pairs ${view}`;
  container.replaceChildren(summary, rows);
}
