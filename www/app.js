// The comparison page: chooses the two texts, asks the engine (in a worker; the default
// comparison comes from boot.js) to compare them, and lays out what render.js draws. It judges
// no text itself.

import { engine, engineLoaded, examplesIndex, exampleText, firstComparison, DEFAULT_OPTIONS, sameOptions } from './boot.js';
import { describe, renderSummary, renderMap, renderOutline, renderPairs, controller } from './render.js';
import { t, normalizeLang, htmlLang, errorMessage, formatBytes, addStrings } from './i18n.js';
import { PAGE_STRINGS } from './page-strings.js';
import { encodeState, decodeState, isPermalink, urlLengthClass } from './permalink.js';

addStrings(PAGE_STRINGS);

const LANG_KEY = 'notice-diff.lang';
const PROGRESS_DELAY_MS = 150;
// How long the page waits for its first comparison before showing the rest of itself anyway
// (a slow network or machine), with the progress line saying what it is waiting for.
const REVEAL_AFTER_MS = 1500;
// Larger than any notice, and than the reader's own limit; keeps a mistaken multi-gigabyte
// drop from being copied into memory at all.
const MAX_FILE_BYTES = 256 * 1024 * 1024;
const SIDES = ['left', 'right'];

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

function storedLang() {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
}

const state = {
  lang: normalizeLang(storedLang() ?? 'zh'),
  view: 'columns', // what the user chose; narrow windows show 'inline' regardless
  collapsed: true,
  options: { ...DEFAULT_OPTIONS },
  left: null, // { text, name, kind: 'example' | 'file' | 'paste' | 'link', example?, format?, encoding? }
  right: null,
  examples: [],
  comparison: null, // what is on screen
  shown: null, // { left, right, options } of what is on screen
  nav: null,
  model: null,
};

const narrow = window.matchMedia('(max-width: 899.98px)');
const effectiveView = () => (narrow.matches ? 'inline' : state.view);

// ───────────────────────────── strings ─────────────────────────────

function tr(key, params) {
  return t(state.lang, key, params);
}

function applyStrings() {
  document.documentElement.lang = htmlLang(state.lang);
  document.body.dataset.lang = state.lang;
  document.title = `${tr('app.title')} · notice-diff`;
  for (const node of $$('[data-i18n]')) node.textContent = tr(node.dataset.i18n);
  for (const node of $$('[data-i18n-title]')) node.title = tr(node.dataset.i18nTitle);
  for (const node of $$('[data-i18n-label]')) node.setAttribute('aria-label', tr(node.dataset.i18nLabel));
  for (const node of $$('[data-i18n-placeholder]')) node.placeholder = tr(node.dataset.i18nPlaceholder);
  $('#lang').lang = state.lang === 'zh' ? 'en' : 'zh-CN';
  fillExampleSelects();
  for (const side of SIDES) showSource(side);
  updateFoldButton();
  updateViewButtons();
}

// ───────────────────────────── messages and progress ─────────────────────────────

let progressTimer = 0;
let busy = 0;

function startBusy(key, params) {
  busy++;
  $('#comparison').setAttribute('aria-busy', 'true');
  clearTimeout(progressTimer);
  // Quick work shows nothing; only what takes noticeable time shows progress.
  progressTimer = setTimeout(() => {
    $('.progress-text').textContent = tr(key, params);
    $('#progress').classList.add('active');
  }, PROGRESS_DELAY_MS);
}

function endBusy() {
  busy = Math.max(0, busy - 1);
  if (busy > 0) return;
  clearTimeout(progressTimer);
  $('#progress').classList.remove('active');
  $('#comparison').removeAttribute('aria-busy');
}

function showError(text) {
  $('#message-text').textContent = text;
  $('#message-kept').hidden = !state.comparison;
  $('#message').hidden = false;
  hideInfo();
}

function hideError() {
  $('#message').hidden = true;
}

function showInfo(text, tone = 'info') {
  const info = $('#info');
  info.textContent = text;
  info.dataset.tone = tone;
  info.hidden = false;
}

function hideInfo() {
  $('#info').hidden = true;
}

/** Shows the whole page: until the first comparison, only its header is laid out (page.css). */
function reveal() {
  document.body.classList.remove('booting');
}

// ───────────────────────────── sources ─────────────────────────────

