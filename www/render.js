// Renders a Comparison (docs/schema.md) as DOM, into any container: an element of the page,
// a shadow root, or the body of a detached document (the exported report).
//
//   import { renderComparison } from './render.js';
//   const view = renderComparison(container, comparison, { view: 'columns', lang: 'zh' });
//   view.next(); view.prev(); view.goToPair('3'); view.setCollapsed(false);
//
// Rust decides, this module displays: every range, kind, label, similarity and count comes
// from the Comparison. Nothing here compares text. Document text only ever enters the DOM
// through textContent / createTextNode; styling lives in notice-diff.css, under `.nd`.
//
// The parts can also be rendered separately, for a page that lays them out itself:
// renderSummary, renderMap, renderOutline and renderPairs take the same arguments.

import { t, percent } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

/** The kinds of pair, in the order a summary lists them. */
export const PAIR_KINDS = ['modified', 'moved', 'merged', 'split', 'right_only', 'left_only', 'identical'];

/** A mark for each kind, so that kinds never differ by colour alone. */
export const KIND_SYMBOL = {
  identical: '=',
  modified: '~',
  moved: '↕',
  merged: '⋎',
  split: '⋏',
  left_only: '−',
  right_only: '+',
};

const DEFAULTS = {
  view: 'columns', // 'columns' | 'inline'
  lang: 'zh',
  collapseIdentical: true,
  idPrefix: 'nd-',
  leftName: null, // column headings; default "左侧（原文）" / "右侧（新文）"
  rightName: null,
  interactive: true, // false: plain links and <details>, no listeners (the exported report)
  onNavigate: null, // (key) => void, after a jump to a pair
  // Characters of one block laid out at first; the rest comes a piece at a time, by a
  // button. Chromium lays out one long paragraph in superlinear time (a 1 MB line takes
  // seconds, 5 MB minutes), so a block is never handed to it whole. Infinity: everything.
  maxBlockChars: 20_000,
};

// ───────────────────────────── the model: names and labels ─────────────────────────────

function walkBlocks(blocks, visit) {
  for (const block of blocks ?? []) {
    visit(block);
    walkBlocks(block.children, visit);
  }
}

function sideModel(side) {
  const blocks = new Map();
  walkBlocks(side?.outline?.blocks, (block) => blocks.set(block.id, block));
  return { text: String(side?.text ?? ''), blocks, outline: side?.outline ?? { blocks: [] } };
}

function squash(text) {
  return text.replace(/\s+/gu, ' ').trim();
}

