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

import { renderComparison } from './standin-render.js';

const STYLESHEET = new URL('./standin-notice-diff.css', import.meta.url);
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

const MESSAGES = {
  zh: {
    loading: '正在加载…',
    comparing: '正在对比…',
    waiting: '请提供两份通知。',
    left: '左侧',
    right: '右侧',
    fetchFailed: (side, url, why) => `无法获取${side}通知（${why}）：${url}`,
    readFailed: (side, why) => `无法读取${side}通知：${why}`,
    loadFailed: (why) => `对比引擎加载失败：${why}`,
    compareFailed: (why) => `对比失败：${why}`,
  },
  en: {
    loading: 'Loading…',
    comparing: 'Comparing…',
    waiting: 'Give two notices to compare.',
    left: 'left',
    right: 'right',
    fetchFailed: (side, url, why) => `Could not fetch the ${side} notice (${why}): ${url}`,
    readFailed: (side, why) => `Could not read the ${side} notice: ${why}`,
    loadFailed: (why) => `The comparison engine did not load: ${why}`,
    compareFailed: (why) => `The comparison failed: ${why}`,
  },
};

// Only what the widget itself needs around the renderer's own stylesheet. `all: initial` on the
// root stops every inherited property of the host page (color, font-size, line-height, …) at
// the shadow boundary; custom properties still inherit, which is how a host themes the widget.
const WIDGET_CSS = `
:host { display: block; }
:host([hidden]) { display: none; }
.root {
  all: initial;
  display: block;
  box-sizing: border-box;
  height: 100%;
  overflow: auto;
  font-family: var(--notice-diff-font, system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif);
  font-size: var(--notice-diff-font-size, 15px);
  line-height: var(--notice-diff-line-height, 1.7);
  color: var(--notice-diff-color, #1f2328);
  background: var(--notice-diff-background, #fff);
}
.status { margin: 0.5em 0; color: var(--notice-diff-muted, #59636e); }
.status:empty { display: none; }
.error { margin: 0.5em 0; color: var(--notice-diff-error, #b42318); }
.error:empty { display: none; }
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

const reason = (error) => (error instanceof Error ? error.message : String(error));

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
      return sheet;
    });
  renderSheet.catch(() => { renderSheet = undefined; });
  return renderSheet;
}

// A module Worker must come from the document's own origin; when the widget is served from
// another one, the wasm runs on the main thread instead (a blob: worker would also need the
// host's worker-src to allow blob: and the widget's origin, which a strict policy does not).
let engine;
function loadEngine() {
  engine ??= (async () => {
    const wasm = await import('./pkg/notice_diff.js');
    await wasm.default({ module_or_path: WASM });
    return {
      compare: async (left, right, options) => wasm.compare(left, right, options),
      readFile: async (bytes, name) => wasm.readFile(bytes, name),
    };
  })();
  engine.catch(() => { engine = undefined; });
  return engine;
}

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

/** The `notice-diff-select` detail: a pair without its ops and children, plus where it is. */
function pairDetail(pair, path) {
  return {
    kind: pair.kind,
    left: [...pair.left],
    right: [...pair.right],
    left_range: pair.left_range && { ...pair.left_range },
    right_range: pair.right_range && { ...pair.right_range },
    similarity: pair.similarity,
    stats: { ...pair.stats },
    path: [...path],
  };
}

/** Changed leaf pairs in reading order: where next() and prev() stop. */
function changeStops(pairs, path = [], stops = []) {
  pairs.forEach((pair, index) => {
    const here = [...path, index];
    if (pair.children.length > 0) changeStops(pair.children, here, stops);
    else if (pair.kind !== 'identical') stops.push(here);
  });
  return stops;
}

function pairAt(pairs, path) {
  let pair;
  let level = pairs;
  for (const index of path) {
    pair = level?.[index];
    level = pair?.children;
  }
  return pair;
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
  #prepared = null;
  #comparison = null;
  #shown = null;
  #rendered = null;
  #stops = [];
  #current = -1;
  #waiters = [];
  #observer = new MutationObserver(() => this.#schedule());
  #root;
  #status;
  #error;
  #body;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [widgetStyles()];
    this.#status = document.createElement('p');
    this.#status.className = 'status';
    this.#status.setAttribute('part', 'status');
    this.#status.setAttribute('role', 'status');
    this.#error = document.createElement('p');
    this.#error.className = 'error';
    this.#error.setAttribute('part', 'error');
    this.#error.setAttribute('role', 'alert');
    this.#body = document.createElement('div');
    this.#body.className = 'body';
    this.#body.setAttribute('part', 'body');
    this.#body.addEventListener('click', (event) => this.#clicked(event));
    this.#root = document.createElement('div');
    this.#root.className = 'root';
    this.#root.setAttribute('part', 'root');
    this.#root.append(this.#status, this.#error, this.#body);
    shadow.append(this.#root);
  }

  connectedCallback() {
    // Inline <script slot="left|right"> children may still be arriving from the parser.
    this.#observer.observe(this, { childList: true, subtree: true, characterData: true });
    this.#schedule();
  }

  disconnectedCallback() {
    this.#observer.disconnect();
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

  /** Selects the next changed pair (wrapping around); returns the select detail or null. */
  next() { return this.#step(1); }

  /** Selects the previous changed pair (wrapping around); returns the select detail or null. */
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

  #lang() {
    const lang = this.closest('[lang]')?.getAttribute('lang') ?? '';
    return /^en\b/i.test(lang) ? 'en' : 'zh';
  }

  #messages() { return MESSAGES[this.#lang()]; }

  #options() {
    const options = {};
    for (const [name, [key, type]] of Object.entries(OPTION_ATTRIBUTES)) {
      const value = parseOption(this.getAttribute(name), type);
      if (value !== undefined) options[key] = value;
    }
    return options;
  }

  // The engine and the renderer's stylesheet, once per element; `notice-diff-ready` follows.
  #prepare() {
    this.#prepared ??= Promise.all([loadEngine(), loadRenderSheet()]).then(
      ([engine, sheet]) => {
        this.shadowRoot.adoptedStyleSheets = [widgetStyles(), sheet];
        this.#emit('notice-diff-ready', {});
        return engine;
      },
      (error) => {
        this.#prepared = null;
        throw new NoticeDiffError('load_failed', this.#messages().loadFailed(reason(error)));
      },
    );
    return this.#prepared;
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
      const text = this.#fetch(side, url, engine);
      text.catch(() => { if (this.#fetched[side]?.text === text) this.#fetched[side] = null; });
      this.#fetched[side] = { url, text };
    }
    return this.#fetched[side].text;
  }

  async #fetch(side, url, engine) {
    const messages = this.#messages();
    let bytes;
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw new NoticeDiffError('fetch_failed', messages.fetchFailed(messages[side], url, reason(error)));
    }
    const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || '');
    try {
      return (await engine.readFile(bytes, name || null)).text;
    } catch (error) {
      throw new NoticeDiffError('read_failed', messages.readFailed(messages[side], reason(error)));
    }
  }

  async #update() {
    const generation = ++this.#generation;
    const stale = () => generation !== this.#generation;
    const messages = this.#messages();
    try {
      if (!this.#comparison) this.#status.textContent = messages.loading;
      const engine = await this.#prepare();
      const [left, right] = await Promise.all(SIDES.map((side) => this.#input(side, engine)));
      if (stale()) return;
      if (left === null || right === null) {
        if (!this.#comparison) this.#status.textContent = messages.waiting;
        return;
      }
      const options = this.#options();
      const key = JSON.stringify(options);
      const shown = this.#shown;
      const fresh = !(shown && shown.left === left && shown.right === right && shown.key === key);
      if (fresh) {
        this.#status.textContent = messages.comparing;
        this.#root.setAttribute('aria-busy', 'true');
        let comparison;
        try {
          comparison = await engine.compare(left, right, options);
        } catch (error) {
          throw new NoticeDiffError('compare_failed', messages.compareFailed(reason(error)));
        }
        if (stale()) return;
        this.#comparison = comparison;
        this.#shown = { left, right, options, key };
      }
      const look = { view: this.view, lang: this.#lang() };
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
      if (stale()) return;
      const failure = error instanceof NoticeDiffError
        ? error
        : new NoticeDiffError('compare_failed', messages.compareFailed(reason(error)));
      this.#status.textContent = '';
      this.#root.removeAttribute('aria-busy');
      this.#error.textContent = failure.message;
      this.#emit('notice-diff-error', { code: failure.code, message: failure.message });
      this.#settle((waiter) => waiter.reject(failure));
    }
  }

  #settle(action) {
    const waiters = this.#waiters;
    this.#waiters = [];
    waiters.forEach(action);
  }

  #render(look, fresh) {
    this.#root.setAttribute('lang', look.lang === 'en' ? 'en' : 'zh-CN');
    const selected = fresh ? null : this.#stops[this.#current];
    renderComparison(this.#body, this.#comparison, look);
    this.#rendered = look;
    this.#stops = changeStops(this.#comparison.pairs);
    this.#current = -1;
    if (selected) this.#select(selected, false);
  }

  #pairElement(path) {
    return this.#body.querySelector(`[data-pair="${path.join('.')}"]`);
  }

  #clicked(event) {
    const element = event.target instanceof Element ? event.target.closest('[data-pair]') : null;
    if (!element || !this.#comparison) return;
    const path = element.dataset.pair.split('.').map(Number);
    this.#select(path, false);
  }

  #select(path, scroll) {
    const pair = pairAt(this.#comparison.pairs, path);
    if (!pair) return null;
    this.#body.querySelector('[aria-current="true"]')?.removeAttribute('aria-current');
    const element = this.#pairElement(path);
    element?.setAttribute('aria-current', 'true');
    if (scroll) element?.scrollIntoView({ block: 'nearest' });
    const key = path.join('.');
    this.#current = this.#stops.findIndex((stop) => stop.join('.') === key);
    const detail = pairDetail(pair, path);
    this.#emit('notice-diff-select', detail);
    return detail;
  }

  #step(direction) {
    const count = this.#stops.length;
    if (!this.#comparison || count === 0) return null;
    const from = this.#current === -1 ? (direction > 0 ? -1 : 0) : this.#current;
    const index = (from + direction + count) % count;
    return this.#select(this.#stops[index], true);
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