async function exampleSource(file) {
  const entry = state.examples.find((e) => e.file === file);
  const text = await exampleText(file);
  return { text, name: entry?.title ?? file, short: entry?.short, kind: 'example', example: file };
}

function fillExampleSelects() {
  for (const select of $$('.example-select')) {
    const side = select.dataset.side;
    const placeholder = document.createElement('option');
    placeholder.value = '';
    placeholder.textContent = tr('source.choose');
    const options = state.examples.map((entry) => {
      const option = document.createElement('option');
      option.value = entry.file;
      option.textContent = entry.short ?? entry.title;
      option.title = entry.title;
      return option;
    });
    select.replaceChildren(placeholder, ...options);
    select.value = state[side]?.kind === 'example' ? state[side].example : '';
  }
}

/** Characters as people count them (code points), without an array of a text that may be megabytes. */
function charCount(text) {
  let n = text.length;
  for (const _ of text.matchAll(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)) n--;
  return n;
}

function showSource(side) {
  const source = state[side];
  const info = $(`#source-${side}-info`);
  if (!source) {
    info.textContent = '';
    return;
  }
  const parts = [];
  if (source.kind === 'example') parts.push(`${tr('source.example')} · ${source.name}`);
  else parts.push(source.name);
  if (source.format && source.format !== 'text') parts.push(String(source.format).toUpperCase());
  // The encoding matters for text and web pages; a .docx is always UTF-8 inside.
  if (source.encoding && source.kind === 'file' && ['text', 'html'].includes(source.format)) parts.push(source.encoding);
  parts.push(tr('source.chars', { n: charCount(source.text) }));
  info.textContent = parts.join(' · ');
  info.title = source.name;
  const select = $(`.example-select[data-side="${side}"]`);
  select.value = source.kind === 'example' ? source.example : '';
}

/** Forgets a permalink in the address bar once what it describes is no longer shown. */
function clearPermalink() {
  if (isPermalink(location.hash)) history.replaceState(null, '', location.pathname + location.search);
}

function setSource(side, source) {
  state[side] = source;
  showSource(side);
  clearPermalink();
  return run();
}

async function chooseExample(side, file) {
  if (!file) return;
  startBusy('status.loading');
  try {
    await setSource(side, await exampleSource(file));
  } catch (error) {
    showError(tr('error.load', { what: file, message: error.message }));
    showSource(side);
  } finally {
    endBusy();
  }
}