function clip(text, max) {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

/** A block's name as a reader would say it: "三、加强组织领导", "标题", "「12月15日至17日…」". */
export function blockName(block, text, lang, max = 24) {
  if (!block) return '';
  const label = squash(block.label ?? '');
  const heading = squash(block.heading ?? '');
  if (label || heading) {
    const joiner = label && heading && /[\p{L}\p{N}]$/u.test(label) ? ' ' : '';
    return clip(`${label}${joiner}${heading}`, max);
  }
  // A prefix is enough for a name, and a block may be megabytes long.
  const start = block.range?.start ?? 0;
  const snippet = squash(text.slice(start, Math.min(block.range?.end ?? 0, start + 4 * max + 64)));
  // A heading is its own name; a paragraph is named by how it begins.
  if (block.kind === 'heading' && snippet) return clip(snippet, max);
  const kindKey = `block.${block.kind}`;
  const kindName = t(lang, kindKey);
  if (!['paragraph', 'section', 'heading'].includes(block.kind) && kindName !== kindKey) return kindName;
  return snippet ? `「${clip(snippet, Math.min(max, 14))}」` : t(lang, 'pair.unnamed');
}

/** A block's short reference, for "从「三、」移来": its label when it has one. */
function blockRef(block, text, lang) {
  const label = squash(block?.label ?? '');
  if (label) return label;
  return blockName(block, text, lang, 12).replace(/^「|」$/gu, '');
}

/**
 * The flat, reading-order list of pairs with everything the views show about each: its key
 * (a path such as "3" or "3-1"), depth, names, labels and the sentence a screen reader reads.
 */
export function describe(comparison, lang = 'zh') {
  const left = sideModel(comparison.left);
  const right = sideModel(comparison.right);
  const items = [];
  const visit = (pairs, depth, parent) => {
    (pairs ?? []).forEach((pair, index) => {
      const key = parent ? `${parent.key}-${index}` : String(index);
      const item = describePair(pair, key, depth, parent, left, right, lang);
      items.push(item);
      visit(pair.children, depth + 1, item);
      item.end = items.length; // items[index of item + 1 .. end) are its descendants
    });
  };
  visit(comparison.pairs, 0, null);
  return { items, left, right, byKey: new Map(items.map((item) => [item.key, item])) };
}

function describePair(pair, key, depth, parent, left, right, lang) {
  const leftBlocks = (pair.left ?? []).map((id) => left.blocks.get(id)).filter(Boolean);
  const rightBlocks = (pair.right ?? []).map((id) => right.blocks.get(id)).filter(Boolean);
  const names = (blocks, side) => blocks.map((b) => blockName(b, side.text, lang));
  const refs = (blocks, side) => blocks.map((b) => blockRef(b, side.text, lang));
  const leftName = names(leftBlocks, left).join(' + ');
  const rightName = names(rightBlocks, right).join(' + ');
  const name = rightName || leftName || t(lang, 'pair.unnamed');
  const kind = pair.kind;
  const labels = { left: [], right: [] };
  const leftRefs = refs(leftBlocks, left);
  const rightRefs = refs(rightBlocks, right);
  if (kind === 'moved') {
    if (leftRefs.length) labels.right.push(t(lang, 'pair.movedFrom', { from: leftRefs.join('+') }));
    if (rightRefs.length) labels.left.push(t(lang, 'pair.movedTo', { to: rightRefs.join('+') }));
  } else if (kind === 'merged') {
    labels.right.push(t(lang, 'pair.merged', { parts: leftRefs.join('+') }));
    if (rightRefs.length) labels.left.push(t(lang, 'pair.mergedInto', { to: rightRefs.join('+') }));
  } else if (kind === 'split') {
    labels.left.push(t(lang, 'pair.split', { parts: rightRefs.join('+') }));
    if (leftRefs.length) labels.right.push(t(lang, 'pair.splitFrom', { from: leftRefs.join('+') }));
  }
  const changes = pair.stats?.changes ?? 0;
  const similarity = percent(pair.similarity);
  // Web-page clutter on one side only (发布时间, 上一篇…) is named for what it is, not as an
  // addition or removal: the outline says what each block is.
  const oneSided = kind === 'left_only' ? leftBlocks : kind === 'right_only' ? rightBlocks : [];
  const clutter = oneSided.length > 0 && oneSided.every((block) => block.kind === 'clutter');
  const kindName = clutter ? t(lang, 'kind.clutter') : t(lang, `kind.${kind}`);
  let summary;
  if (clutter) {
    summary = t(lang, `pair.summary.clutter.${kind === 'left_only' ? 'left' : 'right'}`, { name });
  } else if (kind === 'identical' || kind === 'left_only' || kind === 'right_only') {
    summary = t(lang, `pair.summary.${kind}`, { name });
  } else {
    const what = [t(lang, `kind.${kind}`), ...labels.right, ...labels.left].filter((x, i) => i > 0 || kind !== 'modified');
    what.push(t(lang, 'pair.changes', { n: changes }));
    summary = t(lang, 'pair.summary', { name, what: what.join(lang === 'en' ? ', ' : '，'), p: similarity });
  }
  return {
    pair,
    key,
    depth,
    parent,
    kind,
    leaf: !(pair.children?.length > 0),
    leftBlocks,
    rightBlocks,
    name,
    leftName,
    rightName,
    labels,
    changes,
    similarity,
    summary,
    clutter,
    kindName,
  };
}

// ───────────────────────────── DOM helpers ─────────────────────────────

function h(doc, tag, className, text) {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function s(doc, tag, attributes = {}) {
  const node = doc.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

function docOf(container) {
  return container.ownerDocument ?? container;
}

function settings(options) {
  return { ...DEFAULTS, ...(options ?? {}) };
}

function pairId(o, key) {
  return `${o.idPrefix}p-${key}`;
}

function chip(doc, kind, text, clutter = false) {
  const node = h(doc, 'span', `nd-chip nd-k-${kind}${clutter ? ' nd-clutter' : ''}`);
  node.append(h(doc, 'span', 'nd-sym', KIND_SYMBOL[kind] ?? ''), doc.createTextNode(text));
  node.firstChild.setAttribute('aria-hidden', 'true');
  return node;
}

/** Finds an element by id within the root (document or shadow root) that holds `node`. */
function byId(node, id) {
  const root = node.getRootNode?.() ?? docOf(node);
  return root.getElementById?.(id) ?? root.querySelector?.(`[id="${CSS.escape(id)}"]`) ?? null;
}

// ───────────────────────────── the summary ─────────────────────────────

/** Overall similarity, pair counts by kind and character counts. */
export function renderSummary(container, comparison, options) {
  const o = settings(options);
  const doc = docOf(container);
  const root = h(doc, 'section', 'nd nd-summary');
  root.dataset.lang = o.lang;
  root.setAttribute('aria-label', t(o.lang, 'summary'));

  const big = h(doc, 'div', 'nd-score');
  const value = h(doc, 'strong', 'nd-score-value', percent(comparison.similarity));
  const label = h(doc, 'span', 'nd-score-label', t(o.lang, 'summary.similarity'));
  const bar = h(doc, 'span', 'nd-bar');
  const fill = h(doc, 'span', 'nd-bar-fill');
  fill.style.width = `${Math.round(Math.min(1, Math.max(0, comparison.similarity || 0)) * 100)}%`;
  bar.append(fill);
  bar.setAttribute('aria-hidden', 'true');
  big.append(label, value, bar);

  const counts = h(doc, 'ul', 'nd-counts');
  const total = PAIR_KINDS.reduce((sum, kind) => sum + (comparison.counts?.[kind] ?? 0), 0);
  counts.setAttribute('aria-label', t(o.lang, 'count.sections', { n: total }));
  for (const kind of PAIR_KINDS) {
    const n = comparison.counts?.[kind] ?? 0;
    const item = h(doc, 'li', `nd-count nd-k-${kind}`);
    if (n === 0) item.classList.add('nd-zero');
    item.dataset.kind = kind;
    const sym = h(doc, 'span', 'nd-sym', KIND_SYMBOL[kind]);
    sym.setAttribute('aria-hidden', 'true');
    item.append(sym, h(doc, 'span', 'nd-count-label', t(o.lang, `count.${kind}`)), h(doc, 'span', 'nd-count-n', n));
    counts.append(item);
  }

  const stats = comparison.stats ?? {};
  const detail = h(doc, 'p', 'nd-stats');
  detail.append(
    h(doc, 'span', 'nd-stats-changes', t(o.lang, 'summary.changes', { n: stats.changes ?? 0 })),
    doc.createTextNode(' · '),
    h(doc, 'span', 'nd-stats-chars', t(o.lang, 'summary.chars', { ins: stats.inserted ?? 0, del: stats.deleted ?? 0, same: stats.unchanged ?? 0 })),
  );
  root.append(big, counts, detail);
  if (comparison.approximate) root.append(h(doc, 'p', 'nd-approximate', t(o.lang, 'summary.approximate')));
  container.replaceChildren(root);
  return root;
}

// ───────────────────────────── the outline of pairs ─────────────────────────────

/** A nested list of the aligned pairs, each a link to its row. */
export function renderOutline(container, comparison, options, model = describe(comparison, settings(options).lang)) {
  const o = settings(options);
  const doc = docOf(container);
  const nav = h(doc, 'nav', 'nd nd-outline');
  nav.dataset.lang = o.lang;
  nav.setAttribute('aria-label', t(o.lang, 'outline.label'));
  const lists = new Map([[null, h(doc, 'ol', 'nd-outline-list')]]);
  for (const item of model.items) {
    // A section's heading row is already named by the section's own entry.
    const headingOnly = item.parent && item.leaf && [...item.leftBlocks, ...item.rightBlocks].every((b) => b.kind === 'heading');
    if (headingOnly) continue;
    const li = h(doc, 'li', `nd-outline-item nd-k-${item.kind}`);
    li.dataset.key = item.key;
    const link = h(doc, 'a', 'nd-outline-link');
    link.href = `#${pairId(o, item.key)}`;
    link.dataset.key = item.key;
    link.setAttribute('aria-label', item.summary);
    const sym = h(doc, 'span', 'nd-sym', KIND_SYMBOL[item.kind]);
    sym.setAttribute('aria-hidden', 'true');
    link.append(sym, h(doc, 'span', 'nd-outline-name', item.name));
    let note = item.kind === 'identical' ? '' : item.kind === 'modified' ? item.similarity : item.kindName;
    if (note === item.name) note = ''; // clutter is named 网页杂项 already
    if (item.clutter) li.classList.add('nd-clutter');
    if (note) link.append(h(doc, 'span', 'nd-outline-note', note));
    li.append(link);
    lists.get(item.parent?.key ?? null)?.append(li);
    if (!item.leaf) {
      const sub = h(doc, 'ol', 'nd-outline-list');
      li.append(sub);
      lists.set(item.key, sub);
    }
  }
  nav.append(lists.get(null));
  container.replaceChildren(nav);
  return nav;
}

// ───────────────────────────── the alignment map ─────────────────────────────

const MAP = { width: 260, column: 78, gap: 3, minBox: 7, height: 420 };

/**
 * Both outlines as two columns of boxes (height by length), with ribbons joining the blocks
 * of each top-level pair: crossings are moves, fans are merges and splits, shade is
 * similarity, loose ends are additions and removals.
 */
export function renderMap(container, comparison, options, model = describe(comparison, settings(options).lang)) {
  const o = settings(options);
  const doc = docOf(container);
  const figure = h(doc, 'figure', 'nd nd-map');
  figure.dataset.lang = o.lang;
  const top = model.items.filter((item) => item.depth === 0);
  const [leftLayout, rightLayout] = layoutColumns(model.left.outline.blocks, model.right.outline.blocks);
  const height = Math.max(leftLayout.height, rightLayout.height, 40);
  const svg = s(doc, 'svg', {
    viewBox: `0 0 ${MAP.width} ${height}`,
    width: MAP.width,
    height,
    class: 'nd-map-svg',
    role: 'group',
    'aria-label': t(o.lang, 'map.label'),
  });
  const ribbons = s(doc, 'g', { class: 'nd-ribbons' });
  const boxes = s(doc, 'g', { class: 'nd-boxes' });
  const xl = MAP.column;
  const xr = MAP.width - MAP.column;
  const pairOfBlock = { left: new Map(), right: new Map() };

  for (const item of top) {
    const ls = item.leftBlocks.map((b) => boxOf(leftLayout, b)).filter(Boolean);
    const rs = item.rightBlocks.map((b) => boxOf(rightLayout, b)).filter(Boolean);
    for (const b of item.leftBlocks) pairOfBlock.left.set(b.id, item);
    for (const b of item.rightBlocks) pairOfBlock.right.set(b.id, item);
    const link = mapLink(doc, o, item);
    const paths = [];
    if (ls.length && rs.length) {
      // Each left box sends a band to its share of the right boxes (and vice versa), so one
      // box fanning into several shows as a fork.
      const leftSlices = slices(ls, rs.length);
      const rightSlices = slices(rs, ls.length);
      let k = 0;
      for (let i = 0; i < ls.length; i++) {
        for (let j = 0; j < rs.length; j++) {
          const a = leftSlices[i][j];
          const b = rightSlices[j][i];
          paths.push(band(xl, a.y0, a.y1, xr, b.y0, b.y1));
          k++;
        }
      }
    } else if (ls.length) {
      for (const box of ls) paths.push(stub(xl, box.y, box.y + box.h, +1));
    } else if (rs.length) {
      for (const box of rs) paths.push(stub(xr, box.y, box.y + box.h, -1));
    }
    for (const d of paths) {
      const path = s(doc, 'path', { d, class: `nd-ribbon nd-k-${item.kind}` });
      const strength = item.kind === 'left_only' || item.kind === 'right_only' ? 0.55 : 0.18 + 0.72 * clamp01(item.pair.similarity);
      path.setAttribute('fill-opacity', strength.toFixed(2));
      link.append(path);
    }
    if (paths.length) ribbons.append(link);
  }

  const drawColumn = (layout, side, x) => {
    for (const [id, box] of layout.boxes) {
      const item = pairOfBlock[side].get(id);
      const kind = item?.kind ?? 'none';
      const g = s(doc, 'g', { class: `nd-box nd-k-${kind}` });
      const rect = s(doc, 'rect', { x, y: box.y, width: MAP.column, height: Math.max(1, box.h), rx: 2 });
      const title = s(doc, 'title');
      const sideModel = model[side];
      title.textContent = `${t(o.lang, side === 'left' ? 'side.left' : 'side.right')}：${blockName(box.block, sideModel.text, o.lang, 40)}`;
      g.append(title, rect);
      if (box.h >= 11) {
        const label = blockLabelForMap(box.block, sideModel.text, o.lang);
        const text = s(doc, 'text', { x: x + 4, y: box.y + Math.min(box.h / 2, 9) + 3.5, class: 'nd-box-label' });
        text.textContent = label;
        g.append(text);
      }
      if (item) {
        const a = mapLink(doc, o, item);
        a.append(g);
        boxes.append(a);
      } else {
        boxes.append(g);
      }
    }
  };
  drawColumn(leftLayout, 'left', 0);
  drawColumn(rightLayout, 'right', xr);

  svg.append(ribbons, boxes);
  const heads = h(doc, 'div', 'nd-map-heads');
  heads.setAttribute('aria-hidden', 'true');
  heads.append(h(doc, 'span', null, t(o.lang, 'report.left')), h(doc, 'span', null, t(o.lang, 'report.right')));
  const caption = h(doc, 'figcaption', 'nd-map-legend', t(o.lang, 'map.legend'));
  figure.append(heads, svg, caption);
  container.replaceChildren(figure);
  return figure;
}

function clamp01(x) {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

function blockLabelForMap(block, text, lang) {
  // About eight characters fit a column; the label first, then the start of the heading.
  return blockName(block, text, lang, 7).replace(/^「|」$/gu, '');
}

/**
 * Boxes for the top-level blocks of both sides, on one scale so that the longer notice is
 * the taller column; a minimum height keeps every block visible and clickable.
 */
function layoutColumns(leftBlocks, rightBlocks) {
  const n = Math.max(leftBlocks?.length ?? 0, rightBlocks?.length ?? 0, 1);
  const minBox = Math.max(2, Math.min(MAP.minBox, 480 / n));
  const gap = minBox < 5 ? 1 : MAP.gap;
  const size = (b) => Math.max(0, (b.range?.end ?? 0) - (b.range?.start ?? 0));
  const total = (list) => (list ?? []).reduce((sum, b) => sum + size(b), 0);
  const budget = Math.max(MAP.height - n * (minBox + gap), 120);
  const scale = budget / Math.max(1, total(leftBlocks), total(rightBlocks));
  const column = (list) => {
    const boxes = new Map();
    let y = 0;
    for (const block of list ?? []) {
      const h = minBox + size(block) * scale;
      boxes.set(block.id, { y, h, block });
      y += h + gap;
    }
    return { boxes, height: Math.max(0, y - gap) };
  };
  return [column(leftBlocks), column(rightBlocks)];
}

/**
 * The box of a block: its own when it is top-level, else the part of its top-level
 * ancestor's box that its range covers (a pair may join blocks of different levels).
 */
function boxOf(layout, block) {
  const own = layout.boxes.get(block.id);
  if (own) return own;
  const start = block.range?.start ?? 0;
  const end = block.range?.end ?? start;
  for (const box of layout.boxes.values()) {
    const a = box.block.range?.start ?? 0;
    const b = box.block.range?.end ?? a;
    if (start >= a && end <= b && b > a) {
      const y = box.y + (box.h * (start - a)) / (b - a);
      return { y, h: Math.max(2, (box.h * (end - start)) / (b - a)), block };
    }
  }
  return null;
}

/** Divides each box into `n` equal vertical slices. */
function slices(boxes, n) {
  return boxes.map((box) =>
    Array.from({ length: n }, (_, i) => ({ y0: box.y + (box.h * i) / n, y1: box.y + (box.h * (i + 1)) / n })),
  );
}

function band(x0, a0, a1, x1, b0, b1) {
  const mid = (x0 + x1) / 2;
  const f = (n) => n.toFixed(1);
  return `M${f(x0)},${f(a0)} C${f(mid)},${f(a0)} ${f(mid)},${f(b0)} ${f(x1)},${f(b0)} L${f(x1)},${f(b1)} C${f(mid)},${f(b1)} ${f(mid)},${f(a1)} ${f(x0)},${f(a1)} Z`;
}

/** A short band from a box that leads nowhere: the loose end of an addition or removal. */
function stub(x, y0, y1, direction) {
  const len = 22 * direction;
  const f = (n) => n.toFixed(1);
  const mid = (y0 + y1) / 2;
  const tip = Math.min((y1 - y0) / 2, 3);
  return `M${f(x)},${f(y0)} C${f(x + len / 2)},${f(y0)} ${f(x + len / 2)},${f(mid - tip)} ${f(x + len)},${f(mid - tip)} L${f(x + len)},${f(mid + tip)} C${f(x + len / 2)},${f(mid + tip)} ${f(x + len / 2)},${f(y1)} ${f(x)},${f(y1)} Z`;
}

function mapLink(doc, o, item) {
  const a = s(doc, 'a', { class: 'nd-map-link', href: `#${pairId(o, item.key)}`, 'aria-label': item.summary });
  a.dataset.key = item.key;
  const title = s(doc, 'title');
  title.textContent = item.summary;
  a.append(title);
  return a;
}

// ───────────────────────────── the pairs ─────────────────────────────

/**
 * The segments of one side of a leaf pair, block by block: `[{ block, parts: [{ kind, text,
 * change }] }]`, where kind is 'equal', 'delete' or 'insert' and `change` numbers the change
 * run (a maximal run of deletes and inserts, as Stats.changes counts them) within the pair.
 */
function sideSegments(item, side, text) {
  const blocks = side === 'left' ? item.leftBlocks : item.rightBlocks;
  const ranges = blocks.length
    ? blocks.map((block) => ({ block, start: block.range?.start ?? 0, end: block.range?.end ?? 0 }))
    : [item.pair[`${side}_range`]].filter(Boolean).map((r) => ({ block: null, start: r.start, end: r.end }));
  const ops = [];
  let run = -1;
  let inChange = false;
  for (const op of item.pair.ops ?? []) {
    const change = op.kind !== 'equal';
    if (change && !inChange) run++;
    inChange = change;
    const span = op[side];
    if (!span || span.end <= span.start) continue;
    ops.push({ kind: op.kind, start: span.start, end: span.end, change: change ? run : null });
  }
  ops.sort((a, b) => a.start - b.start);
  return ranges.map((range) => {
    const parts = [];
    let cursor = range.start;
    const plain = (end) => {
      if (end > cursor) parts.push({ kind: 'equal', text: text.slice(cursor, end), change: null });
      cursor = Math.max(cursor, end);
    };
    for (const op of ops) {
      if (op.end <= range.start || op.start >= range.end) continue;
      const start = Math.max(op.start, range.start, cursor);
      const end = Math.min(op.end, range.end);
      if (end <= start) continue;
      plain(start);
      parts.push({ kind: op.kind, text: text.slice(start, end), change: op.change });
      cursor = end;
    }
    plain(range.end);
    return { block: range.block, parts };
  });
}

/** The ops of a leaf pair in one reading, for the inline view: deletions then insertions. */
function inlineSegments(item, model) {
  const parts = [];
  let run = -1;
  let inChange = false;
  const blockIndex = (blocks, span) => blocks.findIndex((b) => span.start >= (b.range?.start ?? 0) && span.start <= (b.range?.end ?? 0));
  let lastLeft = null;
  let lastRight = null;
  const ops = item.pair.ops ?? [];
  if (!ops.length) {
    const side = item.rightBlocks.length ? 'right' : 'left';
    const text = model[side].text;
    for (const segment of sideSegments(item, side, text)) {
      if (parts.length) parts.push({ kind: 'break' });
      parts.push(...segment.parts);
    }
    return parts;
  }
  for (const op of ops) {
    const change = op.kind !== 'equal';
    if (change && !inChange) run++;
    inChange = change;
    const useLeft = op.kind === 'delete' || (op.kind === 'equal' && !(op.right?.end > op.right?.start));
    const span = useLeft ? op.left : op.right;
    if (!span || span.end <= span.start) continue;
    // A new block on either side starts a new line, as in the two-column view.
    const li = op.left && op.left.end > op.left.start ? blockIndex(item.leftBlocks, op.left) : lastLeft;
    const ri = op.right && op.right.end > op.right.start ? blockIndex(item.rightBlocks, op.right) : lastRight;
    if (parts.length && ((li !== lastLeft && li !== null && lastLeft !== null) || (ri !== lastRight && ri !== null && lastRight !== null))) {
      parts.push({ kind: 'break' });
    }
    lastLeft = li ?? lastLeft;
    lastRight = ri ?? lastRight;
    const text = (useLeft ? model.left : model.right).text.slice(span.start, span.end);
    parts.push({ kind: op.kind, text, change: change ? run : null });
  }
  return parts;
}

function renderParts(doc, target, parts, item, changes, wholeBlock) {
  for (const part of parts) {
    if (part.kind === 'break') {
      target.append(h(doc, 'span', 'nd-break'));
      continue;
    }
    if (part.kind === 'equal') {
      target.append(doc.createTextNode(part.text));
      continue;
    }
    const node = h(doc, part.kind === 'insert' ? 'ins' : 'del', wholeBlock ? 'nd-whole' : null, part.text);
    if (part.change !== null && changes) {
      const index = changes.register(item, part.change, node);
      node.dataset.change = String(index);
    }
    target.append(node);
  }
}

/**
 * Splits `parts` after about `limit` characters: `[head, tail]`. The cut prefers the end of a
 * sentence or line shortly before the limit, and never falls inside a surrogate pair.
 */
function cutParts(parts, limit) {
  const head = [];
  let used = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const length = part.text?.length ?? 0;
    if (part.kind === 'break' || used + length <= limit) {
      head.push(part);
      used += length;
      continue;
    }
    const room = Math.max(1, limit - used);
    const window = part.text.slice(Math.max(0, room - 400), room);
    const stop = Math.max(window.lastIndexOf('。'), window.lastIndexOf('\n'), window.lastIndexOf('；'));
    let at = stop >= 0 ? Math.max(0, room - 400) + stop + 1 : room;
    const code = part.text.charCodeAt(at - 1);
    if (code >= 0xd800 && code <= 0xdbff) at++;
    if (at > 0) head.push({ ...part, text: part.text.slice(0, at) });
    const rest = at < length ? [{ ...part, text: part.text.slice(at) }] : [];
    return [head, [...rest, ...parts.slice(i + 1)]];
  }
  return [head, []];
}

const textLength = (parts) => parts.reduce((sum, part) => sum + (part.text?.length ?? 0), 0);

/**
 * renderParts for texts of any length: the first `o.maxBlockChars` characters, then a button
 * that shows the next piece as often as it is pressed. Changes not yet shown are registered
 * with the button, so next/previous change still stops there; shown, they get their marks.
 */
function renderBounded(doc, o, target, parts, item, changes, wholeBlock) {
  const limit = o.maxBlockChars;
  if (!(Number.isFinite(limit) && limit > 0) || textLength(parts) <= limit) {
    renderParts(doc, target, parts, item, changes, wholeBlock);
    return;
  }
  const more = h(doc, 'button', 'nd-more');
  more.type = 'button';
  let hidden = [];
  let waiting = []; // indexes of changes whose only node so far is the button
  const show = (list) => {
    const [head, tail] = cutParts(list, limit);
    for (const index of waiting) changes?.unregister(index, more);
    const piece = doc.createDocumentFragment();
    renderParts(doc, piece, head, item, changes, wholeBlock);
    more.before(piece);
    hidden = tail;
    waiting = [];
    if (changes) {
      for (const part of tail) {
        if (part.change === null || part.change === undefined || part.kind === 'equal' || part.kind === 'break') continue;
        const index = changes.register(item, part.change, more);
        if (!waiting.includes(index)) waiting.push(index);
      }
    }
    const rest = textLength(tail);
    more.hidden = rest === 0;
    more.textContent = t(o.lang, 'text.more', { n: Math.min(limit, rest), rest });
  };
  target.append(more);
  more.addEventListener('click', () => show(hidden));
  show(parts);
}

/** Collects the change runs in reading order, each with the elements that show it. */
class ChangeList {
  constructor() {
    this.list = [];
    this.byRun = new Map();
  }

  register(item, run, node) {
    const key = `${item.key}/${run}`;
    let index = this.byRun.get(key);
    if (index === undefined) {
      index = this.list.length;
      this.byRun.set(key, index);
      this.list.push({ key: item.key, nodes: [] });
    }
    if (!this.list[index].nodes.includes(node)) this.list[index].nodes.push(node);
    return index;
  }

  /** Takes `node` (a "show more" button, once pressed) off change `index`. */
  unregister(index, node) {
    const nodes = this.list[index]?.nodes;
    const at = nodes ? nodes.indexOf(node) : -1;
    if (at < 0) return;
    nodes.splice(at, 1);
    node.classList.remove('nd-current');
  }

  /** A stop for a pair whose change is where it is, not what it says (a move, a merge). */
  registerPair(item, node) {
    const index = this.list.length;
    this.list.push({ key: item.key, nodes: [node] });
    return index;
  }
}

function cellLabels(doc, labels) {
  const box = h(doc, 'div', 'nd-labels');
  for (const label of labels) box.append(h(doc, 'span', 'nd-label', label));
  return box;
}

function renderCell(doc, o, item, side, model, changes) {
  const cell = h(doc, 'div', `nd-cell nd-${side}`);
  const blocks = side === 'left' ? item.leftBlocks : item.rightBlocks;
  const range = item.pair[`${side}_range`];
  if (!blocks.length && !range) {
    cell.classList.add('nd-empty');
    cell.append(h(doc, 'span', 'nd-empty-note', t(o.lang, side === 'left' ? 'pair.noCounterpart.left' : 'pair.noCounterpart.right')));
    return cell;
  }
  const labels = item.labels[side];
  if (labels.length) cell.append(cellLabels(doc, labels));
  const whole = item.kind === 'left_only' || item.kind === 'right_only';
  for (const segment of sideSegments(item, side, model[side].text)) {
    const block = h(doc, 'div', 'nd-text');
    block.lang = 'zh-CN';
    if (segment.block) block.dataset.block = String(segment.block.id);
    renderBounded(doc, o, block, segment.parts, item, changes, whole);
    cell.append(block);
  }
  return cell;
}

function renderGutter(doc, o, item) {
  const gutter = h(doc, 'div', 'nd-gutter');
  gutter.setAttribute('aria-hidden', 'true');
  // Most pairs are modified; only the other kinds need saying.
  if (item.kind !== 'modified') gutter.append(chip(doc, item.kind, item.kindName, item.clutter));
  if (item.kind !== 'left_only' && item.kind !== 'right_only' && item.kind !== 'identical') {
    gutter.append(h(doc, 'span', 'nd-sim', item.similarity));
    gutter.append(h(doc, 'span', 'nd-nchanges', t(o.lang, 'pair.changes', { n: item.changes })));
  }
  if (item.pair.approximate) gutter.append(h(doc, 'span', 'nd-approx', t(o.lang, 'pair.approximate')));
  return gutter;
}

function renderPair(doc, o, item, model, changes) {
  const row = h(doc, 'section', `nd-pair nd-k-${item.kind}${item.leaf ? ' nd-leaf' : ' nd-parent'}${item.clutter ? ' nd-clutter' : ''}`);
  row.id = pairId(o, item.key);
  row.dataset.key = item.key;
  row.dataset.kind = item.kind;
  row.dataset.depth = String(item.depth);
  row.setAttribute('aria-label', item.summary);
  if (!item.leaf) {
    // A section: a heading bar that says what happened inside; its rows follow.
    const bar = h(doc, 'div', 'nd-section-bar');
    const title = h(doc, 'span', 'nd-section-name', item.name);
    bar.append(chip(doc, item.kind, item.kindName, item.clutter), title);
    const labels = [...item.labels.right, ...item.labels.left];
    for (const label of labels) bar.append(h(doc, 'span', 'nd-label', label));
    if (item.kind !== 'identical' && item.kind !== 'left_only' && item.kind !== 'right_only') {
      bar.append(h(doc, 'span', 'nd-section-stat', `${t(o.lang, 'pair.changes', { n: item.changes })} · ${t(o.lang, 'pair.similarity', { p: item.similarity })}`));
    }
    bar.setAttribute('aria-hidden', 'true');
    row.append(bar);
    if (['moved', 'merged', 'split'].includes(item.kind)) bar.dataset.change = String(changes.registerPair(item, bar));
    return row;
  }
  const body = h(doc, 'div', 'nd-row');
  const structural = ['moved', 'merged', 'split'].includes(item.kind);
  if (o.view === 'inline') {
    body.append(renderGutter(doc, o, item));
    const cell = h(doc, 'div', 'nd-cell nd-inline');
    // One reading, one label: where a moved or merged part came from, what a split became.
    const labels = item.kind === 'split' ? item.labels.left : item.labels.right;
    if (labels.length) cell.append(cellLabels(doc, labels));
    const text = h(doc, 'div', 'nd-text');
    text.lang = 'zh-CN';
    if (structural && !item.changes) text.dataset.change = String(changes.registerPair(item, text));
    renderBounded(doc, o, text, inlineSegments(item, model), item, changes, item.kind === 'left_only' || item.kind === 'right_only');
    cell.append(text);
    body.append(cell);
  } else {
    const left = renderCell(doc, o, item, 'left', model, changes);
    const gutter = renderGutter(doc, o, item);
    if (structural && !item.changes) gutter.dataset.change = String(changes.registerPair(item, gutter));
    const right = renderCell(doc, o, item, 'right', model, changes);
    body.append(left, gutter, right);
  }
  row.append(body);
  return row;
}

/**
 * The rows: one per pair, in reading order, sections nesting their children; runs of
 * identical pairs folded into a <details> that says how much is hidden.
 * Returns `{ root, changes }`, `changes` being the change runs in order.
 */
export function renderPairs(container, comparison, options, model = describe(comparison, settings(options).lang)) {
  const o = settings(options);
  const doc = docOf(container);
  const root = h(doc, 'div', `nd nd-pairs nd-view-${o.view === 'inline' ? 'inline' : 'columns'}`);
  root.dataset.lang = o.lang;
  const changes = new ChangeList();

  if (o.view !== 'inline') {
    const heads = h(doc, 'div', 'nd-heads');
    heads.setAttribute('aria-hidden', 'true');
    const lh = h(doc, 'div', 'nd-head nd-left', o.leftName ?? t(o.lang, 'side.left'));
    const rh = h(doc, 'div', 'nd-head nd-right', o.rightName ?? t(o.lang, 'side.right'));
    heads.append(lh, h(doc, 'div', 'nd-head nd-gutter-head'), rh);
    root.append(heads);
  }

  // Children of each parent, in order, so identical runs can be folded per level.
  const children = new Map();
  for (const item of model.items) {
    const k = item.parent?.key ?? null;
    if (!children.has(k)) children.set(k, []);
    children.get(k).push(item);
  }

  const build = (parentKey, target) => {
    const list = children.get(parentKey) ?? [];
    let i = 0;
    while (i < list.length) {
      if (list[i].kind === 'identical') {
        let j = i;
        while (j < list.length && list[j].kind === 'identical') j++;
        target.append(foldIdentical(doc, o, list.slice(i, j), model, changes, build));
        i = j;
        continue;
      }
      const row = renderPair(doc, o, list[i], model, changes);
      target.append(row);
      if (!list[i].leaf) build(list[i].key, row);
      i++;
    }
  };
  build(null, root);
  container.replaceChildren(root);
  return { root, changes: changes.list };
}

function foldIdentical(doc, o, items, model, changes, build) {
  const details = h(doc, 'details', 'nd-same');
  details.open = !o.collapseIdentical;
  const summary = h(doc, 'summary', 'nd-same-summary');
  const chars = items.reduce((sum, item) => sum + (item.pair.stats?.unchanged ?? 0), 0);
  const names = items.length === 1 ? items[0].name : `${items[0].name} … ${items[items.length - 1].name}`;
  summary.append(
    chip(doc, 'identical', t(o.lang, 'collapsed', { n: items.length, chars })),
    h(doc, 'span', 'nd-same-names', names),
  );
  details.append(summary);
  for (const item of items) {
    const row = renderPair(doc, o, item, model, changes);
    details.append(row);
    if (!item.leaf) build(item.key, row);
  }
  return details;
}

// ───────────────────────────── the whole view ─────────────────────────────

/**
 * Renders the whole comparison into `container` (replacing its content): summary, map,
 * outline and rows. Returns a controller for navigation:
 *   { root, changes, model, next(), prev(), goToChange(i), goToPair(key), setCollapsed(bool), current }
 */
export function renderComparison(container, comparison, options) {
  const o = settings(options);
  const doc = docOf(container);
  const model = describe(comparison, o.lang);
  const root = h(doc, 'div', 'nd nd-comparison');
  root.dataset.lang = o.lang;
  const side = h(doc, 'div', 'nd-side');
  const summaryBox = h(doc, 'div', 'nd-summary-box');
  const mapBox = h(doc, 'div', 'nd-map-box');
  const outlineBox = h(doc, 'div', 'nd-outline-box');
  const pairsBox = h(doc, 'div', 'nd-pairs-box');
  renderSummary(summaryBox, comparison, o);
  renderMap(mapBox, comparison, o, model);
  renderOutline(outlineBox, comparison, o, model);
  const { changes } = renderPairs(pairsBox, comparison, o, model);
  side.append(mapBox, outlineBox);
  root.append(summaryBox, side, pairsBox);
  container.replaceChildren(root);
  return controller(root, model, changes, o);
}

/**
 * Navigation over what was rendered under `root` (which may hold the pairs, the map and
 * the outline in any arrangement): change by change, pair by pair, folding.
 */
export function controller(root, model, changes, options) {
  const o = settings(options);
  let current = -1;
  let active = null;
  const api = {
    root,
    model,
    changes,
    get current() {
      return current;
    },
    /** Highlights change `i` (wrapping around) and scrolls it into view. */
    goToChange(i, { scroll = true, focus = false } = {}) {
      if (!changes.length) return null;
      const index = ((i % changes.length) + changes.length) % changes.length;
      for (const node of changes[current]?.nodes ?? []) node.classList.remove('nd-current');
      current = index;
      const change = changes[index];
      for (const node of change.nodes) {
        node.classList.add('nd-current');
        openAncestors(node);
      }
      if (scroll) change.nodes[0].scrollIntoView({ block: 'center', behavior: 'auto' });
      if (focus) focusRow(byId(root, pairId(o, change.key)));
      api.setActive(change.key);
      return { index, total: changes.length, key: change.key };
    },
    next() {
      return api.goToChange(current + 1);
    },
    prev() {
      return api.goToChange(current < 0 ? -1 : current - 1);
    },
    /** Scrolls to the row of pair `key` (unfolding it) and focuses it. */
    goToPair(key) {
      const row = byId(root, pairId(o, key));
      if (!row) return false;
      openAncestors(row);
      row.scrollIntoView({ block: 'start', behavior: 'auto' });
      focusRow(row);
      // Continue n/p from here.
      const first = changes.findIndex((c) => c.key === key || c.key.startsWith(`${key}-`));
      if (first >= 0) current = first - 1;
      api.setActive(key);
      o.onNavigate?.(key);
      return true;
    },
    /**
     * Marks pair `key` as the one being read: its outline entry (aria-current) and the map
     * ribbon of the top-level pair holding it.
     */
    setActive(key) {
      if (key === active) return;
      active = key;
      const top = key == null ? null : String(key).split('-')[0];
      for (const node of root.querySelectorAll('.nd-active')) node.classList.remove('nd-active');
      for (const node of root.querySelectorAll('a.nd-outline-link[aria-current]')) node.removeAttribute('aria-current');
      if (key == null) return;
      for (const node of root.querySelectorAll(`a.nd-map-link[data-key="${top}"]`)) node.classList.add('nd-active');
      const link = root.querySelector(`a.nd-outline-link[data-key="${key}"]`) ?? root.querySelector(`a.nd-outline-link[data-key="${top}"]`);
      link?.setAttribute('aria-current', 'location');
      return link;
    },
    /** Folds (true) or unfolds (false) every run of identical pairs. */
    setCollapsed(collapsed) {
      for (const details of root.querySelectorAll('details.nd-same')) details.open = !collapsed;
    },
  };
  if (o.interactive) {
    root.addEventListener('click', (event) => {
      const link = event.target.closest?.('a.nd-map-link, a.nd-outline-link');
      if (!link || !root.contains(link)) return;
      event.preventDefault();
      api.goToPair(link.dataset.key);
    });
  }
  return api;
}

function openAncestors(node) {
  for (let p = node.parentElement; p; p = p.parentElement) {
    if (p.tagName === 'DETAILS' && !p.open) p.open = true;
  }
}

function focusRow(row) {
  if (!row) return;
  if (!row.hasAttribute('tabindex')) row.setAttribute('tabindex', '-1');
  row.focus({ preventScroll: true });
}
