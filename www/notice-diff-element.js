// <notice-diff>: the comparison of two notices as a custom element any page can embed.
//
// This module only defines the class; notice-diff-define.js registers it, so a host can choose
// the tag and the registry, and importing the class never has side effects.
//
// Rust decides (through the engine), render.js renders: this file gathers the two texts
// (properties, inline <script type="text/plain" slot="left|right"> or fetched `*-src`), the
// options (attributes), asks the engine for a Comparison, hands it to the page's renderer inside
// a shadow root, and reports what happened through events. Every file it needs is located
// relative to this module (import.meta.url), so it works when served from another origin.

import { Engine } from './engine.js';
import { errorMessage, htmlLang, normalizeLang, t } from './i18n.js';
import { renderComparison } from './render.js';

const STYLESHEET = new URL('./notice-diff.css', import.meta.url);
const WASM = new URL('./pkg/notice_diff_bg.wasm', import.meta.url);

/** Diff options as attributes: the kebab-case of the CompareOptions keys (docs/schema.md). */
const OPTION_ATTRIBUTES = {
  'ignore-whitespace': ['ignoreWhitespace', 'boolean'],
  'fold-width': ['foldWidth', 'boolean'],
  'ignore-punctuation': ['ignorePunctuation', 'boolean'],
  'fold-numerals': ['foldNumerals', 'boolean'],
  'time-budget-ms': ['timeBudgetMs', 'number'],
};

const SIDES = ['left', 'right'];

/** The only strings the renderer's table (i18n.js) does not have. */
const WAITING = {
  zh: '请提供要对比的两份通知。',
  en: 'Waiting for two notices to compare.',
};

/**
 * The theme a host sets on the element, by custom property, and the renderer's own property
 * each one overrides (notice-diff.css defines those on `.nd`, light and dark).
 */
const THEME = {
  '--nd-ui-font': '--notice-diff-font',
  '--nd-text-font': '--notice-diff-text-font',
  '--nd-fg': '--notice-diff-color',
  '--nd-muted': '--notice-diff-muted',
  '--nd-bg': '--notice-diff-background',
  '--nd-bg-soft': '--notice-diff-background-soft',
  '--nd-border': '--notice-diff-border',
  '--nd-accent': '--notice-diff-accent',
  '--nd-current': '--notice-diff-current',
  '--nd-ins-bg': '--notice-diff-insert-bg',
  '--nd-ins-fg': '--notice-diff-insert-color',
  '--nd-ins-line': '--notice-diff-insert-line',
  '--nd-del-bg': '--notice-diff-delete-bg',
  '--nd-del-fg': '--notice-diff-delete-color',
  '--nd-del-line': '--notice-diff-delete-line',
  '--nd-ribbon': '--notice-diff-ribbon',
};

/** `part` names given to the renderer's elements, so a host can style them with ::part(). */
const PARTS = [
  ['.nd-summary', 'summary'],
  ['.nd-score-value', 'similarity'],
  ['.nd-counts', 'counts'],
  ['.nd-map', 'map'],
  ['.nd-outline', 'outline'],
  ['.nd-pairs', 'pairs'],
  ['.nd-heads', 'heads'],
  ['.nd-pair', 'pair'],
  ['.nd-section-bar', 'section'],
  ['.nd-cell', 'cell'],
  ['.nd-cell.nd-left', 'left'],
  ['.nd-cell.nd-right', 'right'],
  ['.nd-gutter', 'gutter'],
  ['.nd-chip', 'chip'],
  ['.nd-label', 'label'],
  ['details.nd-same', 'folded'],
  ['ins', 'insert'],
  ['del', 'delete'],
];

/** Gives `root` and everything in it that PARTS names its part names. */
function addParts(root) {
  for (const [selector, part] of PARTS) {
    if (root.matches(selector)) root.part.add(part);
    for (const node of root.querySelectorAll(selector)) node.part.add(part);
  }
}