async function openFile(side, file) {
  if (!file) return;
  hideError();
  if (file.size > MAX_FILE_BYTES) {
    showError(tr('error.read', { name: file.name, message: errorMessage(state.lang, { code: 'too_large', size: file.size, limit: MAX_FILE_BYTES }) }));
    return;
  }
  startBusy('status.reading', { name: file.name });
  try {
    if (/\.json$/i.test(file.name)) {
      showSavedComparison(file.name, await file.text());
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const document = await engine.readFile(bytes, file.name);
    await setSource(side, { text: document.text, name: file.name, kind: 'file', format: document.format, encoding: document.encoding });
  } catch (error) {
    if (error.name === 'AbortError') return;
    // The reader knows the limit; the size is known here.
    if (error.code === 'too_large' && !Number.isFinite(error.size)) error.size = file.size;
    showError(tr('error.read', { name: file.name, message: errorMessage(state.lang, error) }));
  } finally {
    endBusy();
  }
}

function openPaste(side) {
  const box = $(`#paste-${side}`);
  const toggle = $(`.paste-toggle[data-side="${side}"]`);
  const area = $(`.paste-text[data-side="${side}"]`);
  if (!box.hidden) {
    closePaste(side);
    return;
  }
  area.value = state[side]?.text ?? '';
  box.hidden = false;
  toggle.setAttribute('aria-expanded', 'true');
  area.focus();
  area.select();
}

function closePaste(side, { focus = true } = {}) {
  $(`#paste-${side}`).hidden = true;
  const toggle = $(`.paste-toggle[data-side="${side}"]`);
  toggle.setAttribute('aria-expanded', 'false');
  if (focus) toggle.focus();
}

function applyPaste(side) {
  const area = $(`.paste-text[data-side="${side}"]`);
  if (!area.value.trim()) {
    area.focus();
    return;
  }
  closePaste(side);
  hideError();
  setSource(side, { text: area.value, name: tr('source.pasted'), kind: 'paste' });
}

/**
 * Shows a Comparison saved as JSON (`notice-diff compare --json`, or the page's own): both
 * sides at once, exactly as the engine that produced it decided.
 */
function showSavedComparison(name, json) {
  let comparison;
  try {
    comparison = JSON.parse(json);
  } catch {
    comparison = null;
  }
  const valid =
    comparison?.schema === 1 &&
    typeof comparison.left?.text === 'string' &&
    typeof comparison.right?.text === 'string' &&
    Array.isArray(comparison.pairs);
  if (!valid) {
    showError(tr('error.read', { name, message: tr('error.notComparison') }));
    return;
  }
  runSeq++; // whatever was running is now out of date
  state.left = { text: comparison.left.text, name, kind: 'file', format: 'json' };
  state.right = { text: comparison.right.text, name, kind: 'file', format: 'json' };
  showSource('left');
  showSource('right');
  clearPermalink();
  show(comparison, { left: state.left, right: state.right, options: { ...state.options } });
}

function swap() {
  [state.left, state.right] = [state.right, state.left];
  showSource('left');
  showSource('right');
  clearPermalink();
  run();
}

// ───────────────────────────── comparing ─────────────────────────────

let runSeq = 0;

async function run() {
  if (!state.left || !state.right) return;
  const seq = ++runSeq;
  const request = { left: state.left, right: state.right, options: { ...state.options } };
  startBusy('status.comparing');
  try {
    performance.mark('notice-diff:compare-sent');
    const comparison = await engine.compare(request.left.text, request.right.text, request.options);
    if (seq !== runSeq) return;
    performance.mark('notice-diff:compare-received');
    show(comparison, request);
  } catch (error) {
    if (error.name === 'AbortError' || seq !== runSeq) return;
    // What is on screen stays, and so do the sources that produced it.
    if (state.shown) {
      state.left = state.shown.left;
      state.right = state.shown.right;
      showSource('left');
      showSource('right');
    }
    showError(engineErrorText(error));
  } finally {
    endBusy();
  }
}

/** What to tell the user when the engine failed: in their words, never a stack's. */
function engineErrorText(error) {
  if (error.loadFailed) return tr('error.load_failed');
  if (error.crashed) return tr('error.engineCrash');
  return tr('error.engine', { message: errorMessage(state.lang, error) });
}


/** Puts a comparison on screen, `request` being the sources and options it came from. */
function show(comparison, request) {
  const first = !state.comparison;
  state.comparison = comparison;
  state.shown = request;
  hideError();
  render({ keepPlace: !first });
  if (first) {
    reveal();
    performance.mark('notice-diff:first-comparison');
    document.body.dataset.ready = 'true';
  }
}

// ───────────────────────────── rendering ─────────────────────────────

function sideName(side) {
  const source = state.shown?.[side];
  const prefix = tr(side === 'left' ? 'side.left.short' : 'side.right.short');
  return `${prefix} · ${source?.name ?? ''}`;
}

/** The first row at least partly visible below the sticky bars, and where it is. */
function visibleAnchor() {
  const top = $('.toolbar')?.getBoundingClientRect().bottom ?? 0;
  for (const row of $$('#pairs .nd-pair')) {
    if (row.checkVisibility?.() === false) continue; // inside a folded <details>
    const rect = row.getBoundingClientRect();
    if (rect.height > 0 && rect.bottom > top + 40) {
      // A section's own rows are more precise than the section.
      if (row.classList.contains('nd-parent') && rect.top < top) continue;
      return { key: row.dataset.key, offset: rect.top };
    }
  }
  return null;
}

function render({ keepPlace = false } = {}) {
  const comparison = state.comparison;
  if (!comparison) return;
  const anchor = keepPlace ? visibleAnchor() : null;
  const view = effectiveView();
  const options = {
    lang: state.lang,
    view,
    collapseIdentical: state.collapsed,
    leftName: sideName('left'),
    rightName: sideName('right'),
    idPrefix: 'nd-',
    interactive: false, // the page handles clicks once, below, across re-renders
  };
  const model = describe(comparison, state.lang);
  renderSummary($('#summary'), comparison, options);
  renderMap($('#map'), comparison, options, model);
  renderOutline($('#outline'), comparison, options, model);
  const { changes } = renderPairs($('#pairs'), comparison, options, model);
  state.model = model;
  state.nav = controller($('#comparison'), model, changes, options);
  // On paper, the pickers are gone: say what was compared.
  $('#print-sides').textContent = `${sideName('left')}\n${sideName('right')}`;
  document.body.dataset.view = view;
  document.body.dataset.renders = String(Number(document.body.dataset.renders ?? 0) + 1);
  updatePosition();
  updateViewButtons();
  if (anchor) {
    const row = document.getElementById(`nd-p-${anchor.key}`);
    if (row) window.scrollBy(0, row.getBoundingClientRect().top - anchor.offset);
  }
  spyAfterPaint();
}

// The pair being read is marked in the map and the contents as the page scrolls.
let spyFrame = 0;
function spy() {
  if (spyFrame) return;
  spyFrame = requestAnimationFrame(() => {
    spyFrame = 0;
    if (!state.nav) return;
    const anchor = visibleAnchor();
    const link = state.nav.setActive(anchor?.key ?? null);
    const sidebar = $('.sidebar');
    // Keep the marked entry in sight within the sidebar, without moving the page.
    if (link && sidebar && sidebar.scrollHeight > sidebar.clientHeight) {
      const box = sidebar.getBoundingClientRect();
      const r = link.getBoundingClientRect();
      if (r.top < box.top || r.bottom > box.bottom) sidebar.scrollTop += r.top - box.top - box.height / 2;
    }
  });
}

/**
 * The spy, once the frame showing a new render is on screen. Measuring within that frame
 * would lay the fresh DOM out twice before its first paint: once for the measurement, and
 * again for the marks it sets (≈ 40 ms of the first comparison's frame).
 */
function spyAfterPaint() {
  requestAnimationFrame(() => setTimeout(spy));
}

function updatePosition(result) {
  const total = state.nav?.changes.length ?? 0;
  const position = $('#position');
  if (!total) position.textContent = tr('nav.none');
  else if (result) position.textContent = tr('nav.position', { i: result.index + 1, n: total });
  else position.textContent = tr('summary.changes', { n: total });
  $('#prev').disabled = total === 0;
  $('#next').disabled = total === 0;
}

function step(direction) {
  if (!state.nav) return;
  const result = direction > 0 ? state.nav.next() : state.nav.prev();
  updatePosition(result);
}

function updateViewButtons() {
  const view = effectiveView();
  for (const button of $$('[data-view]')) {
    button.setAttribute('aria-pressed', String(button.dataset.view === view));
    if (button.dataset.view === 'columns') {
      button.disabled = narrow.matches;
      button.title = narrow.matches ? tr('view.autoInline') : '';
    }
  }
}

function updateFoldButton() {
  const button = $('#fold');
  button.textContent = tr(state.collapsed ? 'expandAll' : 'collapseAll');
  button.setAttribute('aria-pressed', String(!state.collapsed));
}

// ───────────────────────────── permalink, export, print ─────────────────────────────

async function makePermalink() {
  const shown = state.shown;
  if (!shown) return;
  const hash = await encodeState({
    left: { text: shown.left.text, name: shown.left.name },
    right: { text: shown.right.text, name: shown.right.name },
    options: shown.options,
  });
  const url = `${location.origin}${location.pathname}${location.search}${hash}`;
  const size = formatBytes(url.length);
  const length = urlLengthClass(url.length);
  if (length === 'too_long') {
    showInfo(tr('permalink.tooLong', { size }), 'warning');
    return;
  }
  history.replaceState(null, '', hash);
  let copied = false;
  try {
    await navigator.clipboard.writeText(url);
    copied = true;
  } catch {
    copied = false;
  }
  const base = tr(copied ? 'permalink.copied' : 'permalink.ready', { size });
  showInfo(length === 'long' ? `${base} ${tr('permalink.long', { size })}` : base, length === 'long' ? 'warning' : 'info');
}

async function restorePermalink() {
  let restored;
  try {
    restored = await decodeState(location.hash);
  } catch {
    showError(tr('permalink.bad'));
    return false;
  }
  const name = (s, fallback) => (typeof s?.name === 'string' && s.name ? s.name : fallback);
  state.left = { text: restored.left.text, name: name(restored.left, tr('side.left')), kind: 'link' };
  state.right = { text: restored.right.text, name: name(restored.right, tr('side.right')), kind: 'link' };
  for (const key of Object.keys(state.options)) {
    if (typeof restored.options?.[key] === 'boolean') state.options[key] = restored.options[key];
  }
  syncOptionInputs();
  showSource('left');
  showSource('right');
  await run();
  showInfo(tr('permalink.restored'));
  return true;
}

let cssText = null;

async function exportReport() {
  if (!state.comparison) return;
  try {
    cssText ??= await fetch(new URL('notice-diff.css', import.meta.url)).then((r) => r.text());
    const { buildReport } = await import('./report.js');
    const html = buildReport(state.comparison, {
      lang: state.lang,
      css: cssText,
      leftName: state.shown.left.name,
      rightName: state.shown.right.name,
    });
    const blob = new Blob([html], { type: 'text/html;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    a.download = `notice-diff-${stamp}.html`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    showError(tr('error.load', { what: 'report', message: error.message }));
  }
}

// Printing shows everything: folded pairs open for the printout and close again after.
let foldedForPrint = [];
window.addEventListener('beforeprint', () => {
  foldedForPrint = $$('details:not([open])');
  for (const details of foldedForPrint) details.open = true;
});
window.addEventListener('afterprint', () => {
  for (const details of foldedForPrint) details.open = false;
  foldedForPrint = [];
});

// ───────────────────────────── events ─────────────────────────────

function syncOptionInputs() {
  for (const input of $$('#options input[type="checkbox"]')) input.checked = Boolean(state.options[input.name]);
}

function isTyping(target) {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

function wire() {
  for (const select of $$('.example-select')) {
    select.addEventListener('change', () => {
      hideError();
      chooseExample(select.dataset.side, select.value);
    });
  }
  for (const button of $$('.open-file')) {
    button.addEventListener('click', () => $(`.file-input[data-side="${button.dataset.side}"]`).click());
  }
  for (const input of $$('.file-input')) {
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.value = '';
      openFile(input.dataset.side, file);
    });
  }
  for (const button of $$('.paste-toggle')) button.addEventListener('click', () => openPaste(button.dataset.side));
  for (const button of $$('.paste-apply')) button.addEventListener('click', () => applyPaste(button.dataset.side));
  for (const button of $$('.paste-cancel')) button.addEventListener('click', () => closePaste(button.dataset.side));
  for (const area of $$('.paste-text')) {
    area.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        applyPaste(area.dataset.side);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        closePaste(area.dataset.side);
      }
    });
  }
  $('#swap').addEventListener('click', swap);
  for (const input of $$('#options input[type="checkbox"]')) {
    input.addEventListener('change', () => {
      state.options[input.name] = input.checked;
      clearPermalink();
      run();
    });
  }

  // Files dropped on a side go to that side; two files dropped anywhere fill both sides;
  // one dropped elsewhere goes to the side of the window it was dropped on.
  let dragDepth = 0;
  const hasFiles = (event) => Array.from(event.dataTransfer?.types ?? []).includes('Files');
  document.addEventListener('dragenter', (event) => {
    if (!hasFiles(event)) return;
    dragDepth++;
    document.body.classList.add('dragging');
  });
  document.addEventListener('dragleave', () => {
    dragDepth = Math.max(0, dragDepth - 1);
    if (!dragDepth) document.body.classList.remove('dragging');
  });
  document.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    for (const card of $$('.source')) card.classList.toggle('drop-target', card.contains(event.target));
  });
  document.addEventListener('drop', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    dragDepth = 0;
    document.body.classList.remove('dragging');
    for (const card of $$('.source')) card.classList.remove('drop-target');
    const files = Array.from(event.dataTransfer.files ?? []);
    if (!files.length) return;
    if (files.length >= 2) {
      openFile('left', files[0]).then(() => openFile('right', files[1]));
      return;
    }
    const card = event.target.closest?.('.source');
    const side = card?.dataset.side ?? (event.clientX < window.innerWidth / 2 ? 'left' : 'right');
    openFile(side, files[0]);
  });

  for (const button of $$('[data-view]')) {
    button.addEventListener('click', () => {
      if (button.disabled) return;
      state.view = button.dataset.view;
      render({ keepPlace: true });
    });
  }
  narrow.addEventListener('change', () => render({ keepPlace: true }));
  window.addEventListener('scroll', spy, { passive: true });
  // The column headings stick just below the toolbar, however many lines it wraps to.
  new ResizeObserver(([entry]) => {
    $('#pairs').style.setProperty('--nd-sticky-top', `${Math.ceil(entry.borderBoxSize?.[0]?.blockSize ?? entry.target.offsetHeight)}px`);
  }).observe($('.toolbar'));
  $('#prev').addEventListener('click', () => step(-1));
  $('#next').addEventListener('click', () => step(+1));
  $('#fold').addEventListener('click', () => {
    state.collapsed = !state.collapsed;
    state.nav?.setCollapsed(state.collapsed);
    updateFoldButton();
  });
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    if (event.key === 'n' || event.key === 'N') {
      event.preventDefault();
      step(+1);
    } else if (event.key === 'p' || event.key === 'P') {
      event.preventDefault();
      step(-1);
    }
  });
  // Map ribbons, map boxes and outline entries jump to their pair.
  $('#comparison').addEventListener('click', (event) => {
    const link = event.target.closest?.('a.nd-map-link, a.nd-outline-link');
    if (!link || !state.nav) return;
    event.preventDefault();
    state.nav.goToPair(link.dataset.key);
  });
  $('#comparison').addEventListener('keydown', (event) => {
    // SVG links are focusable but, unlike HTML links, not all browsers activate them on Enter.
    const link = event.target.closest?.('a.nd-map-link');
    if (link && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      state.nav?.goToPair(link.dataset.key);
    }
  });

  $('#lang').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    try {
      localStorage.setItem(LANG_KEY, state.lang);
    } catch {
      // Private modes may refuse storage; the switch still applies to this visit.
    }
    applyStrings();
    render({ keepPlace: true });
  });
  $('#permalink').addEventListener('click', () => makePermalink());
  $('#export').addEventListener('click', () => exportReport());
  $('#print').addEventListener('click', () => window.print());
  $('#message-close').addEventListener('click', hideError);
  window.addEventListener('hashchange', () => {
    if (isPermalink(location.hash)) restorePermalink();
  });
}

