// <notice-diff>: the element's documented surface. See README "Embedding".
import type { CompareOptions, Comparison, Counts, PairKind, Span, Stats } from './comparison.js';

export type * from './comparison.js';

/** `notice-diff-compared` detail and what `compare()` resolves with: numbers, never text. */
export interface NoticeDiffStatistics {
  similarity: number;
  stats: Stats;
  counts: Counts;
  approximate: boolean;
  /** The options the comparison ran under: those set by attribute (absent: the default). */
  options: CompareOptions;
}

/** `notice-diff-select` detail: the pair a click, `next()` or `prev()` went to. */
export interface NoticeDiffSelectDetail {
  kind: PairKind;
  left: number[];
  right: number[];
  left_range: Span | null;
  right_range: Span | null;
  similarity: number;
  stats: Stats;
  /** Indices from `comparison.pairs` down through `children` to this pair. */
  path: number[];
  /** Which change of how many, when `next()`/`prev()` got there; null after a click. */
  change: { index: number; total: number } | null;
}

/**
 * - `fetch_failed`: a `left-src`/`right-src` could not be fetched (network, CORS, HTTP status);
 * - `read_failed`: it was fetched but is not a readable notice (empty, unsupported format, …);
 * - `load_failed`: the engine (wasm, worker) or the stylesheet did not load;
 * - `compare_failed`: the engine failed while comparing.
 * The iframe embed adds `bad_message` for a malformed postMessage request.
 */
export type NoticeDiffErrorCode = 'fetch_failed' | 'read_failed' | 'load_failed' | 'compare_failed' | 'bad_message';

/** `notice-diff-error` detail; `message` is in the widget's language. */
export interface NoticeDiffErrorDetail {
  code: NoticeDiffErrorCode;
  message: string;
}

/** The element's events; all bubble and are composed (they leave shadow roots). */
export interface NoticeDiffEventMap extends HTMLElementEventMap {
  'notice-diff-ready': CustomEvent<Record<string, never>>;
  'notice-diff-compared': CustomEvent<NoticeDiffStatistics>;
  'notice-diff-error': CustomEvent<NoticeDiffErrorDetail>;
  'notice-diff-select': CustomEvent<NoticeDiffSelectDetail>;
}

/**
 * Attributes: `left-src`, `right-src` (URLs relative to the document), `view`
 * (`side-by-side` | `inline`), `lang` (`zh` | `en`, else inherited), and the diff options
 * `ignore-whitespace`, `fold-width`, `ignore-punctuation`, `fold-numerals` (present or "true":
 * on; "false": off; absent: the default) and `time-budget-ms`.
 */
export declare class NoticeDiff extends HTMLElement {
  static readonly observedAttributes: string[];
  /**
   * Registers the element as `tag` (default `notice-diff`) in `registry` (default
   * `customElements`), unless the tag is already defined. Returns what is registered there.
   */
  static define(tag?: string, registry?: CustomElementRegistry): CustomElementConstructor;

  /** The left notice's text; wins over an inline `<script slot="left">` and `left-src`. */
  left: string | null;
  /** The right notice's text; wins over an inline `<script slot="right">` and `right-src`. */
  right: string | null;
  /** Reflects `left-src`. */
  leftSrc: string;
  /** Reflects `right-src`. */
  rightSrc: string;
  /** Reflects `view`. */
  view: 'side-by-side' | 'inline';
  /** The comparison shown, or null before the first. */
  readonly comparison: Comparison | null;

  /** Sets `left` and `right`; resolves once that comparison is shown. Rejects with `{ code }`. */
  compare(left: string, right: string): Promise<NoticeDiffStatistics>;
  /** Goes to the next change (wrapping around) and reports it as `notice-diff-select`. */
  next(): NoticeDiffSelectDetail | null;
  /** Goes to the previous change (wrapping around) and reports it as `notice-diff-select`. */
  prev(): NoticeDiffSelectDetail | null;

  addEventListener<K extends keyof NoticeDiffEventMap>(type: K, listener: (this: NoticeDiff, event: NoticeDiffEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof NoticeDiffEventMap>(type: K, listener: (this: NoticeDiff, event: NoticeDiffEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** What a host posts to the iframe embed (embed.html). */
export type NoticeDiffEmbedRequest =
  | {
      type: 'notice-diff:compare';
      /** Echoed in the answer. */
      id?: string | number;
      left: string;
      right: string;
      /** Diff options and `view`/`lang`; keys left out keep their value, null restores the default. */
      options?: { [K in keyof CompareOptions]?: CompareOptions[K] | null } & {
        view?: 'side-by-side' | 'inline' | null;
        lang?: 'zh' | 'en' | null;
      };
    }
  | { type: 'notice-diff:next' }
  | { type: 'notice-diff:prev' };

/** What the iframe embed posts to the page that framed it (and to no other origin). */
export type NoticeDiffEmbedMessage =
  | { type: 'notice-diff:ready'; detail: Record<string, never> }
  | { type: 'notice-diff:compared'; id?: string | number; detail: NoticeDiffStatistics }
  | { type: 'notice-diff:error'; id?: string | number; detail: NoticeDiffErrorDetail }
  | { type: 'notice-diff:select'; detail: NoticeDiffSelectDetail };

declare global {
  interface HTMLElementTagNameMap {
    'notice-diff': NoticeDiff;
  }
}
