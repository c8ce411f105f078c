// The exported report: one self-contained HTML file — the rendered comparison with its CSS
// inlined, no script at all (its own CSP forbids any), every text escaped by the DOM
// serialiser because it only ever entered the DOM as text.

import { renderSummary, renderMap, renderOutline, renderPairs, describe } from './render.js';
import { t, htmlLang } from './i18n.js';

const REPORT_CSS = `
body { margin: 0 auto; padding: 1.5rem; max-width: 1400px; background: var(--nd-bg); line-height: 1.5; }
h1 { font-size: 1.4rem; margin: 0 0 0.25rem; }
.report-meta { color: var(--nd-muted); font-size: 0.85rem; margin: 0 0 1rem; }
.report-sides { display: grid; grid-template-columns: 1fr 1fr; gap: 0.5rem 1.5rem; margin: 0 0 1rem; font-size: 0.9rem; }
.report-sides dt { color: var(--nd-muted); font-size: 0.8rem; }
.report-sides dd { margin: 0; font-weight: 600; }
.report-top { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; margin-bottom: 1.5rem; }
.report-top > .report-summary { flex: 1 1 20rem; }
.report-outline { margin-top: 1rem; max-width: 36rem; columns: 2 16rem; column-gap: 1.5rem; }
.report-outline .nd-outline-list .nd-outline-list { break-inside: avoid; }
@media print { body { padding: 0; max-width: none; } .report-top { break-after: page; } }
`;

/**
 * The report as an HTML string.
 * @param {object} comparison  a Comparison (docs/schema.md)
 * @param {object} options     { lang, css (the text of notice-diff.css), leftName, rightName, date }
 */
export function buildReport(comparison, { lang = 'zh', css = '', leftName, rightName, date = new Date() } = {}) {
  // The body is built as DOM in an inert document and serialised (which escapes every text);
  // the head is written out, because a <style> element, even in an inert document, counts
  // as inline style under the page's CSP.
  const doc = document.implementation.createHTMLDocument('');
  const body = doc.body;
  const h1 = doc.createElement('h1');
  h1.textContent = t(lang, 'report.title');
  const when = doc.createElement('p');
  when.className = 'report-meta';
  when.textContent = t(lang, 'report.generated', { date: date.toLocaleString(lang === 'en' ? 'en' : 'zh-CN') });
  const sides = doc.createElement('dl');
  sides.className = 'report-sides';
  for (const [label, name] of [[t(lang, 'report.left'), leftName], [t(lang, 'report.right'), rightName]]) {
    const group = doc.createElement('div');
    const dt = doc.createElement('dt');
    dt.textContent = label;
    const dd = doc.createElement('dd');
    dd.textContent = name ?? '';
    group.append(dt, dd);
    sides.append(group);
  }
  // Everything, however long: a report has no script to show more with.
  const options = { lang, view: 'columns', collapseIdentical: true, interactive: false, leftName, rightName, idPrefix: 'r-', maxBlockChars: Infinity };
  const model = describe(comparison, lang);
  const top = doc.createElement('div');
  top.className = 'report-top';
  const summary = doc.createElement('div');
  summary.className = 'report-summary';
  renderSummary(summary, comparison, options);
  const contents = doc.createElement('div');
  contents.className = 'report-outline';
  renderOutline(contents, comparison, options, model);
  summary.append(contents);
  const map = doc.createElement('div');
  renderMap(map, comparison, options, model);
  top.append(summary, map);
  const pairs = doc.createElement('div');
  renderPairs(pairs, comparison, options, model);
  body.append(h1, when, sides, top, pairs);

  const title = `${t(lang, 'report.title')} · ${leftName ?? t(lang, 'side.left')} ↔ ${rightName ?? t(lang, 'side.right')}`;
  // Our own CSS; still, nothing in it may close the style element early.
  const style = `${css}\n${REPORT_CSS}`.replace(/<\//g, '<\\/');
  return [
    '<!doctype html>',
    `<html lang="${htmlLang(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    // No script may run in a report, whatever a notice contains.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeText(title)}</title>`,
    `<style>${style}</style>`,
    '</head>',
    `<body class="nd" data-lang="${lang === 'en' ? 'en' : 'zh'}">`,
    body.innerHTML,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function escapeText(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