// ───────────────────────────── start ─────────────────────────────

async function start() {
  wire();
  applyStrings();
  if (narrow.matches) {
    $('#map-panel').open = false;
    $('#outline-panel').open = false;
  }
  startBusy('status.loading');
  const slow = setTimeout(reveal, REVEAL_AFTER_MS);
  try {
    const index = await examplesIndex.catch((error) => {
      showError(tr('error.load', { what: 'examples/index.json', message: error.message }));
      return { examples: [], default: [] };
    });
    state.examples = index.examples ?? [];
    fillExampleSelects();
    if (isPermalink(location.hash) && (await restorePermalink())) return;
    const first = await firstComparison?.catch((error) => {
      if (error.name === 'AbortError') return null;
      // The engine's failures are worded for the user; a missing example says which.
      if (error.name === 'EngineError') {
        showError(engineErrorText(error));
        return null;
      }
      throw error;
    });
    if (!first) return;
    const left = await exampleSource(first.leftFile);
    const right = await exampleSource(first.rightFile);
    // A choice made while the defaults were loading wins.
    if (state.left || state.right || runSeq > 0 || !sameOptions(state.options, DEFAULT_OPTIONS)) {
      state.left ??= left;
      state.right ??= right;
      showSource('left');
      showSource('right');
      if (!state.comparison) await run();
      return;
    }
    state.left = left;
    state.right = right;
    showSource('left');
    showSource('right');
    show(first.comparison, { left, right, options: { ...DEFAULT_OPTIONS } });
  } catch (error) {
    showError(tr('error.load', { what: 'examples', message: error.message }));
  } finally {
    clearTimeout(slow);
    reveal(); // an error, a permalink, or nothing to compare: the page as it is
    endBusy();
    // The default comparison may have been made at build time (boot.js): whatever is on
    // screen, say now, not at the next request, that nothing else can be compared.
    engineLoaded.catch((error) => showError(engineErrorText(error)));
    // The worker for what comes next, started once the page has settled rather than
    // competing with its first frames (or at the first request, whichever comes first).
    setTimeout(() => engine.start(), 500);
  }
}

start();
