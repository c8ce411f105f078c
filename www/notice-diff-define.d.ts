// Importing notice-diff-define.js registers <notice-diff>; it re-exports the class.
export { NoticeDiff } from './notice-diff-element.js';
export type * from './notice-diff-element.js';