// What the widget adds to the renderer's stylesheet: the root keeps the host page's styles out.
// - `all: initial` stops every inherited property (color, font-size, line-height, …) at the
//   shadow boundary, except `direction`, which `all` leaves alone and a right-to-left host
//   would otherwise turn the notices round with.
// - Custom properties still inherit, which is how a host themes the widget; those the
//   renderer reads without defining them at the root are reset, so no stray --nd-* reaches in.
// - `visibility` and `pointer-events` stay the host's: an element it hides or disables must
//   not show or react from inside.
// - A text decoration on an ancestor (a <u>, `body { text-decoration: … }`) is not inherited
//   but propagated to every in-flow box inside, shadow trees included; only an atomic inline
//   stops it, hence a root that is an inline-block filling the element. A host's text-indent
//   would push that aside, and only an !important of the shadow tree's wins over the page's.
// - The renderer sizes things in rem, which inside a shadow root is the host's <html> font
//   size: loadRenderSheet rewrites those to --_nd-rem, which the widget owns.
const WIDGET_CSS = `
:host { display: block; text-indent: 0 !important; }
:host([hidden]) { display: none; }
.root {
  all: initial;
  display: inline-block;
  vertical-align: top;
  width: 100%;
  visibility: inherit;
  pointer-events: inherit;
  direction: ltr;
  unicode-bidi: isolate;
  --nd-k: initial;
  --nd-chip: initial;
  --nd-sticky-top: initial;
  box-sizing: border-box;
  container-type: inline-size;
  --_nd-rem: var(--notice-diff-font-size, 16px);
  font-size: var(--_nd-rem);
  line-height: 1.5;
  font-family: var(--nd-ui-font, system-ui, sans-serif);
  color: var(--nd-fg, #1f2328);
  background: var(--nd-bg, #fff);
  padding: var(--notice-diff-padding, 0.75em);
}
.status, .error { margin: 0 0 0.5em; }
.status { color: var(--nd-muted, #57606a); }
.error { color: var(--nd-del-fg, #82071e); }
.status:empty, .error:empty { display: none; }
.nd .nd-pair { cursor: pointer; }
.nd .nd-pair[aria-current="true"] > .nd-row,
.nd .nd-pair[aria-current="true"] > .nd-section-bar { outline: 2px solid var(--nd-accent); outline-offset: -2px; }
`;

let widgetSheet;
function widgetStyles() {
  if (!widgetSheet) {
    widgetSheet = new CSSStyleSheet();
    widgetSheet.replaceSync(WIDGET_CSS);
  }
  return widgetSheet;
}

/** An Error carrying one of the documented `notice-diff-error` codes. */
class NoticeDiffError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'NoticeDiffError';
    this.code = code;
  }
}

const REM = /(-?(?:\d+\.?\d*|\.\d+))rem\b/g;

/** Theming hooks and rem → --_nd-rem in every declaration of the renderer's sheet. */
function adapt(rules) {
  for (const rule of rules) {
    if (rule.cssRules) adapt(rule.cssRules);
    const style = rule.style;
    if (!style) continue;
    for (let i = 0; i < style.length; i += 1) {
      const name = style[i];
      const value = style.getPropertyValue(name).trim();
      let adapted = value.replace(REM, (whole, n) => `calc(${n} * var(--_nd-rem))`);
      if (THEME[name]) adapted = `var(${THEME[name]}, ${adapted})`;
      if (adapted !== value) style.setProperty(name, adapted, style.getPropertyPriority(name));
    }
  }
}

