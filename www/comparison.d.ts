// The Comparison (schema 1) that the engine returns and the widget shows: docs/schema.md, as
// TypeScript. Field names are the schema's own (snake_case); enums are lower snake_case.

/** A half-open range in UTF-16 code units of one side's original text: `text.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
}

export type BlockKind =
  | 'title' | 'doc_number' | 'addressee' | 'preamble' | 'section' | 'heading' | 'paragraph'
  | 'closing' | 'contact' | 'attachment' | 'signature' | 'date' | 'clutter';

export type PairKind = 'identical' | 'modified' | 'moved' | 'merged' | 'split' | 'left_only' | 'right_only';

export type OpKind = 'equal' | 'delete' | 'insert';

export interface Block {
  /** Unique per outline, pre-order from 0. */
  id: number;
  kind: BlockKind;
  /** Depth: 0 at top level. */
  level: number;
  /** The numbering as written: "三、", "（一）", "第五条", "一是", "元旦：". */
  label: string | null;
  /** The label's number: 三 → 3. */
  ordinal: number | null;
  /** The heading text without the label. */
  heading: string | null;
  range: Span;
  /** A section: its heading block first, then paragraphs and sub-sections. */
  children: Block[];
}

export interface Outline {
  /** The whitespace-normalised title, if one was found. */
  title: string | null;
  /** Top-level blocks in document order. */
  blocks: Block[];
  /** Text length in UTF-16 code units. */
  length: number;
}

export interface Side {
  text: string;
  outline: Outline;
}

export interface Op {
  kind: OpKind;
  /** Empty for inserts (placed where the insert happens). */
  left: Span;
  /** Empty for deletes. */
  right: Span;
}

/** Character counts; `changes` counts change runs, what a reader calls "one change". */
export interface Stats {
  inserted: number;
  deleted: number;
  unchanged: number;
  changes: number;
}

/** Top-level pairs by kind. */
export type Counts = Record<PairKind, number>;

export interface Pair {
  kind: PairKind;
  /** Left block ids (several when merged; empty when right_only). */
  left: number[];
  /** Right block ids (several when split; empty when left_only). */
  right: number[];
  /** The hull of the left blocks. */
  left_range: Span | null;
  right_range: Span | null;
  /** In [0, 1]. */
  similarity: number;
  /** Inline edits, for leaf pairs (no children); [] otherwise. */
  ops: Op[];
  /** Over this pair and its descendants. */
  stats: Stats;
  approximate: boolean;
  /** Pairs among the children of these blocks. */
  children: Pair[];
}

export interface Comparison {
  schema: 1;
  left: Side;
  right: Side;
  /** Top-level pairs in reading order. */
  pairs: Pair[];
  stats: Stats;
  counts: Counts;
  /** In [0, 1]: 2·unchanged / (2·unchanged + inserted + deleted). */
  similarity: number;
  /** Some pair ran out of time budget and was diffed coarsely. */
  approximate: boolean;
}

/** Every option is optional; the defaults are in parentheses. */
export interface CompareOptions {
  /** (true) Differences in whitespace alone are not changes. */
  ignoreWhitespace?: boolean;
  /** (true) Full-width and half-width forms of a character are the same. */
  foldWidth?: boolean;
  /** (false) Differences in punctuation alone are not changes. */
  ignorePunctuation?: boolean;
  /** (false) Chinese and Arabic numerals of the same number are the same. */
  foldNumerals?: boolean;
  /** (1000) Milliseconds a comparison may take before it diffs coarsely; 0: no limit. */
  timeBudgetMs?: number;
}