// The renderer's stylesheet, fetched once for every widget on the page and adopted as a
// constructable sheet: a <link> or <style> would need the host's style-src to allow it.
let renderSheet;
function loadRenderSheet() {
  renderSheet ??= fetch(STYLESHEET)
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status} ${STYLESHEET}`);
      return response.text();
    })
    .then((css) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      adapt(sheet.cssRules);
      return sheet;
    });
  renderSheet.catch(() => { renderSheet = undefined; });
  return renderSheet;
}

// A module Worker must come from the document's own origin. Served from elsewhere, the wasm
// runs on the main thread instead: a blob: worker importing this origin's worker.js would
// need the host's worker-src to allow both blob: and this origin, which a strict policy
// does not (and a refused worker is a console error on the host).
const SAME_ORIGIN = new URL(import.meta.url).origin === globalThis.location?.origin;

let mainThread;
function mainThreadEngine() {
  mainThread ??= (async () => {
    const wasm = await import('./pkg/notice_diff.js');
    await wasm.default({ module_or_path: WASM });
    return {
      compare: async (left, right, options) => wasm.compare(left, right, options),
      readFile: async (bytes, name) => wasm.readFile(bytes, name ?? undefined),
      terminate() {},
    };
  })();
  mainThread.catch(() => { mainThread = undefined; });
  return mainThread;
}

/**
 * Resolves with `engine` once it answers. A worker that cannot compile the wasm (missing,
 * served under another MIME type than application/wasm, refused by a CSP) fails only at its
 * first request, which would then be reported as that request's failure (a notice that
 * cannot be read) after `notice-diff-ready` had said all was well. Any answer of the reader,
 * here its refusal of an empty file, says the engine runs.
 */
async function started(engine) {
  try {
    await engine.readFile(new Uint8Array(0), 'probe.txt');
  } catch (error) {
    if (error?.code === undefined) {
      engine.terminate();
      throw error;
    }
  }
  return engine;
}

/**
 * The widget's hold on an engine. Once given back (terminate), its requests reject as
 * cancelled: an Engine asked again after terminate() starts a fresh worker, which an update
 * still running when its widget was removed would leave behind with nobody to end it.
 */
function lease(engine) {
  let ended = false;
  const call = (method) => (...args) => (ended
    ? Promise.reject(new DOMException('the widget gave its engine back', 'AbortError'))
    : engine[method](...args));
  return {
    compare: call('compare'),
    readFile: call('readFile'),
    terminate() {
      ended = true;
      engine.terminate();
    },
  };
}

// Each widget has its own worker: the Engine cancels an unfinished compare when the next one
// starts, and two widgets must not cancel each other.
async function loadEngine() {
  return lease(await (SAME_ORIGIN ? started(new Engine()) : mainThreadEngine()));
}

const reason = (error) => (error instanceof Error ? error.message : String(error?.message ?? error));
const aborted = (error) => error?.name === 'AbortError';

function parseOption(value, type) {
  if (value === null) return undefined;
  if (type === 'boolean') return !/^(false|0|no|off)$/i.test(value.trim());
  const number = Number(value);
  return value.trim() !== '' && Number.isFinite(number) && number >= 0 ? number : undefined;
}

/**
 * What the `notice-diff-compared` event and `compare()` report: the numbers and the options
 * they were computed under, never text.
 */
function statistics(comparison, options) {
  return {
    similarity: comparison.similarity,
    stats: { ...comparison.stats },
    counts: { ...comparison.counts },
    approximate: comparison.approximate,
    options: { ...options },
  };
}

/**
 * The `notice-diff-select` detail: the pair (without its ops and children), its path among
 * comparison.pairs, and, when next()/prev() got there, which change of how many.
 */
function pairDetail(pair, key, change) {
  return {
    kind: pair.kind,
    left: [...pair.left],
    right: [...pair.right],
    left_range: pair.left_range && { ...pair.left_range },
    right_range: pair.right_range && { ...pair.right_range },
    similarity: pair.similarity,
    stats: { ...pair.stats },
    path: key.split('-').map(Number),
    change,
  };
}

/**
 * `<notice-diff>`: compares two notices and shows them side by side (or inline).
 * See README "Embedding" and notice-diff-element.d.ts for the documented surface.
 */
export class NoticeDiff extends HTMLElement {
  static get observedAttributes() {
    return ['left-src', 'right-src', 'view', 'lang', ...Object.keys(OPTION_ATTRIBUTES)];
  }

  /**
   * Registers the element as `tag` in `registry` unless that tag is already taken (by this
   * class or by another copy of this module loaded from a different URL), so registering
   * twice is harmless. Returns the constructor registered under `tag`.
   */
  static define(tag = 'notice-diff', registry = customElements) {
    const existing = registry.get(tag);
    if (existing) return existing;
    // A constructor can be registered once per registry; a subclass lets the same element
    // live under a second tag.
    const taken = registry.getName ? registry.getName(this) !== null : false;
    registry.define(tag, taken ? class extends this {} : this);
    return registry.get(tag);
  }

  #texts = { left: null, right: null };
  #fetched = { left: null, right: null };
  #scheduled = false;
  #generation = 0;
  #engine = null;
  #running = null;
  #prepared = null;
  #readySent = false;
  #comparison = null;
  #shown = null;
  #rendered = null;
  #view = null;
  #selected = null;
  #waiters = [];
  #observer = new MutationObserver(() => this.#schedule());
  // Without a `lang` of its own the widget speaks its nearest ancestor's, which may change.
  #langObserver = new MutationObserver(() => {
    if (this.#rendered && this.#lang() !== this.#rendered.lang) this.#schedule();
  });
  #root;
  #status;
  #error;
  #body;
  #partsObserver;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [widgetStyles()];
    const element = (tag, name) => {
      const node = document.createElement(tag);
      node.className = name;
      node.setAttribute('part', name);
      return node;
    };
    this.#status = element('p', 'status');
    this.#status.setAttribute('role', 'status');
    this.#error = element('p', 'error');
    this.#error.setAttribute('role', 'alert');
    this.#body = element('div', 'body');
    this.#body.addEventListener('click', (event) => this.#clicked(event));
    // Text the renderer adds later (the rest of a long block, shown a piece at a time on
    // request) gets its part names too, before it is drawn.
    this.#partsObserver = new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) addParts(node);
      }
    });
    this.#partsObserver.observe(this.#body, { childList: true, subtree: true });
    this.#root = element('div', 'root');
    // `nd` gives the widget's own text the renderer's colours and fonts, in both schemes.
    this.#root.classList.add('nd');
    this.#root.append(this.#status, this.#error, this.#body);
    shadow.append(this.#root);
  }

  connectedCallback() {
    // Set on the element before this class was defined (a host script that ran first), a
    // property is the element's own and hides the accessor: hand it to the accessor.
    for (const name of ['left', 'right', 'leftSrc', 'rightSrc', 'view']) {
      if (Object.hasOwn(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
    // Inline <script slot="left|right"> children may still be arriving from the parser.
    this.#observer.observe(this, { childList: true, subtree: true, characterData: true });
    // Every tree the widget sits in, up through the shadow roots of the components around it
    // (a subtree observer does not see into a shadow root, nor out of one).
    for (let root = this.getRootNode(); root; root = root.host?.getRootNode()) {
      this.#langObserver.observe(root, { attributes: true, attributeFilter: ['lang'], subtree: true });
    }
    this.#schedule();
  }

  disconnectedCallback() {
    this.#observer.disconnect();
    this.#langObserver.disconnect();
    // Moving the element is a disconnect and a connect in one task: only a widget still out
    // of the document a moment later gives its worker back.
    queueMicrotask(() => this.#release());
  }

  #release() {
    if (!this.isConnected) this.#dropEngine();
  }

  #dropEngine() {
    if (!this.#engine) return;
    const [engine, running] = [this.#engine, this.#running];
    this.#engine = null;
    this.#running = null;
    this.#prepared = null;
    // At once when the engine is there, so that whoever awaited the last comparison finds
    // the worker already gone.
    if (running) running.terminate();
    else engine.then((it) => it.terminate(), () => {});
  }

  attributeChangedCallback(name, previous, value) {
    if (previous !== value) this.#schedule();
  }

  /** The left notice's text; takes precedence over an inline script and `left-src`. */
  get left() { return this.#texts.left; }
  set left(text) { this.#setText('left', text); }

  /** The right notice's text; takes precedence over an inline script and `right-src`. */
  get right() { return this.#texts.right; }
  set right(text) { this.#setText('right', text); }

  get leftSrc() { return this.getAttribute('left-src') ?? ''; }
  set leftSrc(url) { this.setAttribute('left-src', url); }

  get rightSrc() { return this.getAttribute('right-src') ?? ''; }
  set rightSrc(url) { this.setAttribute('right-src', url); }

  /** `side-by-side` (default) or `inline`. */
  get view() { return this.getAttribute('view') === 'inline' ? 'inline' : 'side-by-side'; }
  set view(view) { this.setAttribute('view', view); }

  /** The Comparison shown (docs/schema.md), or null before the first one. */
  get comparison() { return this.#comparison; }

  /**
   * Compares two texts (they replace the `left`/`right` properties) and resolves with the
   * statistics of the comparison shown, or rejects with an Error whose `code` is that of the
   * `notice-diff-error` event.
   */
  compare(left, right) {
    if (typeof left !== 'string' || typeof right !== 'string') {
      return Promise.reject(new TypeError('compare(left, right) takes two strings'));
    }
    const done = new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
    this.#texts = { left, right };
    this.#schedule();
    return done;
  }

  /** Goes to the next change (wrapping around); returns the select detail, or null. */
  next() { return this.#step(1); }

  /** Goes to the previous change (wrapping around); returns the select detail, or null. */
  prev() { return this.#step(-1); }

  #setText(side, text) {
    this.#texts[side] = text === null || text === undefined ? null : String(text);
    this.#schedule();
  }

  // Every input funnels here: any number of attribute or property changes in one task become
  // one update in a microtask.
  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      // A widget outside the document waits for connectedCallback, unless compare() was called.
      if (this.isConnected || this.#waiters.length > 0) this.#update();
    });
  }

  // Its own `lang`, else the nearest ancestor's, also outside the shadow roots of the
  // components it sits in (closest() stops at a shadow root).
  #lang() {
    for (let node = this; node; node = node.getRootNode().host) {
      const found = node.closest('[lang]');
      if (found) return normalizeLang(found.getAttribute('lang'));
    }
    return normalizeLang(null);
  }

  #options() {
    const options = {};
    for (const [name, [key, type]] of Object.entries(OPTION_ATTRIBUTES)) {
      const value = parseOption(this.getAttribute(name), type);
      if (value !== undefined) options[key] = value;
    }
    return options;
  }

  // The engine and the renderer's stylesheet; `notice-diff-ready` once both are there.
  #prepare() {
    if (!this.#engine) {
      const engine = loadEngine();
      engine.then((it) => { if (this.#engine === engine) this.#running = it; }, () => {});
      this.#engine = engine;
    }
    if (this.#prepared) return this.#prepared;
    const prepared = Promise.all([this.#engine, loadRenderSheet()]).then(
      ([engine, sheet]) => {
        this.shadowRoot.adoptedStyleSheets = [sheet, widgetStyles()];
        if (!this.#readySent) {
          this.#readySent = true;
          this.#emit('notice-diff-ready', {});
        }
        return engine;
      },
      (error) => {
        // The stylesheet may have failed while the engine loaded: the next update starts both
        // (unless a disconnect gave this engine back already, and a later one is loading).
        if (this.#prepared === prepared) this.#dropEngine();
        if (aborted(error)) throw error;
        // The user reads what to do; the host's developer finds the browser's reason in the console.
        console.error('notice-diff: the engine could not be loaded:', reason(error));
        throw new NoticeDiffError('load_failed', t(this.#lang(), 'error.load_failed'));
      },
    );
    this.#prepared = prepared;
    return prepared;
  }

  async #input(side, engine) {
    if (this.#texts[side] !== null) return this.#texts[side];
    const inline = [...this.children].find(
      (child) => child.localName === 'script' && child.getAttribute('slot') === side,
    );
    if (inline) return inline.textContent;
    const src = this.getAttribute(`${side}-src`);
    if (!src) return null;
    // Relative to the host document, fetched by the host's browser.
    const url = new URL(src, this.ownerDocument.baseURI).href;
    if (this.#fetched[side]?.url !== url) {
      const text = this.#fetch(url, engine);
      text.catch(() => { if (this.#fetched[side]?.text === text) this.#fetched[side] = null; });
      this.#fetched[side] = { url, text };
    }
    return this.#fetched[side].text;
  }

  async #fetch(url, engine) {
    const lang = this.#lang();
    let bytes;
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw new NoticeDiffError('fetch_failed', t(lang, 'error.load', { what: url, message: reason(error) }));
    }
    // The reader goes by the file's name (.txt, .html, .docx) as much as by its bytes.
    const last = new URL(url).pathname.split('/').pop() ?? '';
    let name;
    try {
      name = decodeURIComponent(last) || url;
    } catch {
      name = last || url;
    }
    try {
      return (await engine.readFile(bytes, name)).text;
    } catch (error) {
      if (aborted(error)) throw error;
      throw new NoticeDiffError('read_failed', t(lang, 'error.read', { name, message: errorMessage(lang, error) }));
    }
  }

  async #update() {
    const generation = ++this.#generation;
    const stale = () => generation !== this.#generation;
    const lang = this.#lang();
    try {
      if (!this.#comparison) this.#status.textContent = t(lang, 'status.loading');
      const engine = await this.#prepare();
      const [left, right] = await Promise.all(SIDES.map((side) => this.#input(side, engine)));
      if (stale()) return;
      if (left === null || right === null) {
        if (!this.#comparison) this.#status.textContent = WAITING[lang];
        this.#root.removeAttribute('aria-busy');
        return;
      }
      const options = this.#options();
      const key = JSON.stringify(options);
      const shown = this.#shown;
      const fresh = !(shown && shown.left === left && shown.right === right && shown.key === key);
      if (fresh) {
        this.#status.textContent = t(lang, 'status.comparing');
        this.#root.setAttribute('aria-busy', 'true');
        let comparison;
        try {
          comparison = await engine.compare(left, right, options);
        } catch (error) {
          if (aborted(error)) throw error;
          throw new NoticeDiffError('compare_failed', t(lang, 'error.engine', { message: errorMessage(lang, error) }));
        }
        if (stale()) return;
        this.#comparison = comparison;
        this.#shown = { left, right, options, key };
      }
      const look = { view: this.view, lang };
      if (fresh || this.#rendered?.view !== look.view || this.#rendered?.lang !== look.lang) {
        this.#render(look, fresh);
      }
      this.#status.textContent = '';
      this.#error.textContent = '';
      this.#root.removeAttribute('aria-busy');
      const report = () => statistics(this.#comparison, this.#shown.options);
      if (fresh) this.#emit('notice-diff-compared', report());
      this.#settle((waiter) => waiter.resolve(report()));
    } catch (error) {
      // A newer update cancelled this one: whoever waits is served by that one.
      if (stale()) return;
      // The engine was given back (a disconnect) while this update used it: a compare() still
      // waiting is served by an update that borrows a fresh one.
      if (aborted(error)) {
        if (this.#waiters.length > 0) this.#schedule();
        return;
      }
      const failure = error instanceof NoticeDiffError
        ? error
        : new NoticeDiffError('compare_failed', t(lang, 'error.engine', { message: reason(error) }));
      this.#status.textContent = '';
      this.#root.removeAttribute('aria-busy');
      this.#error.textContent = failure.message;
      this.#emit('notice-diff-error', { code: failure.code, message: failure.message });
      this.#settle((waiter) => waiter.reject(failure));
    } finally {
      // compare() on a widget outside the document borrows a worker for that one comparison.
      if (!stale() && this.#waiters.length === 0) this.#release();
    }
  }

  #settle(action) {
    const waiters = this.#waiters;
    this.#waiters = [];
    waiters.forEach(action);
  }

  #render(look, fresh) {
    this.#root.setAttribute('lang', htmlLang(look.lang));
    this.#root.dataset.lang = look.lang;
    this.#view = renderComparison(this.#body, this.#comparison, {
      view: look.view === 'inline' ? 'inline' : 'columns',
      lang: look.lang,
      onNavigate: (key) => this.#select(key, null),
    });
    addParts(this.#body);
    // Named just now, at once: the observer need not walk the whole render again.
    this.#partsObserver.takeRecords();
    this.#rendered = look;
    if (fresh) this.#selected = null;
    else if (this.#selected) this.#mark(this.#selected);
  }

  #mark(key) {
    this.#body.querySelector('.nd-pair[aria-current="true"]')?.removeAttribute('aria-current');
    this.#body.querySelector(`.nd-pair[data-key="${key}"]`)?.setAttribute('aria-current', 'true');
  }

  #clicked(event) {
    const row = event.target instanceof Element ? event.target.closest('.nd-pair') : null;
    if (row && this.#view) this.#select(row.dataset.key, null);
  }

  #select(key, change) {
    const item = this.#view?.model.byKey.get(key);
    if (!item) return null;
    this.#selected = key;
    this.#mark(key);
    const detail = pairDetail(item.pair, key, change);
    this.#emit('notice-diff-select', detail);
    return detail;
  }

  #step(direction) {
    if (!this.#view) return null;
    const moved = direction > 0 ? this.#view.next() : this.#view.prev();
    return moved ? this.#select(moved.key, { index: moved.index, total: moved.total }) : null;
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
